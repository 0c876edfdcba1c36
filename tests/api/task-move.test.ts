// Dragging a bar (tasks.move): the fast path must behave exactly like the edit form's path —
// same pushes and phase spans, same refusals leaving nothing changed, same audit trail — and its
// answer (the changed tasks) must turn the client's plan into the stored one.
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addWorkingDays, countWorkingDays, isWorkingDay } from '$lib/domain/calendar';
import { addCalendarDays } from '$lib/domain/dates';
import { withMovedTasks, type MissionPlan } from '$lib/domain/mission-plan';
import { sqliteOf } from '$lib/server/db';
import { createTestDatabase, TEST_ADMIN, type TestDatabase, storedVersion } from '../support/test-database';
import { expectAppError, expectFrench, seededMission, taskNamed, type Caller } from '../support/api';

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

const auditCount = () => database.db.auditEvent.count({ where: { missionId } });

describe('moving a bar', () => {
	it('answers every task it changed, so the patched plan equals the stored one', async () => {
		const audit = taskNamed(before, 'Rédaction du rapport d’audit');
		const answer = await api.tasks.move({
			taskId: audit.id,
			startDate: '2026-01-05',
			endDate: '2026-01-09',
			expectedVersion: audit.version
		});
		// The task, its pushed successor chain and the phases they sit in.
		expect(answer.tasks.length).toBeGreaterThan(5);
		expect(answer.tasks.find((t) => t.id === audit.id)).toEqual({
			id: audit.id,
			startDate: '2026-01-05',
			endDate: '2026-01-09',
			version: audit.version + 1
		});
		const stored = await api.missions.get({ missionId });
		expect(withMovedTasks(before, answer.tasks)).toEqual(stored);
	});

	it('gives the same result as the edit form for the same move', async () => {
		const audit = taskNamed(before, 'Rédaction du rapport d’audit');
		const move = { taskId: audit.id, startDate: '2026-01-05', endDate: '2026-01-09', expectedVersion: audit.version };
		await api.tasks.move(move);
		const dragged = await api.missions.get({ missionId });
		const other = await seededMission(database.db);
		const otherBefore = await other.api.missions.get({ missionId: other.missionId });
		const formEdited = await other.api.tasks.update({
			...move,
			taskId: taskNamed(otherBefore, 'Rédaction du rapport d’audit').id,
			expectedVersion: await storedVersion(other.api, 'task', taskNamed(otherBefore, 'Rédaction du rapport d’audit').id)
		});
		const datesOf = (plan: MissionPlan) => plan.tasks.map((t) => [t.name, t.startDate, t.endDate, t.version]);
		expect(datesOf(dragged)).toEqual(datesOf(formEdited));
	});

	it('writes one audit row per changed date, by the caller', async () => {
		const audit = taskNamed(before, 'Rédaction du rapport d’audit');
		const countBefore = await auditCount();
		const answer = await api.tasks.move({
			taskId: audit.id,
			startDate: '2026-01-05',
			endDate: '2026-01-09',
			expectedVersion: await storedVersion(api, 'task', audit.id)
		});
		const rows = await database.db.auditEvent.findMany({
			where: { missionId, objectId: audit.id, field: { in: ['startDate', 'endDate'] } },
			orderBy: { field: 'asc' }
		});
		expect(rows.map((r) => [r.field, r.before, r.after, r.actorName, r.action])).toEqual([
			['endDate', audit.endDate, '2026-01-09', TEST_ADMIN.name, 'update'],
			['startDate', audit.startDate, '2026-01-05', TEST_ADMIN.name, 'update']
		]);
		expect(Date.now() - rows[0]!.at.getTime()).toBeLessThan(60_000);
		// Two fields at most per changed task (a pushed task changes both).
		const added = (await auditCount()) - countBefore;
		expect(added).toBeGreaterThanOrEqual(answer.tasks.length);
		expect(added).toBeLessThanOrEqual(2 * answer.tasks.length);
		// The history page reads them like any other row.
		const history = await api.audit.list({ missionId });
		expect(JSON.stringify(history)).toContain('2026-01-05');
	});

	it('refuses a start before the predecessor allows, changing and recording nothing', async () => {
		const workshops = taskNamed(before, 'Diagnostic/action');
		const countBefore = await auditCount();
		const error = await expectAppError(
			api.tasks.move({
				taskId: workshops.id,
				startDate: '2025-12-11',
				endDate: '2025-12-17',
				expectedVersion: await storedVersion(api, 'task', workshops.id)
			}),
			'BAD_REQUEST',
			'PREDECESSOR_CONSTRAINT'
		);
		expectFrench(error.message);
		expect(await api.missions.get({ missionId })).toEqual(before);
		expect(await auditCount()).toBe(countBefore);
	});

	it('refuses an end before the start, and a stale version naming who saved first', async () => {
		const task = taskNamed(before, 'Trame de formation');
		await expectAppError(
			api.tasks.move({
				taskId: task.id,
				startDate: '2026-03-12',
				endDate: '2026-03-03',
				expectedVersion: await storedVersion(api, 'task', task.id)
			}),
			'BAD_REQUEST',
			'END_BEFORE_START'
		);
		await api.tasks.move({
			taskId: task.id,
			startDate: '2026-03-03',
			endDate: '2026-03-12',
			expectedVersion: await storedVersion(api, 'task', task.id)
		});
		const error = await expectAppError(
			api.tasks.move({
				taskId: task.id,
				startDate: '2026-03-04',
				endDate: '2026-03-13',
				expectedVersion: task.version
			}),
			'CONFLICT',
			'CONFLICT'
		);
		expect(error.message).toContain(TEST_ADMIN.name);
		const stored = taskNamed(await api.missions.get({ missionId }), 'Trame de formation');
		expect([stored.startDate, stored.endDate, stored.version]).toEqual(['2026-03-03', '2026-03-12', task.version + 1]);
	});

	it('moves a phase with its children', async () => {
		const phase = taskNamed(before, 'Phase 2');
		const answer = await api.tasks.move({
			taskId: phase.id,
			startDate: '2025-12-22',
			endDate: '2026-02-20',
			expectedVersion: await storedVersion(api, 'task', phase.id)
		});
		const children = before.tasks.filter((t) => t.parentId === phase.id);
		for (const child of children) expect(answer.tasks.map((t) => t.id)).toContain(child.id);
		expect(withMovedTasks(before, answer.tasks)).toEqual(await api.missions.get({ missionId }));
	});

	it('answers NOT_FOUND for an unknown task and a validation error for a malformed date', async () => {
		await expectAppError(
			api.tasks.move({
				taskId: 'cl0000000000000000000000',
				startDate: '2026-01-05',
				endDate: '2026-01-06',
				expectedVersion: await storedVersion(api, 'task', 'cl0000000000000000000000')
			}),
			'NOT_FOUND',
			'NOT_FOUND'
		);
		await expectAppError(
			api.tasks.move({
				taskId: taskNamed(before, 'Benchmark').id,
				startDate: '2026-02-30',
				endDate: '2026-03-02',
				expectedVersion: await storedVersion(api, 'task', taskNamed(before, 'Benchmark').id)
			}),
			'BAD_REQUEST'
		);
	});
});

