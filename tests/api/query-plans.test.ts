// Every statement of the hot paths (session, access checks, reading a mission or several, a drag)
// must search through an index: a full scan would make a single-mission read grow with the
// portfolio. The statements are collected as the paths run, so new ones are checked too.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSession, validateSession } from '$lib/server/auth/sessions';
import { sqliteOf } from '$lib/server/db';
import { createTestDatabase, TEST_ADMIN, type TestDatabase, storedVersion } from '../support/test-database';
import { seededMission, taskNamed } from '../support/api';

let database: TestDatabase;

beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.close());

it('hot statements search through indexes, never scan a table', async () => {
	const { missionId, api } = await seededMission(database.db);
	const { token } = await createSession(database.db, TEST_ADMIN.id);
	expect(await validateSession(database.db, token)).toMatchObject({ id: TEST_ADMIN.id });
	const plan = await api.missions.get({ missionId });
	await api.dashboard.overview();
	await api.finance.get({ missionId });
	const task = taskNamed(plan, 'Trame de formation');
	await api.tasks.move({
		taskId: task.id,
		startDate: task.startDate,
		endDate: task.endDate,
		expectedVersion: await storedVersion(api, 'task', task.id)
	});
	await api.tasks.move({ taskId: task.id, startDate: '2026-03-03', endDate: '2026-03-12', expectedVersion: 1 });
	await api.tasks.move({ taskId: task.id, startDate: '2026-03-03', endDate: '2026-03-12', expectedVersion: 1 }).catch(
		() => undefined // a conflict: reads who saved last
	);
	await api.deliverables.update({
		deliverableId: plan.deliverables[0]!.id,
		plannedDate: '2025-12-12',
		expectedVersion: plan.deliverables[0]!.version
	});

	const access = sqliteOf(database.db);
	const reads = access.preparedSql().filter((sql) => /^\s*SELECT/i.test(sql) && /FROM\s+"/i.test(sql));
	expect(reads.length).toBeGreaterThanOrEqual(10);
	const plans = await access.exclusive((sqlite) =>
		reads.map((sql) => {
			const statement = sqlite.connection!.prepare(`EXPLAIN QUERY PLAN ${sql}`);
			const args = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => '[]');
			return { sql, plan: (statement.all(...args) as { detail: string }[]).map((row) => row.detail) };
		})
	);
	for (const { sql, plan } of plans) {
		const scans = plan.filter((step) => /^SCAN /.test(step) && !/VIRTUAL TABLE/.test(step));
		expect(scans, `${sql}\n${plan.join('\n')}`).toEqual([]);
		expect(
			plan.some((step) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(step)),
			sql
		).toBe(true);
	}
});
