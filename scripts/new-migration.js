#!/usr/bin/env node
// Writes prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
// committed migrations and schema.prisma (`prisma migrate dev` cannot run offline here).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from './database-url.js';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]/gi, '_');
if (!name) {
	console.error('usage: npm run db:migration -- <name>');
	process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(projectRoot, 'prisma', 'migrations', `${stamp}_${name}`);
const out = spawnSync(
	process.execPath,
	[
		path.join(projectRoot, 'scripts', 'prisma.js'),
		'migrate',
		'diff',
		'--from-migrations',
		'prisma/migrations',
		'--to-schema-datamodel',
		'prisma/schema.prisma',
		'--script'
	],
	{ cwd: projectRoot, encoding: 'utf8' }
);
if (out.status !== 0) {
	process.stderr.write(out.stderr);
	process.exit(out.status ?? 1);
}
const sql = out.stdout
	.split('\n')
	.filter((line) => !line.startsWith('Loaded Prisma config'))
	.join('\n');
if (!/\S/.test(sql.replace(/^--.*$/gm, ''))) {
	console.log('schema.prisma and the migrations agree: nothing to write.');
	process.exit(0);
}
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'migration.sql'), sql.trimStart());
console.log(`wrote ${path.relative(projectRoot, dir)}/migration.sql`);