describe('a series of drags (the schedule stays cached between them)', () => {
	it('gives the stored result after each drag of a series', async () => {
		const audit = taskNamed(before, 'Rédaction du rapport d’audit');
		let plan = before;
		for (const [start, end] of [
			['2026-01-05', '2026-01-09'],
			['2026-01-12', '2026-01-16'],
			['2025-12-10', '2025-12-12']
		] as const) {
			const answer = await api.tasks.move({
				taskId: audit.id,
				startDate: start,
				endDate: end,
				expectedVersion: await storedVersion(api, 'task', audit.id)
			});
			plan = withMovedTasks(plan, answer.tasks);
			expect(plan).toEqual(await api.missions.get({ missionId }));
		}
	});

	it('sees edits made another way between two drags', async () => {
		const training = taskNamed(before, 'Trame de formation');
		const benchmark = taskNamed(before, 'Benchmark');
		await api.tasks.move({
			taskId: training.id,
			startDate: training.startDate,
			endDate: training.endDate,
			expectedVersion: await storedVersion(api, 'task', training.id)
		});
		// A new link through the form: the benchmark now follows the training.
		// (Its answer is read inside its transaction: nothing here touches the cache before the drag.)
		const linked = await api.tasks.link({
			predecessorId: training.id,
			successorId: benchmark.id,
			lagDays: 0,
			expectedVersion: await storedVersion(api, 'task', benchmark.id)
		});
		const trainingNow = taskNamed(linked, 'Trame de formation');
		const benchmarkNow = taskNamed(linked, 'Benchmark');
		// Dragging the training past the benchmark's start must push it, through the new link.
		const answer = await api.tasks.move({
			taskId: training.id,
			startDate: benchmarkNow.startDate,
			endDate: benchmarkNow.endDate,
			expectedVersion: await storedVersion(api, 'task', training.id)
		});
		expect(answer.tasks.map((t) => t.id)).toContain(benchmark.id);
		const stored = await api.missions.get({ missionId });
		expect(taskNamed(stored, 'Benchmark').startDate > benchmarkNow.endDate).toBe(true);
		expect(withMovedTasks(linked, answer.tasks)).toEqual(stored);
		expect(trainingNow.startDate).toBe(training.startDate);
	});

	it('sees a write made by another connection between two drags', async () => {
		const audit = taskNamed(before, 'Rédaction du rapport d’audit');
		await api.tasks.move({
			taskId: audit.id,
			startDate: audit.startDate,
			endDate: audit.endDate,
			expectedVersion: await storedVersion(api, 'task', audit.id)
		});
		const other = new Sqlite(database.file);
		other.prepare('UPDATE "Task" SET name = ? WHERE id = ?').run('Renommée ailleurs', audit.id);
		other.close();
		// Moving a successor before the audit's end is refused, naming the task as stored now.
		const workshops = taskNamed(before, 'Diagnostic/action');
		const error = await expectAppError(
			api.tasks.move({
				taskId: workshops.id,
				startDate: '2025-12-11',
				endDate: '2025-12-17',
				expectedVersion: await storedVersion(api, 'task', workshops.id)
			}),
			'BAD_REQUEST',
			'PREDECESSOR_CONSTRAINT'
		);
		expect(error.message).toContain('Renommée ailleurs');
	});
});

