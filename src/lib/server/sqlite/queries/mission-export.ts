// A whole mission with every relation a backup holds, read through prepared statements: the
// same value as Prisma's `mission.findUnique({ include: MISSION_EXPORT_INCLUDE })` (checked by
// tests/api/mission-export-read.test.ts), without the ~100 ms of Prisma's row mapping for a
// 1 500-task mission that used to hold the request loop during XML, .gan and JSON exports.
import type { Prisma } from '../../generated/prisma/client';
import type { SqliteAccess } from '../access';
import { toModel, type Conversions, type Tables } from '../rows';
import { column as c, table } from '../sql';

/** What Prisma would include; the reader below reads the same, in the same order. */
export const MISSION_EXPORT_INCLUDE = {
	tasks: { orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] },
	dependencies: true,
	milestoneLinks: true,
	deliverables: {
		orderBy: { number: 'asc' },
		include: { submissions: { orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }] } }
	},
	milestones: { orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] },
	tranches: {
		orderBy: { sortOrder: 'asc' },
		include: { payments: { orderBy: [{ paidOn: 'asc' }, { createdAt: 'asc' }] } }
	},
	// In the order they were entered (as the mission page lists them), which an import keeps.
	contacts: true,
	profiles: { orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] },
	costLines: { orderBy: [{ label: 'asc' }, { id: 'asc' }] },
	funders: { orderBy: { sortOrder: 'asc' } },
	timeEntries: true,
	expenses: true,
	overCapApprovals: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }
} as const satisfies Prisma.MissionInclude;

export type MissionExport = Prisma.MissionGetPayload<{ include: typeof MISSION_EXPORT_INCLUDE }>;

const NONE = { dates: {}, booleans: {} } as const;
const CONVERSIONS: { [T in keyof Tables]?: Conversions<Tables[T]> } = {
	Mission: { dates: { createdAt: true, updatedAt: true }, booleans: {} },
	DeliverableSubmission: { dates: { submittedAt: true, decidedAt: true }, booleans: {} },
	Milestone: { dates: {}, booleans: { isWeek: true } },
	TranchePayment: { dates: { createdAt: true }, booleans: {} },
	OverCapApproval: { dates: { createdAt: true }, booleans: {} }
};
// Tables read here without DateTime or Boolean columns (a new one fails the build until listed above).
const PLAIN: {
	[
		T in
			| 'Task'
			| 'Dependency'
			| 'MilestoneLink'
			| 'Deliverable'
			| 'PaymentTranche'
			| 'Contact'
			| 'CostProfile'
			| 'CostLine'
			| 'Funder'
			| 'TimeEntry'
			| 'Expense'
	]: Conversions<Tables[T]>;
} = {
	Task: NONE,
	Dependency: NONE,
	MilestoneLink: NONE,
	Deliverable: NONE,
	PaymentTranche: NONE,
	Contact: NONE,
	CostProfile: NONE,
	CostLine: NONE,
	Funder: NONE,
	TimeEntry: NONE,
	Expense: NONE
};

const byMission = (t: keyof Tables, orderBy = '') =>
	`SELECT * FROM ${table(t)} WHERE "missionId" = ?${orderBy ? ` ORDER BY ${orderBy}` : ''}`;

