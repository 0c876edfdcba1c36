#!/usr/bin/env node
// `npm run db:generate`: the Prisma client of each engine, both from the one data model
// (prisma/schema.prisma, and prisma/postgresql/schema.prisma derived from it).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { engineFiles, projectRoot } from './database-url.js';
import { writePostgresSchema } from './schema-engines.js';

writePostgresSchema();
for (const engine of /** @type {const} */ (['sqlite', 'postgresql'])) {
	const result = spawnSync(
		process.execPath,
		[path.join(projectRoot, 'scripts', 'prisma.js'), 'generate', '--schema', engineFiles[engine].schema],
		{ cwd: projectRoot, stdio: 'inherit' }
	);
	if (result.status !== 0) process.exit(result.status ?? 1);
}
