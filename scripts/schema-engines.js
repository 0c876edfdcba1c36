#!/usr/bin/env node
// prisma/schema.prisma is the one source of the data model. PostgreSQL's schema is derived from it
// (provider and client output swapped, nothing else), so the two engines cannot drift apart:
// `node scripts/schema-engines.js` writes it, `--check` fails when the committed copy is stale.
import fs from 'node:fs';
import path from 'node:path';
import { engineFiles, projectRoot } from './database-url.js';

const HEADER =
	'// Generated from ../schema.prisma by scripts/schema-engines.js: edit that file, then run\n' +
	'// `npm run db:migration -- <name>` (it rewrites this one). Only the provider and output differ.\n\n';

/** @param {string} source the SQLite schema's text */
export function postgresSchema(source) {
	let text = source;
	/** @type {[RegExp, string][]} */
	const swaps = [
		[/provider\s*=\s*"sqlite"/, 'provider = "postgresql"'],
		[
			/output(\s*)=\s*"\.\.\/src\/lib\/server\/generated\/prisma"/,
			'output$1= "../../src/lib/server/generated/prisma-postgresql"'
		],
		[/url(\s*)=\s*"file:[^"]*"/, 'url$1= "postgresql://localhost/jalon"']
	];
	for (const [pattern, replacement] of swaps) {
		if (!pattern.test(text)) throw new Error(`schema.prisma: ${pattern} introuvable`);
		text = text.replace(pattern, replacement);
	}
	return HEADER + text;
}

export function writePostgresSchema({ check = false } = {}) {
	const source = fs.readFileSync(path.join(projectRoot, engineFiles.sqlite.schema), 'utf8');
	const target = path.join(projectRoot, engineFiles.postgresql.schema);
	const wanted = postgresSchema(source);
	const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
	if (current === wanted) return false;
	if (check) throw new Error(`${engineFiles.postgresql.schema} is stale: run node scripts/schema-engines.js`);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.writeFileSync(target, wanted);
	return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	try {
		const wrote = writePostgresSchema({ check: process.argv.includes('--check') });
		console.log(wrote ? `wrote ${engineFiles.postgresql.schema}` : `${engineFiles.postgresql.schema} is up to date`);
	} catch (error) {
		console.error(String(error instanceof Error ? error.message : error));
		process.exit(1);
	}
}
