// `npm run db:copy -- --from <url> --to <url>`: moves a Jalon database from one engine to the
// other (SQLite `file:…` ⇄ PostgreSQL `postgresql://…`), or between two databases of one engine.
// Stop Jalon first. The target is migrated, must be empty, and is written in one transaction; then
// each table's row count and a hash of its rows, read back from the target through its own client,
// must equal the source's, or nothing is kept.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyDatabase } from '../src/lib/server/data/copy';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

const from = option('from');
const to = option('to');
if (!from || !to) {
	console.error('usage: npm run db:copy -- --from file:data/jalon.db --to postgresql://user@host/base');
	process.exit(2);
}
// The target gets the committed migrations of its engine first (as `npm run db:migrate` would).
const migrated = spawnSync(process.execPath, [path.join(root, 'scripts', 'migrate.js')], {
	cwd: root,
	stdio: 'inherit',
	env: { ...process.env, DATABASE_URL: to }
});
if (migrated.status !== 0) {
	console.error('Copie refusée : les migrations de la base cible ont échoué.');
	process.exit(1);
}
const schema = fs.readFileSync(path.join(root, 'prisma', 'schema.prisma'), 'utf8');
try {
	const report = await copyDatabase({ from, to, schema, log: (line) => console.log(line) });
	const width = Math.max(...report.map((r) => r.model.length));
	for (const row of report)
		console.log(`${row.model.padEnd(width)}  ${String(row.rows).padStart(7)}  ${row.hash.slice(0, 16)}`);
	console.log(
		`Copie vérifiée : ${report.reduce((n, r) => n + r.rows, 0)} lignes, ${report.length} tables, empreintes identiques.`
	);
} catch (error) {
	console.error(`Copie refusée : ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
}