describe('drags arriving together', () => {
	it('share commits, each with its own answer, and end where the same drags one by one would', async () => {
		const access = sqliteOf(database.db);
		// Tasks none of which pushes another: each drag is based on the version its task still has.
		const pushed = (from: string, seen = new Set<string>()): Set<string> => {
			for (const d of before.dependencies)
				if (d.predecessorId === from && !seen.has(d.successorId)) pushed(d.successorId, seen.add(d.successorId));
			return seen;
		};
		const tasks: MissionPlan['tasks'] = [];
		for (const t of before.tasks.filter((t) => t.kind === 'TASK')) {
			if (tasks.length < 6 && !tasks.some((o) => pushed(o.id).has(t.id) || pushed(t.id).has(o.id))) tasks.push(t);
		}
		expect(tasks.length).toBeGreaterThan(2);
		const shifted = (date: string) => addCalendarDays(date, 14);
		const commitsBefore = access.batchCommits;
		const answers = await Promise.all(
			tasks.map((t) =>
				api.tasks.move({
					taskId: t.id,
					startDate: shifted(t.startDate),
					endDate: shifted(t.endDate),
					expectedVersion: t.version
				})
			)
		);
		expect(access.batchCommits - commitsBefore).toBeLessThan(tasks.length);
		let patched = before;
		for (const answer of answers) patched = withMovedTasks(patched, answer.tasks);
		const stored = await api.missions.get({ missionId });
		expect(patched).toEqual(stored);
		// The same drags, one at a time, on a fresh copy of the mission.
		const other = await seededMission(database.db);
		const otherBefore = await other.api.missions.get({ missionId: other.missionId });
		for (const t of tasks) {
			const same = taskNamed(otherBefore, t.name);
			await other.api.tasks.move({
				taskId: same.id,
				startDate: shifted(t.startDate),
				endDate: shifted(t.endDate),
				expectedVersion: await storedVersion(other.api, 'task', same.id)
			});
		}
		const datesOf = (plan: MissionPlan) => plan.tasks.map((t) => [t.name, t.startDate, t.endDate, t.version]);
		expect(datesOf(stored)).toEqual(datesOf(await other.api.missions.get({ missionId: other.missionId })));
	});

	it('refuse one without undoing the others', async () => {
		const workshops = taskNamed(before, 'Diagnostic/action');
		const training = taskNamed(before, 'Trame de formation');
		const countBefore = await auditCount();
		const [refused, accepted] = await Promise.allSettled([
			api.tasks.move({
				taskId: workshops.id,
				startDate: '2025-12-11',
				endDate: '2025-12-17',
				expectedVersion: await storedVersion(api, 'task', workshops.id)
			}),
			api.tasks.move({
				taskId: training.id,
				startDate: '2026-03-03',
				endDate: '2026-03-12',
				expectedVersion: await storedVersion(api, 'task', training.id)
			})
		]);
		expect(refused.status).toBe('rejected');
		expect((refused as PromiseRejectedResult).reason).toMatchObject({ appCode: 'PREDECESSOR_CONSTRAINT' });
		expect(accepted.status).toBe('fulfilled');
		const stored = await api.missions.get({ missionId });
		expect([taskNamed(stored, 'Trame de formation').startDate]).toEqual(['2026-03-03']);
		expect(taskNamed(stored, 'Diagnostic/action')).toEqual(workshops);
		// Only the accepted move left audit rows (start and end of one task).
		expect((await auditCount()) - countBefore).toBe(2);
	});
});

