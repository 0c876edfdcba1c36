// Moving tasks and phases on the seeded CUF mission: persistence, pushed successors, refused
// moves, phase spans, and finish-to-start links.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addWorkingDays, countWorkingDays, isWorkingDay } from '$lib/domain/calendar';
import { daysBetween } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';
import { expectAppError, expectFrench, seededMission, taskNamed, type Caller } from '../support/api';

let database: TestDatabase;
let api: Caller;
let missionId: string;
let before: MissionPlan;

beforeAll(async () => {
	database = await createTestDatabase();
});

afterAll(async () => {
	await database.close();
});

beforeEach(async () => {
	// A fresh copy of the mission for every test.
	({ missionId, api } = await seededMission(database.db));
	before = await api.missions.get({ missionId });
});

const dates = (plan: MissionPlan, prefix: string) => {
	const task = taskNamed(plan, prefix);
	return [task.startDate, task.endDate];
};
const duration = (task: { startDate: string; endDate: string }) => daysBetween(task.startDate, task.endDate);

describe('moving a task', () => {
	it('persists the new dates', async () => {
		const task = taskNamed(before, 'Trame de formation');
		const returned = await api.tasks.update({
			taskId: task.id,
			startDate: '2026-03-03',
			endDate: '2026-03-12',
			expectedVersion: await storedVersion(api, 'task', task.id)
		});
		expect(dates(returned, 'Trame de formation')).toEqual(['2026-03-03', '2026-03-12']);
		const reread = await api.missions.get({ missionId });
		expect(dates(reread, 'Trame de formation')).toEqual(['2026-03-03', '2026-03-12']);
		expect(taskNamed(reread, 'Trame de formation').version).toBe(task.version + 1);
		// Nothing else moved (the task has no successor and stays inside its phase).
		const others = (plan: MissionPlan) =>
			plan.tasks.filter((t) => t.id !== task.id).map((t) => [t.id, t.startDate, t.endDate]);
		expect(others(reread)).toEqual(others(before));
	});

	it('updates the progress and the name without touching the dates', async () => {
		const task = taskNamed(before, 'Benchmark');
		await api.tasks.update({
			taskId: task.id,
			progress: 40,
			name: 'Benchmark des outils',
			expectedVersion: await storedVersion(api, 'task', task.id)
		});
		const after = taskNamed(await api.missions.get({ missionId }), 'Benchmark des outils');
		expect(after).toMatchObject({ progress: 40, startDate: task.startDate, endDate: task.endDate });
	});

	it('pushes the whole successor chain when it overlaps its successor, keeping durations', async () => {
		const audit = taskNamed(before, 'Rédaction du rapport d’audit');
		const after = await api.tasks.update({
			taskId: audit.id,
			startDate: '2026-01-05',
			endDate: '2026-01-09',
			expectedVersion: await storedVersion(api, 'task', audit.id)
		});
		const reread = await api.missions.get({ missionId });
		expect(reread.tasks).toEqual(after.tasks);

		const expected: [string, string, string][] = [
			['Rédaction du rapport d’audit', '2026-01-05', '2026-01-09'],
			['Diagnostic/action', '2026-01-12', '2026-01-16'],
			['Besoins fonctionnels', '2026-01-19', '2026-01-30'],
			['Benchmark', '2026-02-02', '2026-02-13'],
			['Rédaction du rapport diagnostique', '2026-02-16', '2026-02-27'],
			['Bilan des enjeux', '2026-03-02', '2026-03-13'],
			['Estimations financières', '2026-03-16', '2026-03-20'],
			['Rédaction de la feuille de route', '2026-03-23', '2026-04-01'],
			['Restitution finale', '2026-04-02', '2026-04-03']
		];
		for (const [name, start, end] of expected) {
			expect(dates(reread, name), name).toEqual([start, end]);
			if (name === 'Rédaction du rapport d’audit') continue;
			// A pushed task keeps its duration and starts on a working day.
			expect(duration(taskNamed(reread, name)), name).toBe(duration(taskNamed(before, name)));
			expect(isWorkingDay(start), name).toBe(true);
		}
		// Every link holds.
		const byId = new Map(reread.tasks.map((t) => [t.id, t]));
		for (const link of reread.dependencies) {
			expect(byId.get(link.successorId)!.startDate > byId.get(link.predecessorId)!.endDate).toBe(true);
		}
		// Tasks without a link to the moved one stay put.
		expect(dates(reread, 'Diagnostic externe')).toEqual(dates(before, 'Diagnostic externe'));
		expect(dates(reread, 'Trame de formation')).toEqual(dates(before, 'Trame de formation'));
		// Phases follow their children.
		expect(dates(reread, 'Phase 1')).toEqual(['2025-12-01', '2026-01-09']);
		expect(dates(reread, 'Phase 2')).toEqual(['2026-01-12', '2026-02-27']);
		expect(dates(reread, 'Phase 3')).toEqual(['2026-03-02', '2026-04-03']);
	});

	it('does not pull successors back when a task moves earlier', async () => {
		const audit = taskNamed(before, 'Rédaction du rapport d’audit');
		await api.tasks.update({
			taskId: audit.id,
			startDate: '2025-12-10',
			endDate: '2025-12-10',
			expectedVersion: await storedVersion(api, 'task', audit.id)
		});
		const reread = await api.missions.get({ missionId });
		expect(dates(reread, 'Rédaction du rapport d’audit')).toEqual(['2025-12-10', '2025-12-10']);
		expect(dates(reread, 'Diagnostic/action')).toEqual(dates(before, 'Diagnostic/action'));
	});

	it('refuses to start a task before its predecessor allows, and changes nothing', async () => {
		const workshops = taskNamed(before, 'Diagnostic/action');
		const error = await expectAppError(
			api.tasks.update({
				taskId: workshops.id,
				startDate: '2025-12-11',
				endDate: '2025-12-17',
				name: 'Renamed',
				expectedVersion: await storedVersion(api, 'task', workshops.id)
			}),
			'BAD_REQUEST',
			'PREDECESSOR_CONSTRAINT'
		);
		expect(error.message).toMatch(/ne peut pas commencer avant le 13\/12\/2025/);
		expect(error.message).toContain('« Rédaction du rapport d’audit et de la carte mentale »');
		expectFrench(error.message);
		expect(await api.missions.get({ missionId })).toEqual(before);
	});

	it('accepts a start on the first day the predecessor allows, a Saturday: the task starts on the Monday', async () => {
		const workshops = taskNamed(before, 'Diagnostic/action');
		await api.tasks.update({
			taskId: workshops.id,
			startDate: '2025-12-13',
			endDate: '2025-12-19',
			expectedVersion: await storedVersion(api, 'task', workshops.id)
		});
		expect(dates(await api.missions.get({ missionId }), 'Diagnostic/action')).toEqual(['2025-12-15', '2025-12-19']);
	});
});

