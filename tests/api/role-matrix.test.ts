// Every procedure × every role × anonymous: allowed or refused, as the table below says. The
// table is written by hand from the product's rules, not read from the code; a procedure missing
// from it, or without an access rule, fails the suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import type { AuthUser } from '$lib/server/auth/sessions';
import { seedCufMission } from '$lib/server/seed';
import { appRouter } from '$lib/server/trpc/root';
import { MISSION_ID_FIELDS, type Meta } from '$lib/server/trpc/trpc';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';

type Who =
	| 'anonymous'
	| 'outsider'
	| 'viewer'
	| 'finance'
	| 'supervisor'
	| 'coordinator'
	| 'admin'
	// Programme roles: the holder's manager, and one beneficiary's person (on beneficiary A only).
	| 'manager'
	| 'beneficiary';
const EVERYONE: Who[] = [
	'anonymous',
	'outsider',
	'viewer',
	'finance',
	'supervisor',
	'coordinator',
	'admin',
	'manager',
	'beneficiary'
];
const SIGNED_IN: Who[] = [
	'outsider',
	'viewer',
	'finance',
	'supervisor',
	'coordinator',
	'admin',
	'manager',
	'beneficiary'
];
const MEMBERS: Who[] = ['viewer', 'finance', 'supervisor', 'coordinator', 'admin'];
const PLAN: Who[] = ['coordinator', 'admin'];
const FINANCE: Who[] = ['finance', 'admin'];
const ACTUALS: Who[] = ['finance', 'coordinator', 'admin'];
const ADMIN: Who[] = ['admin'];
/** Creating missions: a right coordinators have by default, administrators always. */
const CREATORS: Who[] = ['coordinator', 'admin'];
const PROGRAMME: Who[] = ['manager', 'beneficiary', 'admin'];
const PROGRAMME_MANAGER: Who[] = ['manager', 'admin'];

interface Ids {
	missionId: string;
	taskId: string;
	otherTaskId: string;
	dependencyId: string;
	milestoneLinkId: string;
	deliverableId: string;
	milestoneId: string;
	trancheId: string;
	contactId: string;
	profileId: string;
	costLineId: string;
	userId: string;
	phaseId: string;
	feedId: string;
	programmeId: string;
	beneficiaryId: string;
	priceLineId: string;
	/** Beneficiary A's quoted order, and beneficiary B's. */
	orderId: string;
	otherOrderId: string;
}

