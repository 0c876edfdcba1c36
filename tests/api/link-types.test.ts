// Link types, working-day pushes and deliverables / milestones tied to a task, through the API
// on the seeded CUF mission.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countWorkingDays, isWorkingDay } from '$lib/domain/calendar';
import { withMovedTasks, type MissionPlan } from '$lib/domain/mission-plan';
import { createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';
import {
	deliverableNumbered,
	expectAppError,
	milestoneNamed,
	seededMission,
	taskNamed,
	type Caller
} from '../support/api';

let database: TestDatabase;
let api: Caller;
let missionId: string;
let before: MissionPlan;

beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
	({ missionId, api } = await seededMission(database.db));
	before = await api.missions.get({ missionId });
});

// These tests are about ties and links, not concurrent edits: each update is based on the stored version.
const stored = {
	deliverable: async (id: string) => (await database.db.deliverable.findUniqueOrThrow({ where: { id } })).version,
	milestone: async (id: string) => (await database.db.milestone.findUniqueOrThrow({ where: { id } })).version,
	mission: async (id: string) => (await database.db.mission.findUniqueOrThrow({ where: { id } })).version
};

const dates = (plan: MissionPlan, prefix: string) => {
	const task = taskNamed(plan, prefix);
	return [task.startDate, task.endDate];
};

describe('link types push their successor', () => {
	it('DD+2j: moving the predecessor pushes the successor to start 2 working days after it', async () => {
		const useCases = taskNamed(before, 'Besoins fonctionnels'); // 05/01 → 16/01/2026
		const external = taskNamed(before, 'Diagnostic externe'); // 12/01 → 30/01, 15 working days
		let plan = await api.tasks.link({
			predecessorId: useCases.id,
			successorId: external.id,
			type: 'SS',
			lagDays: 2,
			lagUnit: 'WORKING_DAYS',
			expectedVersion: await storedVersion(api, 'task', external.id)
		});
		expect(dates(plan, 'Diagnostic externe')).toEqual(['2026-01-12', '2026-01-30']); // 07/01 allowed: holds
		expect(plan.dependencies.find((d) => d.successorId === external.id)).toMatchObject({
			type: 'SS',
			lagDays: 2,
			lagUnit: 'WORKING_DAYS'
		});
		const answer = await api.tasks.move({
			taskId: useCases.id,
			startDate: '2026-01-12',
			endDate: '2026-01-23',
			expectedVersion: await storedVersion(api, 'task', useCases.id)
		});
		plan = await api.missions.get({ missionId });
		// Starts Wednesday 14 January (Monday 12 + 2 working days), keeps its 15 working days.
		expect(dates(plan, 'Diagnostic externe')).toEqual(['2026-01-14', '2026-02-03']);
		expect(withMovedTasks(before, answer)).toMatchObject({ tasks: plan.tasks });
	});

	it('FF+2j: moving the predecessor pushes the successor to finish 2 working days after it', async () => {
		const estimates = taskNamed(before, 'Estimations financières'); // 02/03 → 06/03/2026
		const training = taskNamed(before, 'Trame de formation'); // 02/03 → 11/03, 8 working days
		await api.tasks.link({
			predecessorId: estimates.id,
			successorId: training.id,
			type: 'FF',
			lagDays: 2,
			expectedVersion: await storedVersion(api, 'task', training.id)
		});
		expect(dates(await api.missions.get({ missionId }), 'Trame de formation')).toEqual(['2026-03-02', '2026-03-11']);
		await api.tasks.move({
			taskId: estimates.id,
			startDate: '2026-03-09',
			endDate: '2026-03-13',
			expectedVersion: await storedVersion(api, 'task', estimates.id)
		});
		const plan = await api.missions.get({ missionId });
		// Must finish on Tuesday 17 March at the earliest (Friday 13 + 2 working days): 8 working days back.
		expect(dates(plan, 'Trame de formation')).toEqual(['2026-03-06', '2026-03-17']);
	});

	it('refuses a move that finishes before an FF link allows, changing nothing', async () => {
		const estimates = taskNamed(before, 'Estimations financières');
		const training = taskNamed(before, 'Trame de formation');
		await api.tasks.link({
			predecessorId: estimates.id,
			successorId: training.id,
			type: 'FF',
			expectedVersion: await storedVersion(api, 'task', training.id)
		});
		const linked = await api.missions.get({ missionId });
		const error = await expectAppError(
			api.tasks.move({
				taskId: training.id,
				startDate: '2026-02-23',
				endDate: '2026-03-04',
				expectedVersion: await storedVersion(api, 'task', training.id)
			}),
			'BAD_REQUEST',
			'PREDECESSOR_CONSTRAINT'
		);
		expect(error.message).toMatch(/ne peut pas finir avant le 06\/03\/2026 .*\(lien FF\)/);
		expect(await api.missions.get({ missionId })).toEqual(linked);
	});

	it('a pushed task keeps its working days and never lands on a weekend or a holiday', async () => {
		// Rédaction du rapport d'audit → ateliers IA (FD): pushing the report across Christmas.
		const report = taskNamed(before, 'Rédaction du rapport d’audit');
		const workshops = taskNamed(before, 'Diagnostic/action');
		await api.tasks.update({
			taskId: report.id,
			startDate: '2025-12-18',
			endDate: '2025-12-23',
			expectedVersion: await storedVersion(api, 'task', report.id)
		});
		const plan = await api.missions.get({ missionId });
		const moved = taskNamed(plan, 'Diagnostic/action');
		// Wednesday 24, Friday 26 (25 is Christmas), Monday 29 → Wednesday 31: 5 working days.
		expect([moved.startDate, moved.endDate]).toEqual(['2025-12-24', '2025-12-31']);
		expect(countWorkingDays(moved.startDate, moved.endDate)).toBe(
			countWorkingDays(workshops.startDate, workshops.endDate)
		);
		for (const task of plan.tasks.filter((t) => t.kind === 'TASK')) {
			const was = before.tasks.find((t) => t.id === task.id)!;
			if (task.id === report.id || (was.startDate === task.startDate && was.endDate === task.endDate)) continue;
			expect(isWorkingDay(task.startDate) && isWorkingDay(task.endDate), task.name).toBe(true);
		}
	});

	it('changes a link type and lag, pushing the successor, and refuses a stale version', async () => {
		const estimates = taskNamed(before, 'Estimations financières');
		const training = taskNamed(before, 'Trame de formation');
		let plan = await api.tasks.link({
			predecessorId: estimates.id,
			successorId: training.id,
			type: 'SS',
			expectedVersion: await storedVersion(api, 'task', training.id)
		});
		const link = plan.dependencies.find((d) => d.successorId === training.id)!;
		const version = taskNamed(plan, 'Trame de formation').version;
		plan = await api.tasks.updateLink({ dependencyId: link.id, type: 'FS', lagDays: 1, expectedVersion: version });
		// After Friday 6 March + 1 working day: Tuesday 10 March, 8 working days.
		expect(dates(plan, 'Trame de formation')).toEqual(['2026-03-10', '2026-03-19']);
		await expectAppError(
			api.tasks.updateLink({ dependencyId: link.id, lagDays: 0, expectedVersion: version }),
			'CONFLICT',
			'CONFLICT'
		);
	});
});

