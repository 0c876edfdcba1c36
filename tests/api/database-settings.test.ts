// The SQLite settings every connection gets: WAL, foreign keys, and synchronous=FULL unless the
// operator chooses NORMAL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '$lib/server/db';
import { applyMigrations } from '../support/test-database';

const opened: (() => Promise<void>)[] = [];
afterEach(async () => {
	delete process.env.JALON_SQLITE_SYNCHRONOUS;
	for (const close of opened.splice(0)) await close();
});

async function open() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-settings-'));
	const file = path.join(dir, 'test.db');
	applyMigrations(file);
	const db = await openDatabase(`file:${file}`);
	opened.push(async () => {
		await db.$disconnect();
		fs.rmSync(dir, { recursive: true, force: true });
	});
	const pragma = async (name: string) =>
		Number(Object.values(((await db.$queryRawUnsafe(`PRAGMA ${name}`)) as Record<string, unknown>[])[0]!)[0]);
	return { db, pragma };
}

describe('database settings', () => {
	it('are WAL, foreign keys on and synchronous FULL by default', async () => {
		const { db, pragma } = await open();
		const [mode] = (await db.$queryRawUnsafe('PRAGMA journal_mode')) as { journal_mode: string }[];
		expect(mode!.journal_mode).toBe('wal');
		expect(await pragma('foreign_keys')).toBe(1);
		expect(await pragma('synchronous')).toBe(2); // FULL
	});

	it('take synchronous NORMAL when the operator asks for it, and refuse anything else', async () => {
		process.env.JALON_SQLITE_SYNCHRONOUS = 'normal';
		expect(await (await open()).pragma('synchronous')).toBe(1); // NORMAL
		process.env.JALON_SQLITE_SYNCHRONOUS = 'OFF';
		await expect(open()).rejects.toThrow(/FULL or NORMAL/);
	});
});