/** Allowed callers and a valid input for each procedure. */
const MATRIX: Record<string, { allowed: Who[]; input: (ids: Ids) => unknown }> = {
	'auth.me': { allowed: EVERYONE, input: () => undefined },
	'auth.rolesOn': { allowed: MEMBERS, input: (i) => ({ missionId: i.missionId }) },
	// The matrix's accounts have no real password hash: the wrong current password answers VALIDATION.
	'auth.changePassword': {
		allowed: SIGNED_IN,
		input: () => ({ currentPassword: 'pas le bon', newPassword: 'un nouveau mot de passe' })
	},
	'missions.list': { allowed: SIGNED_IN, input: () => undefined },
	'missions.get': { allowed: MEMBERS, input: (i) => ({ missionId: i.missionId }) },
	'missions.create': {
		allowed: CREATORS,
		input: () => ({
			title: 'M',
			clientOrganisation: 'C',
			kickoffDate: '2026-01-05',
			budgetCapCents: 100,
			capBasis: 'TTC',
			vatRateBp: 2000
		})
	},
	'missions.update': {
		allowed: PLAN,
		input: (i) => ({ missionId: i.missionId, expectedVersion: 1, title: 'Titre modifié' })
	},
	'missions.delete': { allowed: ADMIN, input: (i) => ({ missionId: i.missionId }) },
	'tasks.create': {
		allowed: PLAN,
		input: (i) => ({
			missionId: i.missionId,
			parentId: i.phaseId,
			name: 'T',
			startDate: '2026-01-05',
			endDate: '2026-01-06'
		})
	},
	'tasks.update': {
		allowed: PLAN,
		input: (i) => ({ taskId: i.taskId, parentId: i.phaseId, progress: 50, expectedVersion: 1 })
	},
	'tasks.move': {
		allowed: PLAN,
		input: (i) => ({ taskId: i.otherTaskId, startDate: '2026-09-01', endDate: '2026-09-02', expectedVersion: 1 })
	},
	'tasks.delete': { allowed: PLAN, input: (i) => ({ taskId: i.otherTaskId }) },
	'tasks.link': {
		allowed: PLAN,
		input: (i) => ({ predecessorId: i.taskId, successorId: i.otherTaskId, lagDays: 0, expectedVersion: 1 })
	},
	'tasks.unlink': { allowed: PLAN, input: (i) => ({ dependencyId: i.dependencyId, expectedVersion: 1 }) },
	'tasks.updateLink': {
		allowed: PLAN,
		input: (i) => ({ dependencyId: i.dependencyId, type: 'SS', lagDays: 1, expectedVersion: 1 })
	},
	'tasks.setPredecessors': {
		allowed: PLAN,
		input: (i) => ({
			taskId: i.otherTaskId,
			predecessors: [{ predecessorId: i.taskId, type: 'FF' }],
			expectedVersion: 1
		})
	},
	'plan.deleteTask': { allowed: PLAN, input: (i) => ({ taskId: i.otherTaskId, expectedVersion: 1 }) },
	'plan.restore': {
		allowed: PLAN,
		input: (i) => ({
			missionId: i.missionId,
			tasks: [
				{
					id: `restored-${Math.random().toString(36).slice(2)}`,
					parentId: null,
					kind: 'TASK',
					name: 'R',
					startDate: '2026-01-05',
					endDate: '2026-01-06',
					progress: 0,
					sortOrder: 1
				}
			],
			links: []
		})
	},
	'plan.insertBelow': { allowed: PLAN, input: (i) => ({ taskId: i.taskId }) },
	'plan.indent': { allowed: PLAN, input: (i) => ({ taskId: i.otherTaskId, expectedVersion: 1 }) },
	'plan.outdent': { allowed: PLAN, input: (i) => ({ taskId: i.otherTaskId, expectedVersion: 1 }) },
	'plan.place': {
		allowed: PLAN,
		input: (i) => ({ taskId: i.otherTaskId, parentId: i.phaseId, afterTaskId: i.taskId, expectedVersion: 1 })
	},
	'plan.moveRow': { allowed: PLAN, input: (i) => ({ taskId: i.otherTaskId, direction: 'UP', expectedVersion: 1 }) },
	'deliverables.create': {
		allowed: PLAN,
		input: (i) => ({
			missionId: i.missionId,
			title: 'L',
			dueRule: { kind: 'OFFSET', amount: 1, unit: 'WEEKS' },
			anchorTaskId: i.taskId
		})
	},
	'deliverables.update': {
		allowed: PLAN,
		input: (i) => ({
			deliverableId: i.deliverableId,
			expectedVersion: 1,
			title: 'Nouveau titre',
			anchorTaskId: i.taskId
		})
	},
	// Handing in is the coordination's action (validating, the supervision's: see workflow tests).
	'deliverables.transition': {
		allowed: PLAN,
		input: (i) => ({ deliverableId: i.deliverableId, action: 'SUBMIT', expectedVersion: 1 })
	},
	'deliverables.submissions': { allowed: MEMBERS, input: (i) => ({ deliverableId: i.deliverableId }) },
	'deliverables.delete': { allowed: PLAN, input: (i) => ({ deliverableId: i.deliverableId }) },
	'milestones.create': {
		allowed: PLAN,
		input: (i) => ({
			missionId: i.missionId,
			name: 'J',
			kind: 'STEERING',
			dateRule: { kind: 'FIXED_DATE', date: '2026-01-05' },
			anchorTaskId: i.taskId
		})
	},
	'milestones.update': {
		allowed: PLAN,
		input: (i) => ({ milestoneId: i.milestoneId, expectedVersion: 1, name: 'J2', anchorTaskId: i.taskId })
	},
	'milestones.delete': { allowed: PLAN, input: (i) => ({ milestoneId: i.milestoneId }) },
	'milestones.link': {
		allowed: PLAN,
		input: (i) => ({ milestoneId: i.milestoneId, successorId: i.taskId, expectedVersion: 1 })
	},
	'milestones.unlink': { allowed: PLAN, input: (i) => ({ milestoneLinkId: i.milestoneLinkId }) },
	'finance.get': { allowed: MEMBERS, input: (i) => ({ missionId: i.missionId }) },
	'finance.updateTerms': {
		allowed: FINANCE,
		input: (i) => ({ missionId: i.missionId, contractAmountHtCents: null, paymentDelayDays: 30, expectedVersion: 1 })
	},
	'finance.setTranches': {
		allowed: FINANCE,
		input: (i) => ({
			missionId: i.missionId,
			expectedVersion: 1,
			tranches: [
				{ label: 'Moitié', percentBp: 5_000, triggerKind: 'MILESTONE', triggerMilestoneId: i.milestoneId },
				{
					label: 'Solde',
					percentBp: 5_000,
					triggerKind: 'DELIVERABLE_VALIDATION',
					triggerDeliverableId: i.deliverableId
				}
			]
		})
	},
	'finance.invoice': {
		allowed: FINANCE,
		input: (i) => ({ trancheId: i.trancheId, invoiceNumber: 'F-1', invoiceDate: '2025-11-28' })
	},
	'finance.recordPayment': {
		allowed: FINANCE,
		input: (i) => ({ trancheId: i.trancheId, paidOn: '2025-12-01', amountCents: 1 })
	},
	'finance.saveProfile': {
		allowed: FINANCE,
		input: (i) => ({ missionId: i.missionId, profileId: i.profileId, name: 'Junior', dayRateHtCents: 40_000 })
	},
	'finance.saveCostLine': {
		allowed: FINANCE,
		input: (i) => ({
			missionId: i.missionId,
			costLineId: i.costLineId,
			phaseId: i.phaseId,
			profileId: i.profileId,
			label: 'Déplacements',
			dayHundredths: 100
		})
	},
	'finance.deleteCostLine': { allowed: FINANCE, input: (i) => ({ costLineId: i.costLineId }) },
	'finance.setTimeEntry': {
		allowed: ACTUALS,
		input: (i) => ({
			missionId: i.missionId,
			profileId: i.profileId,
			phaseId: i.phaseId,
			weekStart: '2025-12-01',
			dayHundredths: 100
		})
	},
	'finance.addExpense': {
		allowed: ACTUALS,
		input: (i) => ({
			missionId: i.missionId,
			phaseId: i.phaseId,
			label: 'Train',
			incurredOn: '2025-12-01',
			amountHtCents: 100
		})
	},
	'finance.setFunders': { allowed: FINANCE, input: (i) => ({ missionId: i.missionId, funders: [] }) },
	'finance.ecbRates': { allowed: SIGNED_IN, input: () => undefined },
	'finance.setEcbRate': { allowed: ADMIN, input: () => ({ halfYearStart: '2026-01-01', rateBp: 215 }) },
	'audit.list': { allowed: MEMBERS, input: (i) => ({ missionId: i.missionId }) },
	'dashboard.overview': { allowed: SIGNED_IN, input: () => undefined },
	'admin.users': { allowed: ADMIN, input: () => undefined },
	'admin.createUser': {
		allowed: ADMIN,
		input: () => ({
			email: `n${Math.random().toString(36).slice(2)}@test.fr`,
			name: 'N',
			password: 'un mot de passe long'
		})
	},
	'admin.setPassword': { allowed: ADMIN, input: (i) => ({ userId: i.userId, password: 'un autre mot de passe' }) },
	'admin.grantRole': { allowed: ADMIN, input: (i) => ({ userId: i.userId, missionId: i.missionId, role: 'VIEWER' }) },
	'admin.revokeRole': { allowed: ADMIN, input: (i) => ({ userId: i.userId, missionId: i.missionId, role: 'VIEWER' }) },
	'admin.setDisabled': { allowed: ADMIN, input: (i) => ({ userId: i.userId, disabled: false }) },
	'admin.setMissionCreation': { allowed: ADMIN, input: (i) => ({ userId: i.userId, allowed: null }) },
	'admin.templates': { allowed: ADMIN, input: () => undefined },
	'admin.publishTemplate': { allowed: ADMIN, input: () => ({ templateId: 'unknown-template', published: true }) },
	'admin.exportPerson': { allowed: ADMIN, input: () => ({ email: 'm.combe@cites-unies-france.org' }) },
	'admin.eraseContact': { allowed: ADMIN, input: (i) => ({ contactId: i.contactId }) },
	'documents.exportMission': { allowed: MEMBERS, input: (i) => ({ missionId: i.missionId }) },
	'documents.importMission': { allowed: CREATORS, input: () => ({ document: { format: 'autre' } }) },
	'documents.importProject': {
		allowed: CREATORS,
		input: () => ({ content: '<pas du xml', clientOrganisation: 'C', budgetCapCents: 100 })
	},
	'documents.exportMspdi': { allowed: MEMBERS, input: (i) => ({ missionId: i.missionId }) },
	'documents.exportGanttProject': { allowed: MEMBERS, input: (i) => ({ missionId: i.missionId }) },
	'documents.templates': { allowed: SIGNED_IN, input: () => undefined },
	'documents.createFromTemplate': {
		allowed: CREATORS,
		input: () => ({
			templateId: 'builtin:study',
			kickoffDate: '2026-01-05',
			title: 'T',
			clientOrganisation: 'C',
			budgetCapCents: 100
		})
	},
	'calendar.feeds': { allowed: MEMBERS, input: (i) => ({ missionId: i.missionId }) },
	'calendar.createFeed': { allowed: MEMBERS, input: (i) => ({ missionId: i.missionId }) },
	// Members revoke their own feeds (another's answers NOT_FOUND); coordination and administrators, any.
	'calendar.revokeFeed': { allowed: MEMBERS, input: (i) => ({ missionId: i.missionId, feedId: i.feedId }) },
	'programmes.list': { allowed: SIGNED_IN, input: () => undefined },
	// A programme commits public money: creating one is an administrator's right.
	'programmes.create': {
		allowed: ADMIN,
		input: () => ({
			kind: 'SCHEME',
			title: 'P',
			owner: 'O',
			envelopeCents: 100,
			envelopeBasis: 'HT',
			startDate: '2026-01-01',
			endDate: '2026-12-31'
		})
	},
	'programmes.get': { allowed: PROGRAMME, input: (i) => ({ programmeId: i.programmeId }) },
	'programmes.update': {
		allowed: PROGRAMME_MANAGER,
		input: (i) => ({ programmeId: i.programmeId, expectedVersion: 1, title: 'Nouveau titre' })
	},
	// Deleting, as creating, is an administrator's right.
	'programmes.delete': {
		allowed: ADMIN,
		input: (i) => ({ programmeId: i.programmeId, expectedVersion: 1 })
	},
	'programmes.saveBeneficiary': {
		allowed: PROGRAMME_MANAGER,
		input: (i) => ({ programmeId: i.programmeId, name: 'B' })
	},
	'programmes.savePriceLine': {
		allowed: PROGRAMME_MANAGER,
		input: (i) => ({
			programmeId: i.programmeId,
			code: `C${Math.random().toString(36).slice(2, 8)}`,
			label: 'L',
			kind: 'OTHER',
			unit: 'u',
			unitPriceHtCents: 100
		})
	},
	'programmes.deleteBeneficiary': {
		allowed: PROGRAMME_MANAGER,
		input: (i) => ({ programmeId: i.programmeId, beneficiaryId: i.beneficiaryId, expectedVersion: 1 })
	},
	'programmes.deletePriceLine': {
		allowed: PROGRAMME_MANAGER,
		input: (i) => ({ programmeId: i.programmeId, priceLineId: i.priceLineId, expectedVersion: 1 })
	},
	'programmes.grantRole': {
		allowed: PROGRAMME_MANAGER,
		input: (i) => ({ programmeId: i.programmeId, email: 'viewer@matrix.test', role: 'VIEWER' })
	},
	// Both the programme's management and the mission's coordination: only the administrator holds both here.
	'programmes.attachMission': {
		allowed: ADMIN,
		input: (i) => ({ programmeId: i.programmeId, missionId: i.missionId })
	},
	// As attaching: the programme's manager does not coordinate the mission here, so only the administrator.
	'programmes.detachMission': {
		allowed: ADMIN,
		input: (i) => ({ programmeId: i.programmeId, missionId: i.missionId })
	},
	'programmes.createMission': {
		allowed: PROGRAMME_MANAGER,
		input: (i) => ({
			programmeId: i.programmeId,
			beneficiaryId: i.beneficiaryId,
			templateId: 'builtin:framework-order',
			title: 'Commande',
			kickoffDate: '2026-01-05',
			amountCents: 100
		})
	},
	'programmes.funding': { allowed: MEMBERS, input: (i) => ({ missionId: i.missionId }) },
	'programmes.applyFunding': { allowed: FINANCE, input: (i) => ({ missionId: i.missionId }) },
	'programmes.portfolio': { allowed: SIGNED_IN, input: () => undefined },
	'programmes.report': {
		allowed: PROGRAMME_MANAGER,
		input: (i) => ({ programmeId: i.programmeId, from: '2026-01-01', to: '2026-06-30' })
	},
	'orders.list': { allowed: PROGRAMME, input: (i) => ({ programmeId: i.programmeId }) },
	// Beneficiary B's order: beneficiary A's person may not read it.
	'orders.get': { allowed: PROGRAMME_MANAGER, input: (i) => ({ orderId: i.otherOrderId }) },
	'orders.request': {
		allowed: PROGRAMME,
		input: (i) => ({ programmeId: i.programmeId, beneficiaryId: i.beneficiaryId, title: 'Besoin' })
	},
	'orders.quote': {
		allowed: PROGRAMME_MANAGER,
		input: (i) => ({
			orderId: i.orderId,
			expectedVersion: 2,
			workStartDate: '2026-03-02',
			deliverableDelayDays: 10,
			lines: [{ priceLineId: i.priceLineId, phase: 'Phase', quantityHundredths: 100 }]
		})
	},
	// Validating B's quote: not A's person, not the holder; only the administrator (in B's place).
	'orders.decide': {
		allowed: ADMIN,
		input: (i) => ({ orderId: i.otherOrderId, expectedVersion: 2, decision: 'REFUSE', reason: 'Trop cher' })
	},
	'orders.purchaseOrder': {
		allowed: PROGRAMME,
		input: (i) => ({ orderId: i.orderId, expectedVersion: 2, purchaseOrderRef: 'BC-1', purchaseOrderOn: '2026-01-05' })
	},
	'documents.saveAsTemplate': {
		allowed: PLAN,
		input: (i) => ({ missionId: i.missionId, name: `Modèle ${Math.random()}` })
	}
};

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta; type: string } }>;
/** Input keys of rows a procedure recreates (its `meta.recreates`, plan.restore's): trpc.ts skips them. */
const RECREATED_ROWS = new Set(Object.values(procedures).flatMap((p) => p._def.meta?.recreates ?? []));

