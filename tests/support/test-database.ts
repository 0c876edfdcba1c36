// A fresh SQLite file per test suite, with every committed migration applied in order.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database as PrismaDatabase } from '$lib/server/db';
import type { AuthUser } from '$lib/server/auth/sessions';
import { appRouter, createCaller } from '$lib/server/trpc/root';

const MIGRATIONS = path.resolve('prisma/migrations');

export function applyMigrations(file: string): void {
	const sqlite = new Database(file);
	for (const dir of fs
		.readdirSync(MIGRATIONS)
		.filter((d) => fs.existsSync(path.join(MIGRATIONS, d, 'migration.sql')))
		.sort()) {
		sqlite.exec(fs.readFileSync(path.join(MIGRATIONS, dir, 'migration.sql'), 'utf8'));
	}
	sqlite.close();
}

export interface TestDatabase {
	db: PrismaDatabase;
	file: string;
	close(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-test-'));
	const file = path.join(dir, 'test.db');
	applyMigrations(file);
	const db = await openDatabase(`file:${file}`);
	// The account behind TEST_ADMIN, so rows that point to a user (memberships) can be written.
	await db.user.create({ data: { ...TEST_ADMIN, passwordHash: 'not-a-login-account' } });
	return {
		db,
		file,
		async close() {
			await db.$disconnect();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** An administrator (every procedure allowed): the tests of behaviour, not of permissions. */
export const TEST_ADMIN: AuthUser = {
	id: 'test-admin',
	email: 'admin@test.jalon',
	name: 'Admin de test',
	isAdmin: true
};

export function callerFor(db: PrismaDatabase, today = '2025-12-01', user: AuthUser | null = TEST_ADMIN) {
	const caller = createCaller({ db, today: () => today, user });
	databases.set(caller, db);
	return caller;
}

/** The database each caller reads (for storedVersion). */
const databases = new WeakMap<object, PrismaDatabase>();

/**
 * The stored version of a row, for tests whose edits are not about concurrency: every update
 * sends the version it is based on (a link, the version of its successor task).
 */
export async function storedVersion(
	caller: object,
	kind: 'task' | 'dependency' | 'deliverable' | 'milestone' | 'mission',
	id: string
): Promise<number> {
	const db = databases.get(caller);
	if (!db) throw new Error('storedVersion: a caller made by callerFor is expected');
	// An unknown id (a test of NOT_FOUND): any version, the id is refused first.
	if (kind === 'dependency') {
		const link = await db.dependency.findUnique({ where: { id }, select: { successor: true } });
		return link?.successor.version ?? 1;
	}
	const row =
		kind === 'task'
			? await db.task.findUnique({ where: { id } })
			: kind === 'deliverable'
				? await db.deliverable.findUnique({ where: { id } })
				: kind === 'milestone'
					? await db.milestone.findUnique({ where: { id } })
					: await db.mission.findUnique({ where: { id } });
	return row?.version ?? 1;
}

export { appRouter };
