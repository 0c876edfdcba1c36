#!/usr/bin/env node
// `npm start`: builds the app when the sources are newer than the last build, applies the
// committed migrations to the SQLite file (creating it on first start), then serves on $PORT
// (3000 by default). The server seeds the CUF mission when the database is empty.
// The server runs as a child process, restarted when it crashes (see startServer below):
// SIGINT / SIGTERM / SIGHUP are forwarded to it (it stops
// taking requests, finishes the ones under way) and this script exits with it; if it has not
// stopped after $JALON_STOP_TIMEOUT_MS (10 s) it is killed. If this script's own parent dies
// without a signal (npm killed with -9), the server is stopped too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { databasePath, databaseUrl, projectRoot } from './database-url.js';

const stamp = path.join(projectRoot, 'build', '.jalon-build-stamp');
const inputs = ['src', 'static', 'prisma', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

/**
 * Latest modification time under a path, in ms.
 * @param {string} target
 * @returns {number}
 */
function latestChange(target) {
	if (!fs.existsSync(target)) return 0;
	const stat = fs.statSync(target);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = stat.mtimeMs;
	for (const entry of fs.readdirSync(target)) {
		if (entry === 'generated') continue;
		latest = Math.max(latest, latestChange(path.join(target, entry)));
	}
	return latest;
}

/**
 * @param {string[]} args
 * @param {string} label
 * @param {NodeJS.ProcessEnv} [env]
 */
function run(args, label, env = process.env) {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: 'inherit', env });
		step = child;
		child.on('exit', (code) => {
			step = null;
			// Stopped by a signal (see stop()): exit with it, starting nothing more.
			if (stopping) process.exit(0);
			if (code !== 0) {
				console.error(`Jalon: échec de l’étape « ${label} ».`);
				process.exit(code ?? 1);
			}
			resolve(undefined);
		});
	});
}

/** The step running before the server (build, migrations): a signal stops it too. */
/** @type {import('node:child_process').ChildProcess | null} */
let step = null;
/** @type {import('node:child_process').ChildProcess | null} */
let server = null;
const stopTimeoutMs = Number(process.env.JALON_STOP_TIMEOUT_MS) || 10_000;
let stopping = false;
/** A restart waiting for its pause (see startServer): a signal cancels it. */
/** @type {NodeJS.Timeout | null} */
let restartTimer = null;

/** @param {NodeJS.Signals} signal */
function stop(signal) {
	if (stopping) return;
	stopping = true;
	if (restartTimer) clearTimeout(restartTimer);
	const child = server ?? step;
	if (!child) process.exit(0);
	if (child.exitCode === null && child.signalCode === null) child.kill(signal);
	setTimeout(() => {
		console.error('Jalon: le serveur ne s’arrête pas, arrêt forcé.');
		child.kill('SIGKILL');
	}, stopTimeoutMs).unref();
}

for (const signal of /** @type {NodeJS.Signals[]} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
	process.on(signal, () => stop(signal === 'SIGHUP' ? 'SIGTERM' : signal));
}

// Orphaned (the parent, e.g. npm, was killed without passing a signal on): stop the server.
const parent = process.ppid;
setInterval(() => {
	if (process.ppid !== parent) stop('SIGTERM');
}, 1000).unref();

const builtAt = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
const changedAt = Math.max(...inputs.map((p) => latestChange(path.join(projectRoot, p))));
if (builtAt < changedAt || process.env.JALON_REBUILD === '1') {
	console.log('Jalon: construction de l’application…');
	// Always a production build: started from the test runner (NODE_ENV=test) or a development
	// shell, Vite would otherwise ship a larger bundle with development checks.
	await run(
		[path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
		'build',
		{
			...process.env,
			NODE_ENV: 'production'
		}
	);
	fs.writeFileSync(stamp, new Date().toISOString());
}

process.env.DATABASE_URL = databaseUrl();
fs.mkdirSync(path.dirname(databasePath()), { recursive: true });
console.log(`Jalon: base de données ${databasePath()}`);
await run([path.join(projectRoot, 'scripts', 'prisma.js'), 'migrate', 'deploy'], 'migrations');

process.env.PORT ??= '3000';
// An imported file may hold 5 MB (heavy/limits.ts), plus its JSON escapes.
process.env.BODY_SIZE_LIMIT ??= '6M';
// adapter-node waits this long (s) for open connections after a signal; we wait a bit more.
process.env.SHUTDOWN_TIMEOUT ??= '5';
console.log(`Jalon: http://localhost:${process.env.PORT}`);

// Supervision: a server that stops without being asked to (a crash, an out-of-memory kill, a
// kill -9) is started again after a pause that doubles on each crash (0.5 s up to 10 s; back to
// 0.5 s once it has run a minute). More than $JALON_MAX_RESTARTS (5) restarts within a minute
// means it cannot run (port taken, database unreadable): this script then exits with its code.
const maxRestarts = Number(process.env.JALON_MAX_RESTARTS ?? 5);
const restartWindowMs = 60_000;
/** @type {number[]} */
const restarts = [];
let pauseMs = 500;

function startServer() {
	restartTimer = null;
	const startedAt = Date.now();
	const child = spawn(process.execPath, [path.join(projectRoot, 'build', 'index.js')], {
		cwd: projectRoot,
		stdio: 'inherit',
		env: process.env
	});
	server = child;
	console.log(`Jalon: serveur démarré (processus ${child.pid}).`);
	child.on('exit', (code, signal) => {
		server = null;
		if (stopping) process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
		const now = Date.now();
		if (now - startedAt > restartWindowMs) pauseMs = 500;
		while (restarts.length > 0 && now - (restarts[0] ?? now) > restartWindowMs) restarts.shift();
		const how = signal ? `signal ${signal}` : `code ${code}`;
		if (restarts.length >= maxRestarts) {
			console.error(
				`${new Date().toISOString()} Jalon: le serveur s’est arrêté (${how}) après ${restarts.length} redémarrages en une minute ; abandon.`
			);
			process.exit(code || 1);
		}
		restarts.push(now);
		console.error(
			`${new Date().toISOString()} Jalon: le serveur s’est arrêté (${how}) ; redémarrage dans ${pauseMs / 1000} s.`
		);
		restartTimer = setTimeout(startServer, pauseMs);
		pauseMs = Math.min(pauseMs * 2, 10_000);
	});
}

startServer();
