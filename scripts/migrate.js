#!/usr/bin/env node
// `npm run db:migrate`: applies the committed migrations of the engine $DATABASE_URL points to.
// SQLite goes through Prisma's CLI (`migrate deploy`). PostgreSQL goes through our own runner:
// Prisma 6.19's JS schema engine cannot read a PostgreSQL catalogue through @prisma/adapter-pg
// (« Column type 'name' could not be deserialized », prisma/orm#27403), so `migrate deploy` fails.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { databaseUrl, engineFiles, engineOf, projectRoot } from './database-url.js';

// Any constant: every server of a release may run the migrations at once; one does, the others wait.
const MIGRATION_LOCK = 7_340_251;

/**
 * Applies, in name order, each migration folder not yet recorded in `_prisma_migrations` (Prisma's
 * own table and columns, so the history reads the same to Prisma's tools), each in a transaction
 * with its record. A recorded migration whose file changed since is refused.
 * @param {string} url
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<string[]>} the names applied
 */
export async function migratePostgres(url, { log = () => {} } = {}) {
	const dir = path.join(projectRoot, engineFiles.postgresql.migrations);
	const migrations = fs
		.readdirSync(dir)
		.filter((name) => fs.existsSync(path.join(dir, name, 'migration.sql')))
		.sort()
		.map((name) => {
			const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
			return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
		});
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	const applied = [];
	try {
		await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
		await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
			"id" VARCHAR(36) PRIMARY KEY NOT NULL,
			"checksum" VARCHAR(64) NOT NULL,
			"finished_at" TIMESTAMPTZ,
			"migration_name" VARCHAR(255) NOT NULL,
			"logs" TEXT,
			"rolled_back_at" TIMESTAMPTZ,
			"started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
			"applied_steps_count" INTEGER NOT NULL DEFAULT 0
		)`);
		const { rows } = await client.query(
			'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL'
		);
		/** @type {Map<string, string>} */
		const done = new Map(rows.map((row) => [row.migration_name, row.checksum]));
		for (const migration of migrations) {
			const recorded = done.get(migration.name);
			if (recorded !== undefined) {
				if (recorded !== migration.checksum) {
					throw new Error(`La migration ${migration.name} a changé depuis qu’elle a été appliquée.`);
				}
				continue;
			}
			await client.query('BEGIN');
			try {
				await client.query(migration.sql);
				await client.query(
					`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
					 VALUES ($1, $2, now(), $3, 1)`,
					[crypto.randomUUID(), migration.checksum, migration.name]
				);
				await client.query('COMMIT');
			} catch (error) {
				await client.query('ROLLBACK');
				throw new Error(`La migration ${migration.name} a échoué : ${error instanceof Error ? error.message : error}`);
			}
			applied.push(migration.name);
			log(`Jalon: migration ${migration.name} appliquée`);
		}
	} finally {
		await client.end();
	}
	return applied;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const url = databaseUrl();
	if (engineOf(url) === 'postgresql') {
		try {
			const applied = await migratePostgres(url, { log: console.log });
			console.log(
				applied.length ? `${applied.length} migration(s) appliquée(s).` : 'Base à jour : aucune migration à appliquer.'
			);
		} catch (error) {
			console.error(error instanceof Error ? error.message : String(error));
			process.exit(1);
		}
	} else {
		const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'prisma.js'), 'migrate', 'deploy'], {
			cwd: projectRoot,
			stdio: 'inherit'
		});
		process.exit(result.status ?? 1);
	}
}
