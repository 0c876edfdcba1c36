// The database's change stamp keys the value cache and the mission page's early 304: every write
// moves it (this connection's, another connection's), except a session's last-seen time, which
// nothing cached and no page reads, written once a minute by every signed-in user.
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSession, validateSession } from '$lib/server/auth/sessions';
import { sqliteOf } from '$lib/server/db';
import { seedCufMission } from '$lib/server/seed';
import { callerFor, createTestDatabase, TEST_ADMIN, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
let missionId: string;
const api = () => callerFor(t.db, '2025-12-01');
const stamp = () => sqliteOf(t.db).changeStamp();

beforeAll(async () => {
	t = await createTestDatabase();
	missionId = await seedCufMission(t.db);
});
afterAll(() => t.close());

it('a session’s last-seen time is written without emptying the cache or moving the stamp', async () => {
	const start = new Date('2026-03-01T08:00:00Z');
	const { token } = await createSession(t.db, TEST_ADMIN.id, start);
	const plan = await api().missions.get({ missionId });
	const before = await stamp();
	// Two minutes later: the session's last-seen time is due.
	const later = new Date(start.getTime() + 2 * 60_000);
	expect((await validateSession(t.db, token, later))?.id).toBe(TEST_ADMIN.id);
	const session = await t.db.session.findFirstOrThrow({ where: { userId: TEST_ADMIN.id } });
	expect(session.lastSeenAt.toISOString()).toBe(later.toISOString());
	expect(await stamp()).toBe(before);
	expect(await api().missions.get({ missionId })).toBe(plan);
	// Still idle-checked from the new time: 12 h after it, not after the start.
	const idleLimit = later.getTime() + 12 * 60 * 60_000;
	expect(await validateSession(t.db, token, new Date(idleLimit - 1000))).not.toBeNull();
});

it('any other write moves the stamp and empties the cache: this connection’s or another’s', async () => {
	const plan = await api().missions.get({ missionId });
	let before = await stamp();
	const task = plan.tasks.find((x) => x.kind === 'TASK')!;
	await api().tasks.update({ taskId: task.id, name: 'Renommée', expectedVersion: task.version });
	expect(await stamp()).not.toBe(before);
	const renamed = await api().missions.get({ missionId });
	expect(renamed).not.toBe(plan);
	expect(renamed.tasks.find((x) => x.id === task.id)!.name).toBe('Renommée');

	// The same column through Prisma is an ordinary write: it moves the stamp.
	before = await stamp();
	await t.db.session.updateMany({ data: { lastSeenAt: new Date() } });
	expect(await stamp()).not.toBe(before);

	// Another connection's commit (another process on the file).
	before = await stamp();
	const cached = await api().missions.get({ missionId });
	const other = new Sqlite(t.file);
	other.prepare(`UPDATE "Mission" SET "title" = 'Titre d’ailleurs' WHERE "id" = ?`).run(missionId);
	other.close();
	expect(await stamp()).not.toBe(before);
	const reread = await api().missions.get({ missionId });
	expect(reread).not.toBe(cached);
	expect(reread.mission.title).toBe('Titre d’ailleurs');
});
