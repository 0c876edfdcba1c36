// The migrations of both engines from the one data model (prisma/schema.prisma).
//   node scripts/migrations.js write <name>   writes the SQLite and the PostgreSQL migration for the
//                                             change in schema.prisma (`npm run db:migration -- <name>`)
//   node scripts/migrations.js check          fails unless each engine's migrations give its schema
//                                             (`npm run db:diff`)
// Prisma's JS schema engine cannot read a PostgreSQL catalogue through the adapter (prisma/orm#27403),
// so the PostgreSQL side never asks it to: a new migration is the diff between the previous derived
// schema and the new one, and the check replays the migrations into one database of a throwaway
// cluster, the schema's full script into another, and compares the two catalogues. PostgreSQL's
// binaries must be installed (Debian's `postgresql`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { engineFiles, projectRoot } from './database-url.js';
import { writePostgresSchema } from './schema-engines.js';
import pg from 'pg';
import { startCluster } from './postgres-cluster.js';
import { migratePostgres } from './migrate.js';

/**
 * Runs `prisma migrate diff <from…> --to-schema-datamodel <to> --script`; returns the SQL (empty when none).
 * @param {string} url @param {string[]} from @param {string} to
 */
function prismaDiff(url, from, to) {
	const out = spawnSync(
		process.execPath,
		[
			path.join(projectRoot, 'scripts', 'prisma.js'),
			'migrate',
			'diff',
			...from,
			'--to-schema-datamodel',
			to,
			'--script'
		],
		{ cwd: projectRoot, encoding: 'utf8', env: { ...process.env, DATABASE_URL: url } }
	);
	if (out.status !== 0) throw new Error(`prisma migrate diff failed\n${out.stderr}${out.stdout}`);
	const sql = out.stdout
		.split('\n')
		.filter((line) => !line.startsWith('Loaded Prisma config'))
		.join('\n');
	return /\S/.test(sql.replace(/^--.*$/gm, '')) ? sql.trimStart() : '';
}

/** SQLite: the committed migrations against schema.prisma, through Prisma's own diff. @param {string} url */
function sqliteDiff(url) {
	return prismaDiff(url, ['--from-migrations', engineFiles.sqlite.migrations], engineFiles.sqlite.schema);
}

/**
 * PostgreSQL: from the previous derived schema (its text, or none) to the current one.
 * @param {string} url @param {string | null} previousSchema
 */
function postgresDiff(url, previousSchema) {
	if (previousSchema === null) return prismaDiff(url, ['--from-empty'], engineFiles.postgresql.schema);
	const file = path.join(fs.mkdtempSync(path.join(projectRoot, 'node_modules', '.jalon-schema-')), 'schema.prisma');
	fs.writeFileSync(file, previousSchema);
	try {
		return prismaDiff(url, ['--from-schema-datamodel', file], engineFiles.postgresql.schema);
	} finally {
		fs.rmSync(path.dirname(file), { recursive: true, force: true });
	}
}

// Everything a migration can change, one sorted line each; column order is left out (a column
// added later comes last in its table, and nothing in Jalon depends on the order).
const CATALOGUE = `
	SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' ' ||
		is_nullable || ' ' || coalesce(column_default, '-') AS line
	FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
	UNION ALL
	SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
	UNION ALL
	SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
	FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid <> 0
		AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"')
	UNION ALL
	SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
	FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname
	ORDER BY 1`;

/** @param {string} url @returns {Promise<string[]>} */
async function catalogue(url) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query(CATALOGUE)).rows.map((row) => row.line);
	} finally {
		await client.end();
	}
}

/**
 * Lines of one catalogue missing from the other, both ways (empty when they agree).
 * @param {Cluster} cluster
 */
async function postgresDrift(cluster) {
	const migrated = cluster.createDatabase('from_migrations');
	await migratePostgres(migrated);
	const direct = cluster.createDatabase('from_schema');
	const client = new pg.Client({ connectionString: direct });
	await client.connect();
	try {
		await client.query(prismaDiff(cluster.url, ['--from-empty'], engineFiles.postgresql.schema));
	} finally {
		await client.end();
	}
	const [a, b] = await Promise.all([catalogue(migrated), catalogue(direct)]);
	const inA = new Set(a);
	const inB = new Set(b);
	return [
		...a.filter((line) => !inB.has(line)).map((line) => `- migrations only: ${line}`),
		...b.filter((line) => !inA.has(line)).map((line) => `- schema only: ${line}`)
	];
}

/** @typedef {Awaited<ReturnType<typeof startCluster>>} Cluster */

/**
 * @template T
 * @param {(urls: { sqlite: string; postgresql: string; cluster: Cluster }) => Promise<T>} run
 */
async function withEngines(run) {
	const sqliteUrl = `file:${path.join(fs.mkdtempSync(path.join(projectRoot, 'node_modules', '.jalon-diff-')), 'diff.db')}`;
	const cluster = await startCluster();
	try {
		return await run({ sqlite: sqliteUrl, postgresql: cluster.url, cluster });
	} finally {
		cluster.stop();
		fs.rmSync(path.dirname(sqliteUrl.slice('file:'.length)), { recursive: true, force: true });
	}
}

/** @param {string} name */
async function write(name) {
	const schemaFile = path.join(projectRoot, engineFiles.postgresql.schema);
	const previousSchema = fs.existsSync(schemaFile) ? fs.readFileSync(schemaFile, 'utf8') : null;
	writePostgresSchema();
	const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
	await withEngines(async (urls) => {
		for (const engine of /** @type {const} */ (['sqlite', 'postgresql'])) {
			const sql = engine === 'sqlite' ? sqliteDiff(urls.sqlite) : postgresDiff(urls.postgresql, previousSchema);
			if (!sql) {
				console.log(`${engine}: the migrations already give the schema: nothing to write.`);
				continue;
			}
			const dir = path.join(projectRoot, engineFiles[engine].migrations, `${stamp}_${name}`);
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
			const lock = path.join(projectRoot, engineFiles[engine].migrations, 'migration_lock.toml');
			if (!fs.existsSync(lock)) fs.writeFileSync(lock, `provider = "${engine}"\n`);
			console.log(`${engine}: wrote ${path.relative(projectRoot, dir)}/migration.sql`);
		}
	});
}

async function check() {
	writePostgresSchema({ check: true });
	const stale = await withEngines(async (urls) => {
		/** @type {string[]} */
		const found = [];
		const sql = sqliteDiff(urls.sqlite);
		if (sql) {
			console.error(`sqlite: the migrations and schema.prisma disagree:\n${sql}`);
			found.push('sqlite');
		}
		const drift = await postgresDrift(urls.cluster);
		if (drift.length > 0) {
			console.error(`postgresql: the migrations and ${engineFiles.postgresql.schema} disagree:\n${drift.join('\n')}`);
			found.push('postgresql');
		}
		return found;
	});
	if (stale.length > 0) {
		console.error(`Run npm run db:migration -- <name> to write the missing migration (${stale.join(', ')}).`);
		process.exit(1);
	}
	console.log('SQLite and PostgreSQL migrations both give prisma/schema.prisma.');
}

const [command, arg] = process.argv.slice(2);
try {
	if (command === 'write') {
		const name = (arg ?? '').replace(/[^a-z0-9_]/gi, '_');
		if (!name) {
			console.error('usage: npm run db:migration -- <name>');
			process.exit(2);
		}
		await write(name);
	} else if (command === 'check') {
		await check();
	} else {
		console.error('usage: node scripts/migrations.js write <name> | check');
		process.exit(2);
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
}
