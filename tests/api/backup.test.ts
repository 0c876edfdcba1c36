// `npm run backup` while Jalon writes: every write confirmed before the backup started is in
// the copy, and `npm run restore` puts it back in place of the database.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '$lib/server/db';
import { missionData } from '../support/lost-writes';
import { applyMigrations, createTestDatabase, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(() => t.close());

function script(name: string, args: string[], databaseFile: string) {
	return new Promise<{ code: number | null; output: string }>((resolve) => {
		const child = spawn(process.execPath, [path.join('scripts', name), ...args], {
			env: { ...process.env, DATABASE_URL: `file:${databaseFile}` }
		});
		let output = '';
		child.stdout.on('data', (d: Buffer) => (output += d.toString()));
		child.stderr.on('data', (d: Buffer) => (output += d.toString()));
		child.on('exit', (code) => resolve({ code, output }));
	});
}

describe('npm run backup', () => {
	it('keeps every write confirmed before it started, while writes go on, and restores', async () => {
		const dir = path.dirname(t.file);
		const copy = path.join(dir, 'copy.db');
		const confirmedAt = new Map<string, number>();
		let writing = true;
		// Four writers, each confirmed write noted with the time it was confirmed.
		const writers = Array.from({ length: 4 }, async (_, w) => {
			for (let i = 0; writing; i += 1) {
				const row = await t.db.mission.create({ data: missionData(`sauvegarde ${w}-${i}`) });
				confirmedAt.set(row.id, performance.now());
				// Prisma on better-sqlite3 resolves without I/O: let timers and the backup's exit run.
				await new Promise((r) => setImmediate(r));
			}
		});
		while (confirmedAt.size < 20) await new Promise((r) => setTimeout(r, 20));
		const backupStarted = performance.now();
		const backup = await script('backup.js', [copy], t.file);
		await new Promise((r) => setTimeout(r, 100));
		writing = false;
		await Promise.all(writers);
		expect(backup.output).toMatch(/intégrité vérifiée/);
		expect(backup.code).toBe(0);

		const before = [...confirmedAt].filter(([, at]) => at < backupStarted).map(([id]) => id);
		const during = [...confirmedAt.values()].filter((at) => at >= backupStarted).length;
		expect(before.length).toBeGreaterThanOrEqual(20);
		expect(during).toBeGreaterThan(0); // writes went on while the backup ran
		const stored = new Set(
			(new Database(copy, { readonly: true }).prepare('SELECT id FROM Mission').all() as { id: string }[]).map(
				(r) => r.id
			)
		);
		expect(before.filter((id) => !stored.has(id))).toEqual([]);

		// Restore into a database that no server uses, then open it as Jalon does.
		const restoredFile = path.join(dir, 'restored.db');
		// (Never copy the live file from this process: closing any descriptor of it drops SQLite's locks.)
		applyMigrations(restoredFile);
		const restore = await script('restore.js', [copy], restoredFile);
		expect(restore.code).toBe(0);
		const restored = await openDatabase(`file:${restoredFile}`);
		const ids = new Set((await restored.mission.findMany({ select: { id: true } })).map((m) => m.id));
		await restored.$disconnect();
		expect(before.filter((id) => !ids.has(id))).toEqual([]);
		expect(ids.size).toBe(stored.size);
	});

	it('refuses to restore over a database that a server has open', async () => {
		const copy = path.join(path.dirname(t.file), 'copy-2.db');
		expect((await script('backup.js', [copy], t.file)).code).toBe(0);
		const restore = await script('restore.js', [copy], t.file);
		expect(restore.output).toMatch(/arrêtez Jalon avant de restaurer/);
		expect(restore.code).toBe(1);
		expect(fs.existsSync(t.file)).toBe(true);
		expect(await t.db.mission.count()).toBeGreaterThan(0);
	});
});