let t: TestDatabase;
let users: Record<Exclude<Who, 'anonymous'> | 'everyRole', AuthUser>;

/** A fresh seeded mission, with one user per role, for one procedure's row of the matrix. */
async function fixture(): Promise<Ids> {
	const missionId = await seedCufMission(t.db);
	for (const [who, role] of [
		['viewer', 'VIEWER'],
		['finance', 'FINANCE'],
		['supervisor', 'SUPERVISOR'],
		['coordinator', 'COORDINATOR']
	] as const) {
		await t.db.membership.create({ data: { userId: users[who].id, missionId, role } });
	}
	const plan = await callerFor(t.db).missions.get({ missionId });
	const api = callerFor(t.db);
	await api.finance.saveProfile({ missionId, name: 'Expert', dayRateHtCents: 90_000 });
	const view = await api.finance.saveCostLine({ missionId, label: 'Audit', fixedAmountHtCents: 10_000 });
	const tasks = plan.tasks.filter((task) => task.kind === 'TASK');
	await callerFor(t.db, '2025-12-01', users.viewer).calendar.createFeed({ missionId });
	const feed = await t.db.calendarFeed.findFirstOrThrow({ where: { missionId } });
	const linked = await api.milestones.link({
		milestoneId: plan.milestones[0]!.id,
		successorId: tasks.at(-1)!.id,
		expectedVersion: await storedVersion(api, 'task', tasks.at(-1)!.id)
	});
	const programme = await t.db.programme.create({
		data: {
			kind: 'FRAMEWORK_AGREEMENT',
			title: 'Accord-cadre',
			owner: 'Titulaire',
			envelopeCents: 1_000_000_00,
			startDate: '2025-01-01',
			endDate: '2027-12-31',
			members: { create: { userId: users.manager.id, role: 'MANAGER' } }
		}
	});
	const [mine, theirs] = await Promise.all(
		['A', 'B'].map((name) => t.db.beneficiary.create({ data: { programmeId: programme.id, name } }))
	);
	await t.db.programmeMember.create({
		data: { programmeId: programme.id, userId: users.beneficiary.id, role: 'BENEFICIARY', beneficiaryId: mine!.id }
	});
	const priceLine = await t.db.priceLine.create({
		data: {
			programmeId: programme.id,
			code: 'EXP',
			label: 'Expert',
			kind: 'PROFILE_DAY',
			unit: 'jour',
			unitPriceHtCents: 1
		}
	});
	const quoted = (number: number, beneficiaryId: string) =>
		t.db.programmeOrder.create({
			data: {
				programmeId: programme.id,
				beneficiaryId,
				number,
				title: 'Commande',
				requestedOn: '2025-11-03',
				status: 'QUOTED',
				quoteSentOn: '2025-11-10',
				workStartDate: '2026-03-02',
				version: 2
			}
		});
	const [order, otherOrder] = [await quoted(1, mine!.id), await quoted(2, theirs!.id)];
	return {
		missionId,
		taskId: tasks[0]!.id,
		otherTaskId: tasks.at(-1)!.id,
		dependencyId: plan.dependencies[0]!.id,
		milestoneLinkId: linked.milestoneLinks[0]!.id,
		deliverableId: plan.deliverables[0]!.id,
		milestoneId: plan.milestones[0]!.id,
		trancheId: plan.tranches[0]!.id,
		contactId: plan.contacts[0]!.id,
		profileId: view.costPlan.profiles[0]!.id,
		costLineId: view.costPlan.lines[0]!.id,
		userId: users.viewer.id,
		phaseId: plan.tasks.find((task) => task.kind === 'PHASE')!.id,
		feedId: feed.id,
		programmeId: programme.id,
		beneficiaryId: mine!.id,
		priceLineId: priceLine.id,
		orderId: order.id,
		otherOrderId: otherOrder.id
	};
}

