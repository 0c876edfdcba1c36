// Loads a programme's orders and builds its report (domain/programme-report.ts); the same
// figures feed the JSON answer and the XLSX workbook.
import { buildProgrammeReport, type ReportDeliverable } from '$lib/domain/programme-report';
import { buildMissionPlan } from '$lib/domain/mission-plan';
import { lineAmountCents } from '$lib/domain/programme-orders';
import type { IsoDate } from '$lib/domain/dates';
import type { Database } from './db';
import { loadManyMissionRows } from './mission-data';
import { notFound } from './trpc/trpc';
import { standingOverruns } from './programme-data';

export async function programmeReport(db: Database, programmeId: string, from: IsoDate, to: IsoDate, today: IsoDate) {
	const programme = await db.programme.findUnique({ where: { id: programmeId } });
	if (!programme) throw notFound('Programme');
	const [orders, beneficiaries, overruns] = await Promise.all([
		db.programmeOrder.findMany({
			where: { programmeId },
			orderBy: { number: 'asc' },
			include: { lines: { orderBy: { sortOrder: 'asc' }, include: { priceLine: true } } }
		}),
		db.beneficiary.findMany({ where: { programmeId }, orderBy: { name: 'asc' } }),
		standingOverruns(db, programmeId)
	]);
	// The deliverables of the orders' missions, with their contractual deadlines (no tasks needed).
	const missionIds = orders.map((o) => o.missionId).filter((x): x is string => x !== null);
	const deliverables = new Map<string, ReportDeliverable[]>();
	for (const rows of await loadManyMissionRows(db, missionIds, { withTasks: false })) {
		const plan = buildMissionPlan(rows, today);
		deliverables.set(plan.mission.id, plan.deliverables);
	}
	const report = buildProgrammeReport(
		orders.map((o) => ({
			...o,
			deliverables: o.missionId ? (deliverables.get(o.missionId) ?? []) : [],
			lines: o.lines.map((l) => ({
				code: l.priceLine?.code ?? '—',
				label: l.priceLine?.label ?? l.label,
				quantityHundredths: l.quantityHundredths,
				amountHtCents: lineAmountCents(l)
			}))
		})),
		beneficiaries.map((b) => ({ id: b.id, name: b.name, siret: b.siret })),
		from,
		to,
		today
	);
	return {
		programme: { id: programme.id, title: programme.title, owner: programme.owner, kind: programme.kind },
		...report,
		overruns: overruns.map((o) => ({
			committedCents: o.committedCents,
			overCents: o.overCents,
			reason: o.reason,
			actorName: o.actorName,
			at: o.createdAt.toISOString()
		}))
	};
}
