// The two rules of the database layer (src/lib/server/sqlite/README.md) that used to fail
// silently: async work handed to batchedTransaction ran outside the transaction after its first
// await, and the root client used inside one of its own transactions stalled until the timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteOf, withSqlite } from '$lib/server/db';
import { AsyncWorkError } from '$lib/server/sqlite/batch';
import { RootClientInTransactionError } from '$lib/server/sqlite/scope';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { missionData } from '../support/lost-writes';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(async () => {
	await t.close();
});

/** Fails the test instead of hanging when a call never answers. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
	return Promise.race([
		work,
		new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))
	]);
}

const titleOf = (id: string) =>
	withSqlite(
		t.db,
		(sqlite) => (sqlite.statement('SELECT title FROM "Mission" WHERE id = ?').get(id) as { title: string }).title
	);

describe('batchedTransaction', () => {
	it('refuses work that returns a Promise, rolls it back, and commits the other writes of the batch', async () => {
		const mission = await t.db.mission.create({ data: missionData('avant') });
		const access = sqliteOf(t.db);
		let afterAwait = false;
		const asyncWork = access.batchedTransaction(async (sqlite) => {
			sqlite.statement('UPDATE "Mission" SET title = ? WHERE id = ?').run('écrit avant l’await', mission.id);
			await Promise.resolve();
			afterAwait = true;
		});
		const syncWork = access.batchedTransaction((sqlite) =>
			sqlite.statement('UPDATE "Mission" SET clientOrganisation = ? WHERE id = ?').run('Synchrone', mission.id)
		);
		await expect(within(3000, asyncWork)).rejects.toBeInstanceOf(AsyncWorkError);
		await expect(asyncWork).rejects.toThrow(/synchronous work only/);
		await within(3000, syncWork);
		// The refused write's statements before its await were rolled back with its savepoint.
		expect(await titleOf(mission.id)).toBe('avant');
		const stored = await t.db.mission.findUniqueOrThrow({ where: { id: mission.id } });
		expect(stored.clientOrganisation).toBe('Synchrone');
		void afterAwait;
	});

	it('refuses the same in exclusive(), once the lock is free again', async () => {
		const access = sqliteOf(t.db);
		await expect(
			within(
				3000,
				access.exclusive(async () => 1)
			)
		).rejects.toBeInstanceOf(AsyncWorkError);
		expect(
			await within(
				3000,
				access.exclusive(() => 2)
			)
		).toBe(2);
	});
});

describe('the root client inside one of its own transactions', () => {
	it('fails at once with a clear error instead of waiting for the transaction’s lock', async () => {
		const started = performance.now();
		const outcome = await within(
			3000,
			t.db.$transaction(async (tx) => {
				await tx.mission.count();
				// The mistake: the root client (t.db) instead of tx.
				return t.db.mission.count().then(
					() => 'answered',
					(error: unknown) => error
				);
			})
		);
		expect(outcome).toBeInstanceOf(RootClientInTransactionError);
		expect(String((outcome as Error).message)).toMatch(/Use the transaction client \(tx\)/);
		expect(performance.now() - started).toBeLessThan(1000);
	});

	it('refuses raw access and batched writes through the root client there too', async () => {
		const errors = await within(
			3000,
			t.db.$transaction(async () =>
				Promise.all([
					withSqlite(t.db, () => 1).catch((error: unknown) => error),
					Promise.resolve()
						.then(() => sqliteOf(t.db).batchedTransaction(() => 1))
						.catch((error: unknown) => error),
					Promise.resolve()
						.then(() => t.db.$transaction([t.db.mission.count()]))
						.catch((error: unknown) => error)
				])
			)
		);
		for (const error of errors) expect(error).toBeInstanceOf(RootClientInTransactionError);
	});

	it('leaves the root client usable once the transaction has ended, and in other requests meanwhile', async () => {
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const transaction = t.db.$transaction(async (tx) => {
			await held;
			return tx.mission.count();
		});
		// Another request (not inside the transaction) waits for the lock, then answers.
		const other = t.db.mission.count();
		setTimeout(release, 50);
		const [inside, outside] = await within(3000, Promise.all([transaction, other]));
		expect(outside).toBe(inside);
		expect(await within(3000, t.db.mission.count())).toBe(inside);
	});
});