beforeAll(async () => {
	t = await createTestDatabase();
	const make = async (who: string, isAdmin = false): Promise<AuthUser> => {
		const user = await t.db.user.create({
			data: { email: `${who}@matrix.test`, name: who, passwordHash: 'x', isAdmin }
		});
		return { id: user.id, email: user.email, name: user.name, isAdmin };
	};
	users = {
		outsider: await make('outsider'),
		viewer: await make('viewer'),
		finance: await make('finance'),
		supervisor: await make('supervisor'),
		coordinator: await make('coordinator'),
		admin: await make('admin', true),
		// Every role on one mission (see below): refused only because an id is another mission's.
		everyRole: await make('every-role'),
		manager: await make('manager'),
		beneficiary: await make('beneficiary')
	};
});

afterAll(async () => {
	await t.close();
});

describe('role matrix', () => {
	it('lists every procedure of the API, each with an access rule', () => {
		expect(Object.keys(procedures).sort()).toEqual(Object.keys(MATRIX).sort());
		for (const [path, procedure] of Object.entries(procedures)) {
			expect(procedure._def.meta?.access, `${path} has no access rule`).toBeDefined();
		}
	});

	for (const [path, row] of Object.entries(MATRIX)) {
		it(`${path}: ${row.allowed.join(', ')}`, async () => {
			const ids = await fixture();
			// Refused callers first: an allowed call may delete what the next call points to.
			const order = [...EVERYONE].sort((a, b) => Number(row.allowed.includes(a)) - Number(row.allowed.includes(b)));
			for (const who of order) {
				const caller = callerFor(t.db, '2025-12-01', who === 'anonymous' ? null : users[who]) as unknown as Record<
					string,
					Record<string, (input: unknown) => Promise<unknown>>
				>;
				const [area, name] = path.split('.') as [string, string];
				let refusal: string | null = null;
				try {
					await caller[area]![name]!(row.input(ids));
				} catch (error) {
					if (error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'UNAUTHORIZED'))
						refusal = error.code;
					else if (!(error instanceof TRPCError) || error.code === 'INTERNAL_SERVER_ERROR') throw error;
				}
				const expected = row.allowed.includes(who) ? null : who === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN';
				expect(refusal, `${path} as ${who}`).toBe(expected);
			}
		});
	}
});

