// The database lock of db.ts is released on every path, even when COMMIT itself fails, and
// /api/health tells a stuck lock from a busy one.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDatabase, sqliteOf, type Database } from '$lib/server/db';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { missionData } from '../support/lost-writes';

let t: TestDatabase;
/** The process-wide client, the one /api/health probes, on the test's database file. */
let db: Database;
beforeAll(async () => {
	t = await createTestDatabase();
	process.env.DATABASE_URL = `file:${t.file}`;
	db = await getDatabase();
});
afterAll(async () => {
	delete process.env.DATABASE_URL;
	delete process.env.JALON_HEALTH_TIMEOUT_MS;
	await db.$disconnect();
	await t.close();
});

/** Fails the test instead of hanging when a query never gets the lock. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
	return Promise.race([
		work,
		new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))
	]);
}

/** A transaction whose COMMIT fails: a deferred foreign key points nowhere. */
function failingCommit() {
	return db.$transaction(async (tx) => {
		await tx.$executeRawUnsafe('PRAGMA defer_foreign_keys = ON');
		await tx.task.create({
			data: { missionId: 'no-such-mission', name: 'orpheline', startDate: '2026-01-05', endDate: '2026-01-06' }
		});
	});
}

describe('a COMMIT that fails', () => {
	it('rejects, writes nothing, and leaves the lock free for later queries and transactions', async () => {
		const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		await expect(within(3000, failingCommit())).rejects.toThrow();
		// Twice: the adapter's own transaction mutex must be free too.
		await expect(within(3000, failingCommit())).rejects.toThrow();
		errors.mockRestore();
		expect(await within(3000, db.task.count({ where: { missionId: 'no-such-mission' } }))).toBe(0);
		const created = await within(
			3000,
			db.$transaction(async (tx) => tx.mission.create({ data: missionData('après un COMMIT raté') }))
		);
		expect(await within(3000, db.mission.findUnique({ where: { id: created.id } }))).not.toBeNull();
		expect(sqliteOf(db).connection!.inTransaction).toBe(false);
		const { GET } = await import('../../src/routes/api/health/+server');
		const health = await within(3000, Promise.resolve(GET({} as never)));
		expect(health.status).toBe(200);
	});
});

describe('a long transaction', () => {
	it('lets the event loop serve other work between its statements', async () => {
		let ticks = 0;
		const timer = setInterval(() => (ticks += 1), 5);
		const started = performance.now();
		await db.$transaction(async (tx) => {
			for (let i = 0; i < 600; i += 1) await tx.mission.count();
		});
		clearInterval(timer);
		// Timers ran during the transaction (about one every TURN_MS of statements).
		expect(performance.now() - started).toBeGreaterThan(20);
		expect(ticks).toBeGreaterThan(0);
	});
});

describe('/api/health', () => {
	it('answers while another request holds the lock briefly, and 503 once the lock is stuck', async () => {
		process.env.JALON_HEALTH_TIMEOUT_MS = '200';
		const { GET } = await import('../../src/routes/api/health/+server');
		const access = sqliteOf(db);
		const release = await access.lock.acquire();
		try {
			expect((await GET({} as never)).status).toBe(200);
			await new Promise((r) => setTimeout(r, 300));
			const stuck = await GET({} as never);
			expect(stuck.status).toBe(503);
			expect(await stuck.json()).toEqual({ status: 'unavailable' });
		} finally {
			release();
		}
		expect((await GET({} as never)).status).toBe(200);
	});

	it('logs a long wait for the lock', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		const access = sqliteOf(db);
		const release = await access.lock.acquire();
		setTimeout(release, 1100);
		await access.exclusive(() => undefined);
		expect(warn.mock.calls.some(([message]) => /attente du verrou SQLite/.test(String(message)))).toBe(true);
		warn.mockRestore();
	});
});