const SQL = {
	mission: `SELECT * FROM ${table('Mission')} WHERE ${c('Mission', 'id')} = ?`,
	tasks: byMission('Task', `${c('Task', 'sortOrder')} ASC, ${c('Task', 'id')} ASC`),
	dependencies: byMission('Dependency'),
	milestoneLinks: byMission('MilestoneLink'),
	deliverables: byMission('Deliverable', `${c('Deliverable', 'number')} ASC`),
	submissions: `SELECT s.* FROM ${table('DeliverableSubmission')} s JOIN ${table('Deliverable')} d
		ON d."id" = s.${c('DeliverableSubmission', 'deliverableId')} WHERE d.${c('Deliverable', 'missionId')} = ?
		ORDER BY ${c('DeliverableSubmission', 'submittedAt', 's')} ASC, ${c('DeliverableSubmission', 'id', 's')} ASC`,
	milestones: byMission('Milestone', `${c('Milestone', 'sortOrder')} ASC, ${c('Milestone', 'id')} ASC`),
	tranches: byMission('PaymentTranche', `${c('PaymentTranche', 'sortOrder')} ASC`),
	payments: `SELECT p.* FROM ${table('TranchePayment')} p JOIN ${table('PaymentTranche')} t
		ON t."id" = p.${c('TranchePayment', 'trancheId')} WHERE t.${c('PaymentTranche', 'missionId')} = ?
		ORDER BY ${c('TranchePayment', 'paidOn', 'p')} ASC, ${c('TranchePayment', 'createdAt', 'p')} ASC`,
	contacts: byMission('Contact'),
	profiles: byMission('CostProfile', `${c('CostProfile', 'sortOrder')} ASC, ${c('CostProfile', 'name')} ASC`),
	costLines: byMission('CostLine', `${c('CostLine', 'label')} ASC, ${c('CostLine', 'id')} ASC`),
	funders: byMission('Funder', `${c('Funder', 'sortOrder')} ASC`),
	timeEntries: byMission('TimeEntry'),
	expenses: byMission('Expense'),
	overCapApprovals: byMission(
		'OverCapApproval',
		`${c('OverCapApproval', 'createdAt')} ASC, ${c('OverCapApproval', 'id')} ASC`
	)
};

function grouped<R extends Record<string, unknown>>(rows: R[], key: keyof R): Map<unknown, R[]> {
	const out = new Map<unknown, R[]>();
	for (const row of rows) {
		let list = out.get(row[key]);
		if (!list) out.set(row[key], (list = []));
		list.push(row);
	}
	return out;
}

/** The mission and every relation of MISSION_EXPORT_INCLUDE, or null; synchronous, on the connection. */
export function readMissionExport(access: SqliteAccess, missionId: string): MissionExport | null {
	const rows = <T extends keyof Tables>(t: T, sql: string): Tables[T][] =>
		(access.statement(sql).all(missionId) as Record<string, unknown>[]).map((row) =>
			toModel<Tables[T]>(row, (CONVERSIONS[t] ?? PLAIN[t as keyof typeof PLAIN]) as Conversions<Tables[T]>)
		);
	const stored = access.statement(SQL.mission).get(missionId) as Record<string, unknown> | undefined;
	if (!stored) return null;
	const mission = toModel<Tables['Mission']>(stored, CONVERSIONS.Mission!);
	const submissions = grouped(rows('DeliverableSubmission', SQL.submissions), 'deliverableId');
	const payments = grouped(rows('TranchePayment', SQL.payments), 'trancheId');
	return {
		...mission,
		tasks: rows('Task', SQL.tasks),
		dependencies: rows('Dependency', SQL.dependencies),
		milestoneLinks: rows('MilestoneLink', SQL.milestoneLinks),
		deliverables: rows('Deliverable', SQL.deliverables).map((d) => ({
			...d,
			submissions: submissions.get(d.id) ?? []
		})),
		milestones: rows('Milestone', SQL.milestones),
		tranches: rows('PaymentTranche', SQL.tranches).map((t) => ({ ...t, payments: payments.get(t.id) ?? [] })),
		contacts: rows('Contact', SQL.contacts),
		profiles: rows('CostProfile', SQL.profiles),
		costLines: rows('CostLine', SQL.costLines),
		funders: rows('Funder', SQL.funders),
		timeEntries: rows('TimeEntry', SQL.timeEntries),
		expenses: rows('Expense', SQL.expenses),
		overCapApprovals: rows('OverCapApproval', SQL.overCapApprovals)
	};
}