/** The keys of an input schema that look like ids (`…Id`), at any depth. */
function idKeysOfSchema(schema: unknown, keys = new Set<string>()): Set<string> {
	const def = (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
	if (!def) return keys;
	switch (def.type) {
		case 'object':
			for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) {
				if (/Id$/.test(key)) keys.add(key);
				// Rows an undo recreates (meta.recreates) hold ids that do not exist yet: trpc.ts skips them.
				if (!RECREATED_ROWS.has(key)) idKeysOfSchema(child, keys);
			}
			break;
		case 'array':
			idKeysOfSchema(def.element, keys);
			break;
		case 'pipe':
			idKeysOfSchema(def.in, keys);
			break;
		case 'union':
			for (const option of def.options as unknown[]) idKeysOfSchema(option, keys);
			break;
		default:
			if (def.innerType) idKeysOfSchema(def.innerType, keys);
	}
	return keys;
}

/** Where the input holds ids of a mission's objects: [path, field name]. */
function idPaths(input: unknown, path: (string | number)[] = []): [(string | number)[], string][] {
	if (Array.isArray(input)) return input.flatMap((item, i) => idPaths(item, [...path, i]));
	if (!input || typeof input !== 'object') return [];
	return Object.entries(input).flatMap(([key, value]): [(string | number)[], string][] =>
		typeof value === 'string' && key in MISSION_ID_FIELDS
			? [[[...path, key], key]]
			: RECREATED_ROWS.has(key)
				? []
				: idPaths(value, [...path, key])
	);
}

