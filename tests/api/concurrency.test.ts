// Concurrent requests on the one shared SQLite connection: a rolled-back interactive transaction
// must never take other requests' writes with it, and concurrent edits must all persist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeTask } from '$lib/domain/task-placement';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';
import { seededMission, TODAY, type Caller } from '../support/api';
import { missionData, rolledBackTransactionsAmongWrites } from '../support/lost-writes';

let database: TestDatabase;
let api: Caller;

beforeAll(async () => {
	database = await createTestDatabase();
	api = callerFor(database.db, TODAY);
});

afterAll(async () => {
	await database.close();
});

describe('shared connection', () => {
	it('keeps every write made while interactive transactions roll back', async () => {
		const result = await rolledBackTransactionsAmongWrites(database.db, 'lost-write');
		expect(result).toEqual({ rejectedTransactions: 50, confirmedCreates: 100, storedCreates: 100, storedRollbacks: 0 });
	});

	it('keeps missions created through the API while failing API calls roll back', async () => {
		const { missionId } = await seededMission(database.db);
		const before = await api.missions.get({ missionId });
		const benchmark = before.tasks.find((t) => t.name.startsWith('Benchmark'))!;
		const failing = Array.from({ length: 30 }, () =>
			// Renames, then fails on the dates: the whole transaction rolls back.
			api.tasks.update({
				taskId: benchmark.id,
				name: 'Never stored',
				startDate: '2026-01-30',
				endDate: '2026-01-19',
				expectedVersion: benchmark.version
			})
		);
		const creates = Array.from({ length: 60 }, (_, i) => api.missions.create(missionData(`api committed ${i}`)));
		const [failed, created] = await Promise.all([Promise.allSettled(failing), Promise.allSettled(creates)]);
		expect(failed.every((r) => r.status === 'rejected')).toBe(true);
		expect(created.every((r) => r.status === 'fulfilled')).toBe(true);
		expect(await database.db.mission.count({ where: { title: { startsWith: 'api committed ' } } })).toBe(60);
		expect(await api.missions.get({ missionId })).toEqual(before);
	});
});

describe('concurrent task edits', () => {
	it('persists 20 concurrent moves of different tasks', async () => {
		const { id: missionId } = await api.missions.create(missionData('Twenty tasks'));
		const ids: string[] = [];
		for (let i = 0; i < 20; i += 1) {
			const { id } = await api.tasks.create({
				missionId,
				name: `Task ${i}`,
				startDate: '2026-01-05',
				endDate: '2026-01-06'
			});
			ids.push(id);
		}
		// Task i moves to February (i + 1) and lasts i % 5 days more.
		const day = (n: number) => `2026-02-${String(n).padStart(2, '0')}`;
		const moves = ids.map((taskId, i) => ({ taskId, startDate: day(i + 1), endDate: day(i + 1 + (i % 5)) }));
		const results = await Promise.allSettled(
			moves.map(async (move) =>
				api.tasks.update({ ...move, expectedVersion: await storedVersion(api, 'task', move.taskId) })
			)
		);
		expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
		const plan = await api.missions.get({ missionId });
		for (const move of moves) {
			const task = plan.tasks.find((t) => t.id === move.taskId)!;
			// Where the dates asked land (working days: 1 February 2026 is a Sunday).
			const placed = placeTask(
				{ start: '2026-01-05', end: '2026-01-06' },
				{ start: move.startDate, end: move.endDate }
			);
			expect([task.startDate, task.endDate, task.version], task.name).toEqual([placed.start, placed.end, 2]);
		}
	});

	it('keeps every link satisfied after concurrent moves along one chain', async () => {
		const { missionId } = await seededMission(database.db);
		const before = await api.missions.get({ missionId });
		const task = (prefix: string) => before.tasks.find((t) => t.name.startsWith(prefix))!;
		const moves: [string, string, string][] = [
			['Rédaction du rapport d’audit', '2025-12-15', '2025-12-19'],
			['Diagnostic/action', '2026-01-05', '2026-01-09'],
			['Benchmark', '2026-02-02', '2026-02-13'],
			['Bilan des enjeux', '2026-03-02', '2026-03-13'],
			['Restitution finale', '2026-04-07', '2026-04-08'],
			['Trame de formation', '2026-03-03', '2026-03-12']
		];
		const results = await Promise.allSettled(
			moves.map(async ([name, startDate, endDate]) =>
				api.tasks.update({
					taskId: task(name).id,
					startDate,
					endDate,
					expectedVersion: await storedVersion(api, 'task', task(name).id)
				})
			)
		);
		// Each move was checked against the state committed before it; some may be refused.
		for (const result of results) {
			if (result.status === 'rejected')
				// Refused by a link, or because another move pushed this task since its version was read.
				expect(['PREDECESSOR_CONSTRAINT', 'CONFLICT']).toContain((result.reason as { appCode?: string }).appCode);
		}
		const after = await api.missions.get({ missionId });
		const byId = new Map(after.tasks.map((t) => [t.id, t]));
		for (const link of after.dependencies) {
			expect(byId.get(link.successorId)!.startDate > byId.get(link.predecessorId)!.endDate).toBe(true);
		}
		expect(byId.get(task('Trame de formation').id)).toMatchObject({ startDate: '2026-03-03', endDate: '2026-03-12' });
	});
});
