#!/usr/bin/env node
// Runs the Prisma CLI offline: pointing the engine variables at a path that does not exist
// stops the CLI from downloading native engines; prisma.config.ts supplies the JS engine.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { databasePath, databaseUrl, engineOf, projectRoot } from './database-url.js';

const require = createRequire(import.meta.url);
const cli = require.resolve('prisma/build/index.js');
const args = process.argv.slice(2);
// The CLI checks that the engine paths exist, then never loads them with the JS engine.
const noEngine = path.join(projectRoot, 'node_modules', '.prisma-no-engine');
if (!fs.existsSync(noEngine)) fs.writeFileSync(noEngine, '');

// `migrate dev` needs an existing database file.
if (args[0] === 'migrate' && engineOf(databaseUrl()) === 'sqlite') {
	fs.mkdirSync(path.dirname(databasePath()), { recursive: true });
	if (!fs.existsSync(databasePath())) fs.writeFileSync(databasePath(), '');
}

const result = spawnSync(process.execPath, [cli, ...args], {
	cwd: projectRoot,
	stdio: 'inherit',
	env: {
		...process.env,
		PRISMA_SCHEMA_ENGINE_BINARY: noEngine,
		PRISMA_QUERY_ENGINE_LIBRARY: noEngine,
		PRISMA_HIDE_UPDATE_MESSAGE: '1',
		CHECKPOINT_DISABLE: '1'
	}
});
process.exit(result.status ?? 1);
