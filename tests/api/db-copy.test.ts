// `npm run db:copy`: SQLite → PostgreSQL → SQLite keeps every row of every table, and every
// mission's JSON backup reads the same from the copy as from the original.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDatabase, databaseHashes, modelsOf, openAny, parentsFirst } from '$lib/server/data/copy';
import { openDatabase } from '$lib/server/db';
import { exportMissionDocument } from '$lib/server/mission-document';
import { seedCufMission } from '$lib/server/seed';
import { applyMigrations, callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTestCluster, type TestCluster } from '../support/postgres';

const schema = fs.readFileSync(path.resolve('prisma/schema.prisma'), 'utf8');

let cluster: TestCluster;
let source: TestDatabase;
beforeAll(async () => {
	cluster = await startTestCluster();
	source = await createTestDatabase();
	const cuf = await seedCufMission(source.db);
	// Rows beyond the seed: an invoiced tranche paid in part (a timestamp too), a task under a
	// task, a template, a text with characters past Latin-1.
	const db = source.db;
	const tranche = await db.paymentTranche.findFirstOrThrow({
		where: { missionId: cuf },
		orderBy: { sortOrder: 'asc' }
	});
	await db.paymentTranche.update({
		where: { id: tranche.id },
		data: { status: 'INVOICED', invoiceNumber: 'F-2026-001', invoiceDate: '2025-12-15' }
	});
	await db.tranchePayment.create({ data: { trancheId: tranche.id, paidOn: '2026-01-20', amountCents: 250_000 } });
	const task = await db.task.findFirstOrThrow({ where: { missionId: cuf, kind: 'TASK' } });
	await db.task.create({
		data: {
			missionId: cuf,
			parentId: task.id,
			kind: 'TASK',
			name: 'Sous-tâche « œuvre » — 😀',
			startDate: task.startDate,
			endDate: task.endDate,
			sortOrder: 999
		}
	});
	await callerFor(db).missions.get({ missionId: cuf });
}, 120_000);
afterAll(async () => {
	await source?.close();
	cluster?.stop();
});

/** Every mission's JSON backup, less the moment it was made. */
function missionBackups(file: string) {
	return openDatabase(`file:${file}`).then(async (db) => {
		const ids = (await db.mission.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((m) => m.id);
		const documents = [];
		for (const id of ids) documents.push({ ...(await exportMissionDocument(db, id)), exportedAt: null });
		await db.$disconnect();
		return documents;
	});
}

describe('the foreign-key order of the tables', () => {
	it('puts every model after the models it points to, and a parent task before its children', () => {
		const order = modelsOf(schema).map((m) => m.name);
		expect(order.indexOf('Mission')).toBeLessThan(order.indexOf('Task'));
		expect(order.indexOf('Task')).toBeLessThan(order.indexOf('Dependency'));
		expect(order.indexOf('Programme')).toBeLessThan(order.indexOf('Beneficiary'));
		expect(modelsOf(schema).find((m) => m.name === 'Task')!.selfKeys).toEqual(['parentId']);
		const rows = [
			{ id: 'c', parentId: 'b' },
			{ id: 'b', parentId: 'a' },
			{ id: 'a', parentId: null }
		];
		expect(parentsFirst(rows, ['parentId']).map((r) => r.id)).toEqual(['a', 'b', 'c']);
	});
});

describe('db:copy', () => {
	it('SQLite → PostgreSQL → SQLite: every table equal by count and hash, every mission backup identical', async () => {
		const pgUrl = await cluster.migratedDatabase();
		const there = await copyDatabase({ from: `file:${source.file}`, to: pgUrl, schema });
		expect(there.find((t) => t.model === 'Task')!.rows).toBeGreaterThan(20);
		expect(there.find((t) => t.model === 'PaymentTranche')!.rows).toBe(3);

		const pg = await openAny(pgUrl);
		const onPostgres = await databaseHashes(pg, schema);
		await pg.$disconnect();
		expect(onPostgres).toEqual(there);

		const back = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-copy-')), 'back.db');
		applyMigrations(back);
		const backAgain = await copyDatabase({ from: pgUrl, to: `file:${back}`, schema });
		expect(backAgain).toEqual(there);

		const backups = await missionBackups(source.file);
		expect(backups.length).toBe(1);
		expect(await missionBackups(back)).toEqual(backups);
	});

	it('refuses a target that is not empty, and leaves it as it was', async () => {
		const pgUrl = await cluster.migratedDatabase();
		await copyDatabase({ from: `file:${source.file}`, to: pgUrl, schema });
		const pg = await openAny(pgUrl);
		const before = await databaseHashes(pg, schema);
		await expect(copyDatabase({ from: `file:${source.file}`, to: pgUrl, schema })).rejects.toThrow(/pas vide/);
		expect(await databaseHashes(pg, schema)).toEqual(before);
		await pg.$disconnect();
	});

	it('runs as `npm run db:copy`, migrating the target and printing the verified counts', () => {
		const target = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-copy-')), 'cli.db');
		const result = spawnSync(
			'npx',
			['tsx', 'scripts/db-copy.ts', '--from', `file:${source.file}`, '--to', `file:${target}`],
			{
				encoding: 'utf8'
			}
		);
		expect(result.stderr + result.stdout).toMatch(/Copie vérifiée : \d+ lignes/);
		expect(result.status).toBe(0);
	}, 120_000);
});