describe('moving a phase', () => {
	it('moves its children and pushes successors outside it', async () => {
		const phase = taskNamed(before, 'Phase 2');
		await api.tasks.update({
			taskId: phase.id,
			startDate: '2025-12-22',
			endDate: '2026-02-20',
			expectedVersion: await storedVersion(api, 'task', phase.id)
		});
		const reread = await api.missions.get({ missionId });
		const children = before.tasks.filter((t) => t.parentId === phase.id);
		expect(children).toHaveLength(5);
		// A week later is 5 working days later (Christmas and New Year's Day on the way): each task
		// moves by as many working days and keeps its working-day duration.
		for (const child of children) {
			const moved = reread.tasks.find((t) => t.id === child.id)!;
			expect(moved.startDate, child.name).toBe(addWorkingDays(child.startDate, 5));
			expect(countWorkingDays(moved.startDate, moved.endDate), child.name).toBe(
				countWorkingDays(child.startDate, child.endDate)
			);
		}
		expect(dates(reread, 'Phase 2')).toEqual(['2025-12-22', '2026-02-20']);
		// Phase 3 is pushed by the link from the diagnostic report.
		expect(dates(reread, 'Bilan des enjeux')).toEqual(['2026-02-23', '2026-03-06']);
		expect(dates(reread, 'Estimations financières')).toEqual(['2026-03-09', '2026-03-13']);
		expect(dates(reread, 'Rédaction de la feuille de route')).toEqual(['2026-03-16', '2026-03-25']);
		expect(dates(reread, 'Restitution finale')).toEqual(['2026-03-26', '2026-03-27']);
		// Phase 1 is untouched.
		expect(dates(reread, 'Phase 1')).toEqual(dates(before, 'Phase 1'));
	});

	it('refuses a phase move that breaks a link from outside the phase', async () => {
		const phase = taskNamed(before, 'Phase 2');
		await expectAppError(
			api.tasks.update({
				taskId: phase.id,
				startDate: '2025-12-08',
				endDate: '2026-02-06',
				expectedVersion: await storedVersion(api, 'task', phase.id)
			}),
			'BAD_REQUEST',
			'PREDECESSOR_CONSTRAINT'
		);
		expect(await api.missions.get({ missionId })).toEqual(before);
	});

	it('keeps its span on its children whatever dates are asked for', async () => {
		const phase = taskNamed(before, 'Phase 3');
		// Same start, later end: nothing to move, the span stays the children's.
		await api.tasks.update({
			taskId: phase.id,
			endDate: '2026-06-30',
			expectedVersion: await storedVersion(api, 'task', phase.id)
		});
		expect(dates(await api.missions.get({ missionId }), 'Phase 3')).toEqual(['2026-02-16', '2026-03-20']);
	});

	it('follows its children when one of them moves, is added or is deleted', async () => {
		const phase = taskNamed(before, 'Phase 3');
		const final = taskNamed(before, 'Restitution finale');
		await api.tasks.update({
			taskId: final.id,
			startDate: '2026-03-23',
			endDate: '2026-03-27',
			expectedVersion: await storedVersion(api, 'task', final.id)
		});
		expect(dates(await api.missions.get({ missionId }), 'Phase 3')).toEqual(['2026-02-16', '2026-03-27']);

		const training = taskNamed(before, 'Trame de formation');
		await api.tasks.update({
			taskId: training.id,
			startDate: '2026-02-09',
			endDate: '2026-02-18',
			expectedVersion: await storedVersion(api, 'task', training.id)
		});
		expect(dates(await api.missions.get({ missionId }), 'Phase 3')).toEqual(['2026-02-09', '2026-03-27']);

		const { id: added } = await api.tasks.create({
			missionId,
			parentId: phase.id,
			name: 'Comité de pilotage final',
			startDate: '2026-04-07',
			endDate: '2026-04-08'
		});
		expect(dates(await api.missions.get({ missionId }), 'Phase 3')).toEqual(['2026-02-09', '2026-04-08']);

		await api.tasks.delete({ taskId: added });
		await api.tasks.delete({ taskId: training.id });
		expect(dates(await api.missions.get({ missionId }), 'Phase 3')).toEqual(['2026-02-16', '2026-03-27']);
	});
});