function withValue(input: unknown, path: (string | number)[], value: string): unknown {
	const copy = structuredClone(input) as Record<string | number, unknown>;
	let cursor = copy;
	for (const step of path.slice(0, -1)) cursor = cursor[step] as Record<string | number, unknown>;
	cursor[path.at(-1)!] = value;
	return copy;
}

const missionProcedures = Object.entries(procedures).filter(([, p]) => p._def.meta?.access.kind === 'mission');

describe('every id of a mission procedure belongs to the mission the call is checked on', () => {
	it('declares every id field of every mission procedure’s input, and the matrix sends each one', () => {
		for (const [path, procedure] of missionProcedures) {
			const inputs = (procedure._def as unknown as { inputs: unknown[] }).inputs;
			const keys = new Set<string>();
			for (const input of inputs) idKeysOfSchema(input, keys);
			for (const key of keys) {
				expect(MISSION_ID_FIELDS, `${path}: ${key} is not declared in MISSION_ID_FIELDS`).toHaveProperty(key);
				const sent = idPaths(MATRIX[path]!.input(PLACEHOLDER_IDS)).map(([, name]) => name);
				expect(sent, `${path}: the matrix input does not send ${key}`).toContain(key);
			}
		}
	});

	for (const [path] of missionProcedures) {
		it(`${path}: an id of another mission (or a task for a phase) is refused`, async () => {
			const [here, there] = [await fixture(), await fixture()];
			for (const role of ['VIEWER', 'FINANCE', 'SUPERVISOR', 'COORDINATOR'] as const) {
				await t.db.membership.create({ data: { userId: users.everyRole.id, missionId: here.missionId, role } });
			}
			const other = new Map(Object.keys(here).map((k) => [here[k as keyof Ids], there[k as keyof Ids]]));
			const plainTask = here.taskId;
			const input = MATRIX[path]!.input(here);
			const [area, name] = path.split('.') as [string, string];
			type Caller = Exclude<Who, 'anonymous'> | 'everyRole';
			const call = (who: Caller, value: unknown) =>
				(
					callerFor(t.db, '2025-12-01', users[who]) as unknown as Record<
						string,
						Record<string, (i: unknown) => Promise<unknown>>
					>
				)[area]![name]!(value);
			const refusal = async (who: Caller, value: unknown) => {
				try {
					await call(who, value);
					return null;
				} catch (error) {
					if (!(error instanceof TRPCError)) throw error;
					return error.code;
				}
			};
			const paths = idPaths(input);
			for (const [where, key] of paths) {
				const current = where.reduce<unknown>((o, step) => (o as Record<string | number, unknown>)[step], input);
				const foreign = other.get(current as string);
				expect(foreign, `${path}.${key}: the matrix input's ids come from the fixture`).toBeDefined();
				const swapped = withValue(input, where, foreign!);
				// A member of this mission only: the other mission's id is refused, whichever field it is in.
				expect([`FORBIDDEN`, 'NOT_FOUND'], `${path}.${key} from another mission, as a member`).toContain(
					await refusal('everyRole', swapped)
				);
				// An administrator may act on either mission, but not on both in one call.
				if (paths.length > 1) {
					expect(await refusal('admin', swapped), `${path}.${key} from another mission, as admin`).toBe('NOT_FOUND');
				}
				if (MISSION_ID_FIELDS[key]!.kind === 'PHASE') {
					const notPhase = withValue(input, where, plainTask);
					expect(await refusal('admin', notPhase), `${path}.${key}: a plain task`).toBe('NOT_FOUND');
				}
			}
		});
	}
});

/** Distinct placeholder ids: enough to see which id fields an input sends. */
const PLACEHOLDER_IDS = new Proxy({} as Ids, { get: (_, key) => `placeholder-${String(key)}` });

