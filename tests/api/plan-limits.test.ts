// A plan can never be saved beyond the limits the exports and imports keep (2 000 tasks, 5 000
// links, 10 years: heavy/limits.ts), so a stored mission always exports and its backup always
// restores (issue 22, item 8). The scenario: 2 000 tasks chained by links, imported
// (accepted); moving the first one pushed the chain to 2041, after which the MS Project export
// answered 500, the drawings 413 and the mission's own backup was refused on import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '$lib/domain/calendar';
import { HEAVY_LIMITS } from '$lib/server/heavy';
import type { MissionDocument } from '$lib/mission-document';
import { expectAppError, expectFrench, type Caller } from '../support/api';
import { callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';

const KICKOFF = '2026-01-05';
const TASKS = HEAVY_LIMITS.maxTasks;

/** TASKS one-day tasks on consecutive working days, each linked to the next, and more links up to the limit. */
function chainDocument(): MissionDocument {
	const tasks = Array.from({ length: TASKS }, (_, i) => {
		const day = addWorkingDays(KICKOFF, i);
		return {
			ref: `t${i}`,
			parentRef: null,
			kind: 'TASK' as const,
			name: `Tâche ${i + 1}`,
			startDate: day,
			endDate: day,
			progress: 0
		};
	});
	const link = (from: number, to: number) => ({
		predecessorRef: `t${from}`,
		successorRef: `t${to}`,
		type: 'FS' as const,
		lagDays: 0,
		lagUnit: 'WORKING_DAYS' as const
	});
	const chain = tasks.slice(1).map((_, i) => link(i, i + 1));
	// Links that the chain already satisfies (i → i + 2, then i → i + 3), up to exactly the limit.
	const extra = [
		...Array.from({ length: TASKS - 2 }, (_, i) => link(i, i + 2)),
		...Array.from({ length: TASKS - 3 }, (_, i) => link(i, i + 3))
	].slice(0, HEAVY_LIMITS.maxLinks - chain.length);
	return {
		format: 'jalon.mission',
		version: 2,
		mission: {
			title: 'Chaîne de 2 000 tâches',
			clientOrganisation: 'Essai',
			reference: null,
			kickoffDate: KICKOFF,
			plannedEndDate: null,
			budgetCapCents: 1_000_000,
			capBasis: 'HT',
			vatRateBp: 2000,
			status: 'ACTIVE',
			contractAmountHtCents: null,
			paymentDelayDays: 30
		},
		tasks,
		dependencies: [...chain, ...extra],
		deliverables: [],
		milestones: [],
		tranches: [],
		contacts: [],
		costPlan: { profiles: [], lines: [] },
		funders: []
	};
}

let t: TestDatabase;
let api: Caller;
let missionId: string;
let firstTask: { id: string; version: number };
let lastTask: { id: string; version: number; endDate: string };
let stored: MissionDocument;

const withoutTime = (doc: MissionDocument) => ({ ...doc, exportedAt: undefined });

beforeAll(async () => {
	t = await createTestDatabase();
	api = callerFor(t.db);
	({ id: missionId } = await api.documents.importMission({ document: chainDocument() }));
	const plan = await api.missions.get({ missionId });
	expect(plan.tasks).toHaveLength(TASKS);
	expect(plan.dependencies).toHaveLength(HEAVY_LIMITS.maxLinks);
	firstTask = plan.tasks[0]!;
	lastTask = plan.tasks.at(-1)!;
	// The chain ends in 2033: within the 10 years.
	expect(lastTask.endDate.slice(0, 4)).toBe('2033');
	stored = await api.documents.exportMission({ missionId });
}, 300_000);
afterAll(() => t.close());

/** The refusal of an edit: typed, French, and the mission exactly as it was. */
async function expectRefused(call: Promise<unknown>, reason: string, message: RegExp) {
	const error = await expectAppError(call, 'PAYLOAD_TOO_LARGE', 'TOO_LARGE');
	expect((error as { reason?: string }).reason).toBe(reason);
	expect(error.message).toMatch(message);
	expectFrench(error.message);
	expect(withoutTime(await api.documents.exportMission({ missionId }))).toEqual(withoutTime(stored));
}

const TOO_LONG =
	/^Modification refusée, rien n’a été enregistré : le plan s’étendrait du 05\/01\/2026 au \d\d\/\d\d\/20\d\d, 10 ans au plus\.$/;

describe('edits that would take a plan beyond the limits', () => {
	it('refuses moving the first task when the push would end in 2041, before anything is saved', async () => {
		const error = await expectAppError(
			api.tasks.move({
				taskId: firstTask.id,
				startDate: '2034-01-02',
				endDate: '2034-01-02',
				expectedVersion: firstTask.version
			}),
			'PAYLOAD_TOO_LARGE',
			'TOO_LARGE'
		);
		expect((error as { reason?: string }).reason).toBe('PLAN_TOO_LONG');
		expect(error.message).toMatch(
			/^Modification refusée, rien n’a été enregistré : le plan s’étendrait du 05\/01\/2026 au \d\d\/\d\d\/2041, 10 ans au plus\.$/
		);
		expect(withoutTime(await api.documents.exportMission({ missionId }))).toEqual(withoutTime(stored));
		// A move within the limits still pushes the chain.
		const moved = await api.tasks.move({
			taskId: firstTask.id,
			startDate: '2026-01-06',
			endDate: '2026-01-06',
			expectedVersion: firstTask.version
		});
		expect(moved.tasks.length).toBeGreaterThan(1);
		await api.tasks.move({
			taskId: firstTask.id,
			startDate: KICKOFF,
			endDate: KICKOFF,
			expectedVersion: firstTask.version + 1
		});
		stored = await api.documents.exportMission({ missionId });
	}, 120_000);

	it('refuses the same through the edit form, a kick-off change, a new task, a new link and a deliverable', async () => {
		// The moves above pushed the last task: its version went up.
		lastTask = (await api.missions.get({ missionId })).tasks.at(-1)!;
		await expectRefused(
			api.tasks.update({ taskId: lastTask.id, endDate: '2037-06-30', expectedVersion: lastTask.version }),
			'PLAN_TOO_LONG',
			TOO_LONG
		);
		const mission = await t.db.mission.findUniqueOrThrow({ where: { id: missionId } });
		await expectRefused(
			api.missions.update({ missionId, kickoffDate: '2022-01-03', shiftPlan: false, expectedVersion: mission.version }),
			'PLAN_TOO_LONG',
			/^Modification refusée, rien n’a été enregistré : le plan s’étendrait du 03\/01\/2022 au .+, 10 ans au plus\.$/
		);
		await expectRefused(
			api.tasks.create({ missionId, name: 'Une de trop', startDate: KICKOFF, endDate: KICKOFF }),
			'TOO_MANY_TASKS',
			/le plan compterait 2001 tâches, 2000 au plus\.$/
		);
		await expectRefused(
			api.tasks.link({ predecessorId: firstTask.id, successorId: lastTask.id, expectedVersion: lastTask.version }),
			'TOO_MANY_LINKS',
			/le plan compterait 5001 liens, 5000 au plus\.$/
		);
		await expectRefused(
			api.deliverables.create({
				missionId,
				title: 'Rapport final',
				dueRule: { kind: 'FIXED_DATE', date: '2037-01-05' },
				plannedDate: '2037-01-05'
			}),
			'PLAN_TOO_LONG',
			TOO_LONG
		);
	}, 120_000);

	it('the stored mission still exports, and its own backup restores', async () => {
		expect(await api.documents.exportMspdi({ missionId })).toContain('<Project');
		const { id } = await api.documents.importMission({ document: await api.documents.exportMission({ missionId }) });
		expect((await api.missions.get({ missionId: id })).tasks).toHaveLength(TASKS);
	}, 300_000);

	it('a plan stored beyond the span before these checks can still be edited, only not made longer', async () => {
		const plan = await api.missions.get({ missionId });
		const last = plan.tasks.at(-1)!;
		// As the pushed plan was stored: written directly, ending in 2041.
		await t.db.task.update({ where: { id: last.id }, data: { endDate: '2041-03-12' } });
		const renamed = await api.tasks.update({ taskId: last.id, name: 'Dernière tâche', expectedVersion: last.version });
		expect(renamed.tasks.at(-1)!.name).toBe('Dernière tâche');
		const error = await expectAppError(
			api.tasks.update({ taskId: last.id, endDate: '2041-03-13', expectedVersion: last.version + 1 }),
			'PAYLOAD_TOO_LARGE',
			'TOO_LARGE'
		);
		expect(error.message).toMatch(/s’étendrait du 05\/01\/2026 au 13\/03\/2041/);
		const back = await api.tasks.update({ taskId: last.id, endDate: last.endDate, expectedVersion: last.version + 1 });
		expect(back.tasks.at(-1)!.endDate).toBe(last.endDate);
	}, 120_000);
});