// Issue 21, item 7: a move keeps the working-day duration and starts on a working day, whichever
// procedure carries it; a resize puts the end it moves on a working day.
describe('a move keeps the working days', () => {
	const workingDaysOf = (task: { startDate: string; endDate: string }) =>
		countWorkingDays(task.startDate, task.endDate);

	it('tasks.move six weeks later across Easter Monday keeps 10 working days', async () => {
		const task = taskNamed(before, 'Bilan des enjeux'); // 16–27 February 2026: 10 working days
		expect(workingDaysOf(task)).toBe(10);
		await api.tasks.move({
			taskId: task.id,
			startDate: addCalendarDays(task.startDate, 42),
			endDate: addCalendarDays(task.endDate, 42),
			expectedVersion: task.version
		});
		const moved = taskNamed(await api.missions.get({ missionId }), 'Bilan des enjeux');
		// Shifting both dates would end on Friday 10 April: 9 working days (Easter Monday, 6 April).
		expect([moved.startDate, moved.endDate]).toEqual(['2026-03-30', '2026-04-13']);
		expect(workingDaysOf(moved)).toBe(10);
	});

	it('tasks.move onto a Saturday starts on the Monday, same duration', async () => {
		const task = taskNamed(before, 'Trame de formation'); // Monday 2 to Wednesday 11 March: 8 days
		await api.tasks.move({
			taskId: task.id,
			startDate: '2026-03-07',
			endDate: '2026-03-16',
			expectedVersion: task.version
		});
		const moved = taskNamed(await api.missions.get({ missionId }), 'Trame de formation');
		expect([moved.startDate, moved.endDate]).toEqual(['2026-03-09', '2026-03-18']);
	});

	it('tasks.update with a new start only moves the task, keeping its working days', async () => {
		const task = taskNamed(before, 'Trame de formation');
		await api.tasks.update({ taskId: task.id, startDate: '2026-03-08', expectedVersion: task.version });
		const moved = taskNamed(await api.missions.get({ missionId }), 'Trame de formation');
		expect([moved.startDate, moved.endDate]).toEqual(['2026-03-09', '2026-03-18']);
		expect(workingDaysOf(moved)).toBe(8);
	});

	it('a resize onto a weekend ends on the next working day', async () => {
		const task = taskNamed(before, 'Trame de formation');
		await api.tasks.update({ taskId: task.id, endDate: '2026-03-14', expectedVersion: task.version });
		const resized = taskNamed(await api.missions.get({ missionId }), 'Trame de formation');
		expect([resized.startDate, resized.endDate]).toEqual(['2026-03-02', '2026-03-16']);
	});

	it('a phase moved by a day moves its tasks by a working day, each keeping its duration', async () => {
		const phase = taskNamed(before, 'Phase 3');
		const children = before.tasks.filter((t) => t.parentId === phase.id);
		await api.tasks.move({
			taskId: phase.id,
			startDate: addCalendarDays(phase.startDate, 1),
			endDate: addCalendarDays(phase.endDate, 1),
			expectedVersion: phase.version
		});
		const after = await api.missions.get({ missionId });
		for (const child of children) {
			const moved = after.tasks.find((t) => t.id === child.id)!;
			expect(isWorkingDay(moved.startDate) && isWorkingDay(moved.endDate), child.name).toBe(true);
			expect(workingDaysOf(moved), child.name).toBe(workingDaysOf(child));
			expect(moved.startDate, child.name).toBe(addWorkingDays(child.startDate, 1));
		}
	});
});