describe('every id of a programme procedure belongs to the programme the call is checked on', () => {
	// Editing and removing beneficiaries and price lines: another programme's row is refused, even
	// for a manager of both programmes or an administrator, and stays as it was.
	const edits: Record<string, (i: Ids) => Record<string, unknown>> = {
		'programmes.saveBeneficiary': (i) => ({
			programmeId: i.programmeId,
			beneficiaryId: i.beneficiaryId,
			expectedVersion: 1,
			name: 'Renommé'
		}),
		'programmes.deleteBeneficiary': (i) => ({
			programmeId: i.programmeId,
			beneficiaryId: i.beneficiaryId,
			expectedVersion: 1
		}),
		'programmes.savePriceLine': (i) => ({
			programmeId: i.programmeId,
			priceLineId: i.priceLineId,
			expectedVersion: 1,
			code: 'EXP',
			label: 'Renommée',
			kind: 'OTHER',
			unit: 'u',
			unitPriceHtCents: 5
		}),
		'programmes.deletePriceLine': (i) => ({
			programmeId: i.programmeId,
			priceLineId: i.priceLineId,
			expectedVersion: 1
		})
	};
	for (const [path, input] of Object.entries(edits)) {
		it(`${path}: a row of another programme is refused`, async () => {
			const [here, there] = [await fixture(), await fixture()];
			const [area, name] = path.split('.') as [string, string];
			const refusal = async (who: 'manager' | 'admin', value: unknown) => {
				try {
					await (
						callerFor(t.db, '2025-12-01', users[who]) as unknown as Record<
							string,
							Record<string, (i: unknown) => Promise<unknown>>
						>
					)[area]![name]!(value);
					return null;
				} catch (error) {
					if (!(error instanceof TRPCError)) throw error;
					return error.code;
				}
			};
			const mixed = { ...input(here), beneficiaryId: there.beneficiaryId, priceLineId: there.priceLineId };
			for (const key of ['beneficiaryId', 'priceLineId'] as const) if (!(key in input(here))) delete mixed[key];
			expect(await refusal('manager', mixed)).toBe('NOT_FOUND');
			expect(await refusal('admin', mixed)).toBe('NOT_FOUND');
			// A manager of this programme only reaches nothing of the other one.
			await t.db.programmeMember.deleteMany({ where: { programmeId: there.programmeId, userId: users.manager.id } });
			expect(['FORBIDDEN', 'NOT_FOUND']).toContain(await refusal('manager', input(there)));
			const [beneficiary, line] = await Promise.all([
				t.db.beneficiary.findUnique({ where: { id: there.beneficiaryId } }),
				t.db.priceLine.findUnique({ where: { id: there.priceLineId } })
			]);
			expect(beneficiary).toMatchObject({ name: 'A', version: 1 });
			expect(line).toMatchObject({ label: 'Expert', version: 1 });
		});
	}
});

const programmeProcedures = Object.entries(procedures).filter(([, p]) => p._def.meta?.access.kind === 'programme');

/** Where the input holds an id of the fixture (at any depth): [path, field name]. */
function fixtureIdPaths(
	input: unknown,
	ids: Set<string>,
	path: (string | number)[] = []
): [(string | number)[], string][] {
	if (Array.isArray(input)) return input.flatMap((item, i) => fixtureIdPaths(item, ids, [...path, i]));
	if (!input || typeof input !== 'object') return [];
	return Object.entries(input).flatMap(([key, value]): [(string | number)[], string][] =>
		typeof value === 'string' && ids.has(value) ? [[[...path, key], key]] : fixtureIdPaths(value, ids, [...path, key])
	);
}

/** Every row a programme procedure may write, to see that a refused call wrote nothing. */
async function programmeRows() {
	const byId = { orderBy: { id: 'asc' as const } };
	return JSON.stringify(
		await Promise.all([
			t.db.programme.findMany(byId),
			t.db.beneficiary.findMany(byId),
			t.db.priceLine.findMany(byId),
			t.db.programmeOrder.findMany(byId),
			t.db.orderQuoteLine.findMany(byId),
			t.db.programmeMember.findMany(byId),
			t.db.envelopeOverrun.findMany(byId),
			t.db.mission.findMany({ ...byId, select: { id: true, programmeId: true, beneficiaryId: true, version: true } })
		])
	);
}