describe('tasks.setPredecessors', () => {
	it('replaces every predecessor at once and pushes the task', async () => {
		const training = taskNamed(before, 'Trame de formation');
		const estimates = taskNamed(before, 'Estimations financières'); // ends 06/03
		const priorities = taskNamed(before, 'Bilan des enjeux'); // 16/02 → 27/02
		const plan = await api.tasks.setPredecessors({
			taskId: training.id,
			expectedVersion: training.version,
			predecessors: [
				{ predecessorId: estimates.id, type: 'FS', lagDays: 0, lagUnit: 'WORKING_DAYS' },
				{ predecessorId: priorities.id, type: 'SS', lagDays: 3, lagUnit: 'ELAPSED_DAYS' }
			]
		});
		expect(
			plan.dependencies
				.filter((d) => d.successorId === training.id)
				.map((d) => [d.predecessorId, d.type, d.lagDays, d.lagUnit])
				.sort()
		).toEqual(
			[
				[estimates.id, 'FS', 0, 'WORKING_DAYS'],
				[priorities.id, 'SS', 3, 'ELAPSED_DAYS']
			].sort()
		);
		expect(dates(plan, 'Trame de formation')).toEqual(['2026-03-09', '2026-03-18']);
		// An empty list removes them all; nothing moves back.
		const cleared = await api.tasks.setPredecessors({
			taskId: training.id,
			predecessors: [],
			expectedVersion: await storedVersion(api, 'task', training.id)
		});
		expect(cleared.dependencies.filter((d) => d.successorId === training.id)).toEqual([]);
		expect(dates(cleared, 'Trame de formation')).toEqual(['2026-03-09', '2026-03-18']);
	});

	it('refuses a cycle, a phase, a duplicate or a task of another mission, changing nothing', async () => {
		const audit = taskNamed(before, 'Rédaction du rapport d’audit');
		const mapping = taskNamed(before, 'Cartographie'); // audit's predecessor
		const phase = taskNamed(before, 'Phase 2');
		const other = await seededMission(database.db);
		const foreign = taskNamed(await other.api.missions.get({ missionId: other.missionId }), 'Cartographie');
		const attempts: [unknown[], string, string][] = [
			[[{ predecessorId: audit.id }], 'BAD_REQUEST', 'DEPENDENCY_CYCLE'],
			[[{ predecessorId: phase.id }], 'BAD_REQUEST', 'INVALID_OPERATION'],
			[[{ predecessorId: audit.id }, { predecessorId: audit.id }], 'BAD_REQUEST', 'VALIDATION'],
			[[{ predecessorId: foreign.id }], 'NOT_FOUND', 'NOT_FOUND']
		];
		for (const [predecessors, code, appCode] of attempts) {
			await expectAppError(
				api.tasks.setPredecessors({
					taskId: mapping.id,
					predecessors: predecessors as never,
					expectedVersion: await storedVersion(api, 'task', mapping.id)
				}),
				code as never,
				appCode as never
			);
		}
		await expectAppError(
			api.tasks.setPredecessors({ taskId: mapping.id, expectedVersion: mapping.version + 1, predecessors: [] }),
			'CONFLICT',
			'CONFLICT'
		);
		expect(await api.missions.get({ missionId })).toEqual(before);
	});
});