describe('links between tasks', () => {
	it('links two tasks with an elapsed-day lag and pushes the successor', async () => {
		const external = taskNamed(before, 'Diagnostic externe'); // 2026-01-12 → 2026-01-30
		const training = taskNamed(before, 'Trame de formation'); // 2026-03-02 → 2026-03-11
		const plan = await api.tasks.link({
			predecessorId: external.id,
			successorId: training.id,
			lagDays: 31,
			lagUnit: 'ELAPSED_DAYS',
			expectedVersion: await storedVersion(api, 'task', training.id)
		});
		const link = plan.dependencies.find((d) => d.predecessorId === external.id && d.successorId === training.id);
		expect(link).toMatchObject({ lagDays: 31, type: 'FS', lagUnit: 'ELAPSED_DAYS' });
		// Earliest start: 2026-01-30 + 1 + 31 = 2026-03-03, already a working day; 8 working days kept.
		const reread = await api.missions.get({ missionId });
		expect(dates(reread, 'Trame de formation')).toEqual(['2026-03-03', '2026-03-12']);
		expect(reread.dependencies).toHaveLength(13);
	});

	it('lands a pushed successor on the next working day', async () => {
		const external = taskNamed(before, 'Diagnostic externe'); // ends Friday 2026-01-30
		const training = taskNamed(before, 'Trame de formation');
		await api.tasks.update({
			taskId: training.id,
			startDate: '2026-01-26',
			endDate: '2026-01-28',
			expectedVersion: await storedVersion(api, 'task', training.id)
		});
		await api.tasks.link({
			predecessorId: external.id,
			successorId: training.id,
			lagDays: 0,
			expectedVersion: await storedVersion(api, 'task', training.id)
		});
		// Saturday 31 January is not a working day: Monday 2 February, same 2-day duration.
		expect(dates(await api.missions.get({ missionId }), 'Trame de formation')).toEqual(['2026-02-02', '2026-02-04']);
	});

	it('does not move the successor when the link already holds', async () => {
		const direction = taskNamed(before, 'Entretiens : direction');
		const team = taskNamed(before, 'Entretiens : équipe');
		await api.tasks.link({
			predecessorId: direction.id,
			successorId: team.id,
			expectedVersion: await storedVersion(api, 'task', team.id)
		});
		const reread = await api.missions.get({ missionId });
		const datesOf = (plan: MissionPlan) => plan.tasks.map((t) => [t.id, t.startDate, t.endDate]);
		expect(datesOf(reread)).toEqual(datesOf(before));
		// The link is part of its successor's row: its version moved, nothing else did.
		expect(taskNamed(reread, 'Entretiens : équipe').version).toBe(team.version + 1);
		expect(reread.dependencies).toHaveLength(13);
	});

	it('refuses to link a phase', async () => {
		const phase = taskNamed(before, 'Phase 3');
		const task = taskNamed(before, 'Restitution finale');
		await expectAppError(
			api.tasks.link({
				predecessorId: phase.id,
				successorId: task.id,
				expectedVersion: await storedVersion(api, 'task', task.id)
			}),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
		expect(await api.missions.get({ missionId })).toEqual(before);
	});

	it('unlinks, after which the former successor can move before the former predecessor ends', async () => {
		const audit = taskNamed(before, 'Rédaction du rapport d’audit');
		const workshops = taskNamed(before, 'Diagnostic/action');
		const link = before.dependencies.find((d) => d.predecessorId === audit.id && d.successorId === workshops.id)!;
		const plan = await api.tasks.unlink({
			dependencyId: link.id,
			expectedVersion: await storedVersion(api, 'dependency', link.id)
		});
		expect(plan.dependencies.some((d) => d.id === link.id)).toBe(false);
		expect(plan.dependencies).toHaveLength(11);
		await api.tasks.update({
			taskId: workshops.id,
			startDate: '2025-12-11',
			endDate: '2025-12-17',
			expectedVersion: await storedVersion(api, 'task', workshops.id)
		});
		expect(dates(await api.missions.get({ missionId }), 'Diagnostic/action')).toEqual(['2025-12-11', '2025-12-17']);
		await expectAppError(
			api.tasks.unlink({ dependencyId: link.id, expectedVersion: await storedVersion(api, 'dependency', link.id) }),
			'NOT_FOUND',
			'NOT_FOUND'
		);
	});

	it('removes the links of a deleted task', async () => {
		const workshops = taskNamed(before, 'Diagnostic/action');
		expect(
			before.dependencies.filter((d) => d.predecessorId === workshops.id || d.successorId === workshops.id)
		).toHaveLength(2);
		const plan = await api.tasks.delete({ taskId: workshops.id });
		expect(plan.tasks.some((t) => t.id === workshops.id)).toBe(false);
		expect(plan.dependencies).toHaveLength(10);
		expect(plan.dependencies.some((d) => d.predecessorId === workshops.id || d.successorId === workshops.id)).toBe(
			false
		);
		expect(
			await database.db.dependency.count({
				where: { OR: [{ predecessorId: workshops.id }, { successorId: workshops.id }] }
			})
		).toBe(0);
		// Phase 2 now starts with its next child.
		expect(dates(plan, 'Phase 2')).toEqual(['2026-01-05', '2026-02-13']);
	});

	it('deletes a phase with its children and their links', async () => {
		const phase = taskNamed(before, 'Phase 1');
		const plan = await api.tasks.delete({ taskId: phase.id });
		expect(plan.tasks).toHaveLength(23 - 8);
		// The two links inside Phase 1 and the two crossing its border are gone.
		expect(plan.dependencies).toHaveLength(12 - 4);
		const remaining = new Set(plan.tasks.map((t) => t.id));
		expect(plan.dependencies.every((d) => remaining.has(d.predecessorId) && remaining.has(d.successorId))).toBe(true);
	});
});