describe('every id field of a programme or order procedure: an id of another programme is refused', () => {
	// Inputs beside the matrix's, so that every optional id field is sent too (an edit, a beneficiary).
	const EXTRA_INPUTS: Record<string, (i: Ids) => unknown> = {
		'programmes.saveBeneficiary': (i) => ({
			programmeId: i.programmeId,
			beneficiaryId: i.beneficiaryId,
			expectedVersion: 1,
			name: 'Renommé'
		}),
		'programmes.savePriceLine': (i) => ({
			programmeId: i.programmeId,
			priceLineId: i.priceLineId,
			expectedVersion: 1,
			code: 'EXP',
			label: 'Renommée',
			kind: 'OTHER',
			unit: 'u',
			unitPriceHtCents: 5
		}),
		'programmes.grantRole': (i) => ({
			programmeId: i.programmeId,
			email: 'outsider@matrix.test',
			role: 'BENEFICIARY',
			beneficiaryId: i.beneficiaryId
		}),
		'programmes.attachMission': (i) => ({
			programmeId: i.programmeId,
			missionId: i.missionId,
			beneficiaryId: i.beneficiaryId
		})
	};
	const inputsOf = (path: string, ids: Ids) => [
		MATRIX[path]!.input(ids),
		...(EXTRA_INPUTS[path] ? [EXTRA_INPUTS[path](ids)] : [])
	];

	it('sends every id field of every programme procedure’s input', () => {
		const placeholders = new Set(Object.keys(PLACEHOLDER_IDS_KEYS).map((k) => `placeholder-${k}`));
		for (const [path, procedure] of programmeProcedures) {
			const keys = new Set<string>();
			for (const input of (procedure._def as unknown as { inputs: unknown[] }).inputs) idKeysOfSchema(input, keys);
			const sent = inputsOf(path, PLACEHOLDER_IDS).flatMap((input) =>
				fixtureIdPaths(input, placeholders).map(([, name]) => name)
			);
			// templateId names a built-in template (an enum), no programme's row.
			keys.delete('templateId');
			for (const key of keys) expect(sent, `${path}: the matrix input does not send ${key}`).toContain(key);
		}
	});

	for (const [path] of programmeProcedures) {
		it(`${path}: each id swapped for another programme's is refused and changes nothing`, async () => {
			const [here, there] = [await fixture(), await fixture()];
			// Someone holding every programme role on this programme (and coordinating its mission), none on the other.
			const member = await t.db.user.create({
				data: { email: `member-${here.programmeId}@matrix.test`, name: 'Membre', passwordHash: 'x' }
			});
			await t.db.programmeMember.createMany({
				data: [
					{ programmeId: here.programmeId, userId: member.id, role: 'MANAGER' },
					{ programmeId: here.programmeId, userId: member.id, role: 'VIEWER' },
					{ programmeId: here.programmeId, userId: member.id, role: 'BENEFICIARY', beneficiaryId: here.beneficiaryId }
				]
			});
			await t.db.membership.create({ data: { userId: member.id, missionId: here.missionId, role: 'COORDINATOR' } });
			const memberUser: AuthUser = { id: member.id, email: member.email, name: member.name, isAdmin: false };
			const other = new Map(Object.keys(here).map((k) => [here[k as keyof Ids] as string, there[k as keyof Ids]]));
			const [area, name] = path.split('.') as [string, string];
			const refusal = async (user: AuthUser, value: unknown) => {
				try {
					await (
						callerFor(t.db, '2025-12-01', user) as unknown as Record<
							string,
							Record<string, (i: unknown) => Promise<unknown>>
						>
					)[area]![name]!(value);
					return null;
				} catch (error) {
					if (!(error instanceof TRPCError) || error.code === 'INTERNAL_SERVER_ERROR') throw error;
					return error.code;
				}
			};
			for (const input of inputsOf(path, here)) {
				const paths = fixtureIdPaths(input, new Set(other.keys()));
				expect(paths.length, `${path}: the input holds ids`).toBeGreaterThan(0);
				// A mission belongs to no programme until attached: only the programme's own rows count here.
				const programmeIds = paths.filter(([, key]) => key !== 'missionId');
				for (const [where, key] of paths) {
					const current = where.reduce<unknown>((o, step) => (o as Record<string | number, unknown>)[step], input);
					const swapped = withValue(input, where, other.get(current as string)!);
					const before = await programmeRows();
					// A member of this programme only: another programme's id is refused, whichever field it is in.
					expect(
						await refusal(memberUser, swapped),
						`${path}.${key} from another programme, as a member`
					).not.toBeNull();
					// An administrator may act on either programme, but not on both in one call.
					if (programmeIds.length > 1 && key !== 'missionId') {
						expect(
							await refusal(users.admin, swapped),
							`${path}.${key} from another programme, as admin`
						).not.toBeNull();
					}
					expect(await programmeRows(), `${path}.${key}: a refused call changes nothing`).toBe(before);
				}
			}
		});
	}
});

describe('a beneficiary’s person', () => {
	it('sees its own orders and the price list, never the envelope, the funding rule or other beneficiaries', async () => {
		const ids = await fixture();
		const api = callerFor(t.db, '2025-12-01', users.beneficiary);
		const page = await api.programmes.get({ programmeId: ids.programmeId });
		expect(page.terms).toBeNull();
		const text = JSON.stringify(page);
		for (const secret of ['envelopeCents', 'memberShareBp', 'nonMemberShareBp', 'serviceCeilingCents', '1000000'])
			expect(text).not.toContain(secret);
		expect(page.beneficiaries.map((b) => b.id)).toEqual([ids.beneficiaryId]);
		expect(page.orders.map((o) => o.id)).toEqual([ids.orderId]);
		expect(page.priceLines.map((l) => l.id)).toEqual([ids.priceLineId]);
		expect(page.members).toEqual([]);
		const listed = (await api.programmes.list()).find((p) => p.id === ids.programmeId)!;
		expect(listed.envelope).toBeNull();
		expect(JSON.stringify(listed)).not.toContain('1000000');
		// The holder's manager sees it.
		const managed = (await callerFor(t.db, '2025-12-01', users.manager).programmes.list()).find(
			(p) => p.id === ids.programmeId
		)!;
		expect(managed.envelope).toEqual({ cents: 1_000_000_00, basis: 'HT' });
	});

	it('a programme manager detaches only missions they coordinate', async () => {
		const ids = await fixture();
		await t.db.mission.update({ where: { id: ids.missionId }, data: { programmeId: ids.programmeId } });
		const manager = callerFor(t.db, '2025-12-01', users.manager);
		await expect(
			manager.programmes.detachMission({ programmeId: ids.programmeId, missionId: ids.missionId })
		).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
		expect(await t.db.mission.findUniqueOrThrow({ where: { id: ids.missionId } })).toMatchObject({
			programmeId: ids.programmeId
		});
		await t.db.membership.create({ data: { userId: users.manager.id, missionId: ids.missionId, role: 'COORDINATOR' } });
		await manager.programmes.detachMission({ programmeId: ids.programmeId, missionId: ids.missionId });
		expect(await t.db.mission.findUniqueOrThrow({ where: { id: ids.missionId } })).toMatchObject({ programmeId: null });
	});
});

const PLACEHOLDER_IDS_KEYS: Record<keyof Ids, true> = {
	missionId: true,
	taskId: true,
	otherTaskId: true,
	dependencyId: true,
	milestoneLinkId: true,
	deliverableId: true,
	milestoneId: true,
	trancheId: true,
	contactId: true,
	profileId: true,
	costLineId: true,
	userId: true,
	phaseId: true,
	feedId: true,
	programmeId: true,
	beneficiaryId: true,
	priceLineId: true,
	orderId: true,
	otherOrderId: true
};
