#!/usr/bin/env node
// Used by `npm run dev`: applies the committed migrations to the development database.
// The dev server seeds the CUF mission itself when the database is empty.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from './database-url.js';

const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'prisma.js'), 'migrate', 'deploy'], {
	cwd: projectRoot,
	stdio: 'inherit'
});
process.exit(result.status ?? 1);