describe('deliverables and milestones tied to a task', () => {
	it('a tied deliverable moves when its task is pushed, and its warning appears at once', async () => {
		const report = taskNamed(before, 'Rédaction du rapport d’audit'); // ends 12/12/2025
		const mapping = taskNamed(before, 'Cartographie'); // its predecessor
		const l1 = deliverableNumbered(before, 1); // due 15/12/2025 (3 weeks after kick-off)
		let plan = await api.deliverables.update({
			deliverableId: l1.id,
			expectedVersion: await stored.deliverable(l1.id),
			anchorTaskId: report.id
		});
		expect(deliverableNumbered(plan, 1)).toMatchObject({ anchorTaskId: report.id, anchorLagDays: 0 });
		expect(deliverableNumbered(plan, 1).plannedDate).toBe('2025-12-12');
		expect(plan.warnings.some((w) => w.startsWith('Livrable 1'))).toBe(false);
		const tied = plan;

		// The drag path: the report is pushed to 16 → 18 December, the deliverable with it.
		const answer = await api.tasks.move({
			taskId: mapping.id,
			startDate: '2025-12-05',
			endDate: '2025-12-15',
			expectedVersion: await storedVersion(api, 'task', mapping.id)
		});
		plan = await api.missions.get({ missionId });
		expect(dates(plan, 'Rédaction du rapport d’audit')).toEqual(['2025-12-16', '2025-12-18']);
		expect(deliverableNumbered(plan, 1)).toMatchObject({ plannedDate: '2025-12-18', plannedDelayDays: 3 });
		expect(plan.warnings).toContain('Livrable 1 : prévu 3 jour(s) après son échéance contractuelle.');
		expect(answer.deliverables).toEqual([
			{ id: l1.id, plannedDate: '2025-12-18', version: deliverableNumbered(plan, 1).version }
		]);
		// The page patches its plan with the answer alone and gets exactly the stored plan.
		expect(withMovedTasks(tied, answer)).toEqual(plan);

		// The edit form's path, and a lag: two working days after the report ends.
		await api.deliverables.update({
			deliverableId: l1.id,
			expectedVersion: await stored.deliverable(l1.id),
			anchorLagDays: 2
		});
		plan = await api.tasks.update({
			taskId: report.id,
			startDate: '2025-12-19',
			endDate: '2025-12-23',
			expectedVersion: await storedVersion(api, 'task', report.id)
		});
		expect(deliverableNumbered(plan, 1).plannedDate).toBe('2025-12-26'); // 24, then 26 (25 is Christmas)
	});

	it('refuses a typed planned date while tied, and a task of another mission, changing nothing', async () => {
		const report = taskNamed(before, 'Rédaction du rapport d’audit');
		const l1 = deliverableNumbered(before, 1);
		const tied = await api.deliverables.update({
			deliverableId: l1.id,
			expectedVersion: await stored.deliverable(l1.id),
			anchorTaskId: report.id
		});
		const error = await expectAppError(
			api.deliverables.update({
				deliverableId: l1.id,
				expectedVersion: await stored.deliverable(l1.id),
				plannedDate: '2026-01-05'
			}),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
		expect(error.message).toMatch(/Rattaché à la tâche « Rédaction du rapport d’audit/);
		const other = await seededMission(database.db);
		const foreign = taskNamed(await other.api.missions.get({ missionId: other.missionId }), 'Cartographie');
		await expectAppError(
			api.deliverables.update({
				deliverableId: l1.id,
				expectedVersion: await stored.deliverable(l1.id),
				anchorTaskId: foreign.id
			}),
			'NOT_FOUND',
			'NOT_FOUND'
		);
		expect(await api.missions.get({ missionId })).toEqual(tied);
		// Untied, its date can be typed again; it stays where it was until then.
		const untied = await api.deliverables.update({
			deliverableId: l1.id,
			expectedVersion: await stored.deliverable(l1.id),
			anchorTaskId: null
		});
		expect(deliverableNumbered(untied, 1)).toMatchObject({ anchorTaskId: null, plannedDate: '2025-12-12' });
		await api.deliverables.update({
			deliverableId: l1.id,
			expectedVersion: await stored.deliverable(l1.id),
			plannedDate: '2026-01-05'
		});
	});

	it('a tied milestone takes its task’s end as its date, follows it, and warns when later than its rule', async () => {
		const report = taskNamed(before, 'Rédaction du rapport d’audit'); // ends Friday 12/12/2025
		const steering = milestoneNamed(before, 'Pré-diagnostic'); // week of 08/12/2025 (rule)
		let plan = await api.milestones.update({
			milestoneId: steering.id,
			expectedVersion: await stored.milestone(steering.id),
			anchorTaskId: report.id,
			isWeek: false
		});
		expect(milestoneNamed(plan, 'Pré-diagnostic')).toMatchObject({
			plannedDate: '2025-12-12',
			date: '2025-12-12',
			contractualDate: '2025-12-08',
			plannedDelayDays: 4
		});
		expect(plan.warnings).toContain(
			'Jalon « Pré-diagnostic & premières recommandations » : prévu 4 jour(s) après sa date contractuelle.'
		);
		plan = await api.tasks.update({
			taskId: report.id,
			startDate: '2025-12-15',
			endDate: '2025-12-17',
			expectedVersion: await storedVersion(api, 'task', report.id)
		});
		expect(milestoneNamed(plan, 'Pré-diagnostic')).toMatchObject({ date: '2025-12-17', plannedDelayDays: 9 });
		// Deleting the task unties the milestone: back on its rule's date.
		plan = await api.tasks.delete({ taskId: report.id });
		expect(milestoneNamed(plan, 'Pré-diagnostic')).toMatchObject({
			anchorTaskId: null,
			plannedDate: null,
			date: '2025-12-08'
		});
	});

	it('a kick-off change moves tied dates with their tasks', async () => {
		const diagnostic = taskNamed(before, 'Rédaction du rapport diagnostique'); // ends 13/02/2026
		const l2 = deliverableNumbered(before, 2);
		await api.deliverables.update({
			deliverableId: l2.id,
			expectedVersion: await stored.deliverable(l2.id),
			anchorTaskId: diagnostic.id,
			anchorLagDays: 1
		});
		// Seven weeks later: the task ends Friday 3 April 2026; one working day after is Tuesday 7
		// (Easter Monday), not the Monday a calendar shift of the old planned date would give.
		const plan = await api.missions.update({
			missionId,
			expectedVersion: await stored.mission(missionId),
			kickoffDate: '2026-01-12'
		});
		expect(dates(plan, 'Rédaction du rapport diagnostique')[1]).toBe('2026-04-03');
		expect(deliverableNumbered(plan, 2).plannedDate).toBe('2026-04-07');
	});
});

describe('the backup document', () => {
	it('carries link types, lag units and ties to tasks through export and import', async () => {
		const report = taskNamed(before, 'Rédaction du rapport d’audit');
		const estimates = taskNamed(before, 'Estimations financières');
		const training = taskNamed(before, 'Trame de formation');
		await api.tasks.link({
			predecessorId: estimates.id,
			successorId: training.id,
			type: 'SF',
			lagDays: 3,
			lagUnit: 'ELAPSED_DAYS',
			expectedVersion: await storedVersion(api, 'task', training.id)
		});
		await api.deliverables.update({
			deliverableId: deliverableNumbered(before, 1).id,
			expectedVersion: await stored.deliverable(deliverableNumbered(before, 1).id),
			anchorTaskId: report.id,
			anchorLagDays: 2
		});
		await api.milestones.update({
			milestoneId: milestoneNamed(before, 'Pré-diagnostic').id,
			expectedVersion: await stored.milestone(milestoneNamed(before, 'Pré-diagnostic').id),
			anchorTaskId: report.id
		});
		await api.milestones.link({
			milestoneId: milestoneNamed(before, 'Pré-diagnostic').id,
			successorId: training.id,
			type: 'SS',
			lagDays: -2,
			expectedVersion: await storedVersion(api, 'task', training.id)
		});
		const first = await api.documents.exportMission({ missionId });
		expect(first.milestoneLinks).toEqual([
			{
				milestoneRef: expect.any(String),
				successorRef: first.tasks.find((t) => t.name === training.name)!.ref,
				type: 'SS',
				lagDays: -2,
				lagUnit: 'WORKING_DAYS'
			}
		]);
		expect(first.dependencies).toContainEqual({
			predecessorRef: first.tasks.find((t) => t.name === estimates.name)!.ref,
			successorRef: first.tasks.find((t) => t.name === training.name)!.ref,
			type: 'SF',
			lagDays: 3,
			lagUnit: 'ELAPSED_DAYS'
		});
		const reportRef = first.tasks.find((t) => t.name === report.name)!.ref;
		expect(first.deliverables[0]).toMatchObject({ anchorRef: reportRef, anchorLagDays: 2, plannedDate: '2025-12-16' });
		const { id: copyId } = await api.documents.importMission({ document: JSON.parse(JSON.stringify(first)) });
		const second = await api.documents.exportMission({ missionId: copyId });
		expect({ ...second, exportedAt: null }).toEqual({ ...first, exportedAt: null });
		const copy = await api.missions.get({ missionId: copyId });
		expect(milestoneNamed(copy, 'Pré-diagnostic')).toMatchObject({ plannedDate: '2025-12-12' });
	});

	it('reads links of older documents, without a unit, as calendar-day lags', async () => {
		const doc = await api.documents.exportMission({ missionId });
		const old = {
			...doc,
			dependencies: doc.dependencies.map(({ lagUnit: _unit, ...link }) => ({ ...link, lagDays: 1 })),
			deliverables: doc.deliverables.map(({ anchorRef: _a, anchorLagDays: _l, ...d }) => d)
		};
		const { id: copyId } = await api.documents.importMission({ document: old });
		const copy = await api.missions.get({ missionId: copyId });
		expect(new Set(copy.dependencies.map((d) => d.lagUnit))).toEqual(new Set(['ELAPSED_DAYS']));
	});
});

describe('milestones leading tasks', () => {
	it('a task follows a milestone: pushed when the milestone moves, refused before it', async () => {
		const steering = milestoneNamed(before, 'Pré-diagnostic'); // week of 08/12/2025
		const workshops = taskNamed(before, 'Diagnostic/action'); // 15/12 → 19/12/2025
		let plan = await api.milestones.link({
			milestoneId: steering.id,
			successorId: workshops.id,
			expectedVersion: await storedVersion(api, 'task', workshops.id)
		});
		expect(plan.milestoneLinks).toEqual([
			expect.objectContaining({
				milestoneId: steering.id,
				successorId: workshops.id,
				type: 'FS',
				lagUnit: 'WORKING_DAYS'
			})
		]);
		expect(dates(plan, 'Diagnostic/action')).toEqual(['2025-12-15', '2025-12-19']); // after the week: holds
		// The steering meeting becomes Wednesday 17 December: the workshops start the next day and
		// keep their 5 working days.
		plan = await api.milestones.update({
			milestoneId: steering.id,
			expectedVersion: await stored.milestone(steering.id),
			isWeek: false,
			dateRule: { kind: 'FIXED_DATE', date: '2025-12-17' }
		});
		expect(dates(plan, 'Diagnostic/action')).toEqual(['2025-12-18', '2025-12-24']);
		const error = await expectAppError(
			api.tasks.move({
				taskId: workshops.id,
				startDate: '2025-12-17',
				endDate: '2025-12-23',
				expectedVersion: await storedVersion(api, 'task', workshops.id)
			}),
			'BAD_REQUEST',
			'PREDECESSOR_CONSTRAINT'
		);
		expect(error.message).toContain('elle suit « Pré-diagnostic');
		// Unlinked, it can.
		plan = await api.milestones.unlink({ milestoneLinkId: plan.milestoneLinks[0]!.id });
		await api.tasks.move({
			taskId: workshops.id,
			startDate: '2025-12-17',
			endDate: '2025-12-23',
			expectedVersion: await storedVersion(api, 'task', workshops.id)
		});
	});

	it('a milestone tied to a task passes a push on to the tasks it leads, in the same move', async () => {
		const mapping = taskNamed(before, 'Cartographie');
		const report = taskNamed(before, 'Rédaction du rapport d’audit');
		const external = taskNamed(before, 'Diagnostic externe'); // 12/01 → 30/01/2026
		const steering = milestoneNamed(before, 'Pré-diagnostic');
		await api.milestones.update({
			milestoneId: steering.id,
			expectedVersion: await stored.milestone(steering.id),
			anchorTaskId: report.id,
			isWeek: false
		});
		const linked = await api.milestones.link({
			milestoneId: steering.id,
			successorId: external.id,
			expectedVersion: await storedVersion(api, 'task', external.id)
		});
		expect(dates(linked, 'Diagnostic externe')).toEqual(['2026-01-12', '2026-01-30']);
		// The report is pushed to 14 → 16 January; the milestone to Friday 16; the external
		// diagnostic to Monday 19, with its 15 working days.
		const answer = await api.tasks.move({
			taskId: mapping.id,
			startDate: '2026-01-05',
			endDate: '2026-01-13',
			expectedVersion: await storedVersion(api, 'task', mapping.id)
		});
		const plan = await api.missions.get({ missionId });
		expect(dates(plan, 'Rédaction du rapport d’audit')).toEqual(['2026-01-14', '2026-01-16']);
		expect(milestoneNamed(plan, 'Pré-diagnostic').date).toBe('2026-01-16');
		expect(dates(plan, 'Diagnostic externe')).toEqual(['2026-01-19', '2026-02-06']);
		expect(answer.milestones.map((m) => [m.id, m.plannedDate])).toEqual([[steering.id, '2026-01-16']]);
		expect(withMovedTasks(linked, answer)).toEqual(plan);
		expect(external.version).toBeLessThan(taskNamed(plan, 'Diagnostic externe').version);
	});

	it('refuses a loop through a tie, from either side, changing nothing', async () => {
		const mapping = taskNamed(before, 'Cartographie'); // leads the report
		const report = taskNamed(before, 'Rédaction du rapport d’audit');
		const steering = milestoneNamed(before, 'Pré-diagnostic');
		const tied = await api.milestones.update({
			milestoneId: steering.id,
			expectedVersion: await stored.milestone(steering.id),
			anchorTaskId: report.id
		});
		await expectAppError(
			api.milestones.link({
				milestoneId: steering.id,
				successorId: mapping.id,
				expectedVersion: await storedVersion(api, 'task', mapping.id)
			}),
			'BAD_REQUEST',
			'DEPENDENCY_CYCLE'
		);
		expect(await api.missions.get({ missionId })).toEqual(tied);
		const untied = await api.milestones.update({
			milestoneId: steering.id,
			expectedVersion: await stored.milestone(steering.id),
			anchorTaskId: null
		});
		const linked = await api.milestones.link({
			milestoneId: steering.id,
			successorId: mapping.id,
			expectedVersion: await storedVersion(api, 'task', mapping.id)
		});
		await expectAppError(
			api.milestones.update({
				milestoneId: steering.id,
				expectedVersion: await stored.milestone(steering.id),
				anchorTaskId: report.id
			}),
			'BAD_REQUEST',
			'DEPENDENCY_CYCLE'
		);
		await expectAppError(
			api.tasks.setPredecessors({
				taskId: mapping.id,
				predecessors: [{ predecessorId: report.id }],
				expectedVersion: await storedVersion(api, 'task', mapping.id)
			}),
			'BAD_REQUEST',
			'DEPENDENCY_CYCLE'
		);
		expect(await api.missions.get({ missionId })).toEqual(linked);
		expect(untied.milestoneLinks).toEqual([]);
	});
});
