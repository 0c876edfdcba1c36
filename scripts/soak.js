#!/usr/bin/env node
// `npm run soak`: reliability figures against a production server (scripts/start.js) on a
// temporary database, loopback only, bounded to a few minutes:
//   1. load: writers and readers together (confirmed vs stored writes, lost updates, 5xx);
//   2. kill -9 of the server under writes, then restart (confirmed writes missing afterwards);
//   3. malformed requests (how many answer 5xx);
//   4. heavy requests (imports, PDF, XML, workbook) while /api/health is polled (longest stall);
//   5. access: calls that must be refused (anonymous, read-only, non-member) and were not.
// Options (environment): SOAK_SECONDS (load duration, 15), SOAK_WRITERS (8), SOAK_READERS (8),
// SOAK_KILLS (3), SOAK_ONLY (comma-separated: load,kill,malformed,heavy,access).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { projectRoot } from './database-url.js';

const LOAD_SECONDS = Number(process.env.SOAK_SECONDS) || 15;
const WRITERS = Number(process.env.SOAK_WRITERS) || 8;
const READERS = Number(process.env.SOAK_READERS) || 8;
const KILLS = Number(process.env.SOAK_KILLS) || 3;
const ONLY = process.env.SOAK_ONLY?.split(',');
const runs = (/** @type {string} */ part) => !ONLY || ONLY.includes(part);
const PASSWORD = 'demo-jalon-2025';
const ADMIN = { email: 'admin@soak.jalon.fr', password: 'admin-soak-password' };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-soak-'));
const dbFile = path.join(dir, 'soak.db');
const figures = /** @type {Record<string, string | number>} */ ({});
/** @type {import('node:child_process').ChildProcess | null} */
let starter = null;
let base = '';

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(address.port));
		});
		server.on('error', reject);
	});
}

/** Starts `node scripts/start.js`; resolves once /api/health answers. */
async function startServer() {
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	const log = fs.openSync(path.join(dir, 'server.log'), 'a');
	starter = spawn(process.execPath, ['scripts/start.js'], {
		cwd: projectRoot,
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: `file:${dbFile}`,
			JALON_DEMO_USERS: '1',
			JALON_ADMIN_EMAIL: ADMIN.email,
			JALON_ADMIN_PASSWORD: ADMIN.password
		},
		stdio: ['ignore', log, log]
	});
	const deadline = Date.now() + 240_000;
	while (Date.now() < deadline) {
		if (starter.exitCode !== null) throw new Error(`server exited (${starter.exitCode}), see ${dir}/server.log`);
		if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) return;
		await sleep(200);
	}
	throw new Error('server did not answer /api/health');
}

/** The server process itself (child of scripts/start.js). */
function serverPid() {
	const children = fs
		.readFileSync(`/proc/${starter?.pid}/task/${starter?.pid}/children`, 'utf8')
		.trim()
		.split(/\s+/)
		.map(Number);
	if (!children[0]) throw new Error('server process not found');
	return children[0];
}

async function stopServer() {
	if (!starter || starter.exitCode !== null) return;
	const exited = new Promise((r) => starter?.once('exit', r));
	starter.kill('SIGTERM');
	await exited;
}

/** @param {string} email @param {string} password */
async function logIn(email, password) {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password })
	});
	const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
	if (!cookie) throw new Error(`log-in failed for ${email}`);
	return cookie;
}

/**
 * One tRPC call over HTTP.
 * @param {string | null} cookie @param {'query' | 'mutation'} kind @param {string} procedure @param {unknown} input
 */
async function call(cookie, kind, procedure, input) {
	const headers = /** @type {Record<string, string>} */ ({ origin: base });
	if (cookie) headers.cookie = cookie;
	const url =
		kind === 'query'
			? `${base}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`
			: `${base}/api/trpc/${procedure}`;
	const response = await fetch(url, {
		method: kind === 'query' ? 'GET' : 'POST',
		headers: kind === 'query' ? headers : { ...headers, 'content-type': 'application/json' },
		body: kind === 'query' ? undefined : JSON.stringify(input)
	});
	const text = await response.text();
	/** @type {any} */
	let body = null;
	try {
		body = JSON.parse(text);
	} catch {
		// not JSON
	}
	return { status: response.status, data: body?.result?.data, error: body?.error };
}

const missionInput = (/** @type {string} */ title) => ({
	title,
	clientOrganisation: 'Soak',
	kickoffDate: '2026-01-05',
	budgetCapCents: 100_000,
	capBasis: 'HT',
	vatRateBp: 2000
});

function storedTitles(/** @type {string} */ prefix) {
	const db = new Database(dbFile, { readonly: true });
	const rows = /** @type {{ title: string }[]} */ (
		db.prepare('SELECT title FROM Mission WHERE title LIKE ?').all(`${prefix}%`)
	);
	db.close();
	return new Set(rows.map((r) => r.title));
}

// 1. Load ---------------------------------------------------------------------------------
async function load(/** @type {string} */ coordinator, /** @type {string} */ missionId) {
	const stopAt = Date.now() + LOAD_SECONDS * 1000;
	const confirmed = new Set();
	let reads = 0;
	let fiveHundreds = 0;
	let conflicts = 0;
	let edits = 0;
	const plan = (await call(coordinator, 'query', 'missions.get', { missionId })).data;
	const task = plan.tasks.find((/** @type {any} */ t) => t.kind === 'TASK');
	const writer = async (/** @type {number} */ w) => {
		for (let i = 0; Date.now() < stopAt; i += 1) {
			const title = `soak-load-${w}-${i}`;
			const r = await call(coordinator, 'mutation', 'missions.create', missionInput(title));
			if (r.status >= 500) fiveHundreds += 1;
			if (r.status === 200) confirmed.add(title);
			// Version-checked edits of one shared task: every success must move its version by one.
			const current = (await call(coordinator, 'query', 'missions.get', { missionId })).data;
			const t = current.tasks.find((/** @type {any} */ x) => x.id === task.id);
			const edit = await call(coordinator, 'mutation', 'tasks.update', {
				taskId: task.id,
				name: `Tâche soak ${w}-${i}`,
				expectedVersion: t.version
			});
			if (edit.status >= 500) fiveHundreds += 1;
			if (edit.status === 200) edits += 1;
			else if (edit.error?.data?.appCode === 'CONFLICT') conflicts += 1;
		}
	};
	const reader = async () => {
		while (Date.now() < stopAt) {
			const r = await call(coordinator, 'query', 'missions.get', { missionId });
			if (r.status >= 500) fiveHundreds += 1;
			reads += 1;
		}
	};
	await Promise.all([
		...Array.from({ length: WRITERS }, (_, w) => writer(w)),
		...Array.from({ length: READERS }, () => reader())
	]);
	const after = (await call(coordinator, 'query', 'missions.get', { missionId })).data;
	const finalVersion = after.tasks.find((/** @type {any} */ x) => x.id === task.id).version;
	const stored = storedTitles('soak-load-');
	figures['load: writers + readers, seconds'] = `${WRITERS} + ${READERS}, ${LOAD_SECONDS}`;
	figures['load: confirmed writes / stored'] =
		`${confirmed.size} / ${[...confirmed].filter((t) => stored.has(t)).length}`;
	figures['load: reads'] = reads;
	figures['load: version-checked edits confirmed / conflicts refused'] = `${edits} / ${conflicts}`;
	figures['load: lost updates'] = Math.max(0, edits - (finalVersion - task.version));
	figures['load: 5xx'] = fiveHundreds;
}

// 2. kill -9 under writes -----------------------------------------------------------------
async function killUnderWrites() {
	let confirmedTotal = 0;
	let lost = 0;
	for (let k = 0; k < KILLS; k += 1) {
		const coordinator = await logIn('coordination@demo.jalon.fr', PASSWORD);
		const confirmed = new Set();
		let running = true;
		const writers = Array.from({ length: 6 }, async (_, w) => {
			for (let i = 0; running; i += 1) {
				const title = `soak-kill-${k}-${w}-${i}`;
				const r = await call(coordinator, 'mutation', 'missions.create', missionInput(title)).catch(() => null);
				if (r?.status === 200) confirmed.add(title);
				if (!r) return;
			}
		});
		await sleep(1500 + Math.random() * 1000);
		process.kill(serverPid(), 'SIGKILL');
		running = false;
		await Promise.all(writers);
		await new Promise((r) => (starter?.exitCode !== null ? r(null) : starter?.once('exit', r)));
		await startServer();
		const stored = storedTitles(`soak-kill-${k}-`);
		confirmedTotal += confirmed.size;
		lost += [...confirmed].filter((t) => !stored.has(t)).length;
	}
	const db = new Database(dbFile, { readonly: true });
	const integrity = db.pragma('integrity_check', { simple: true });
	db.close();
	figures['kill -9: kills'] = KILLS;
	figures['kill -9: confirmed writes / lost'] = `${confirmedTotal} / ${lost}`;
	figures['kill -9: integrity_check'] = String(integrity);
}

// 3. Malformed inputs ---------------------------------------------------------------------
async function malformed(/** @type {string} */ coordinator, /** @type {string} */ missionId, /** @type {any} */ plan) {
	const task = plan.tasks.find((/** @type {any} */ t) => t.kind === 'TASK');
	const long = 'x'.repeat(70);
	/** @type {[string, string, unknown][]} */
	const cases = [
		['mutation', 'missions.create', { ...missionInput('\uD800') }],
		['mutation', 'missions.create', { ...missionInput('ok'), kickoffDate: '9999-12-31' }],
		['mutation', 'missions.create', { ...missionInput('ok'), kickoffDate: '0000-01-01' }],
		['mutation', 'missions.create', { ...missionInput('ok'), budgetCapCents: 1e308 }],
		['mutation', 'missions.create', { ...missionInput('ok'), budgetCapCents: 'abc' }],
		['mutation', 'missions.create', null],
		['mutation', 'tasks.update', { taskId: long, name: 'x' }],
		['mutation', 'tasks.update', { taskId: 'inconnue', name: 'x' }],
		['mutation', 'tasks.update', { taskId: task.id, name: '\u0000' }],
		['mutation', 'tasks.update', { taskId: task.id, startDate: '2026-02-30' }],
		['mutation', 'tasks.update', { taskId: task.id, endDate: '1999-01-01' }],
		['mutation', 'tasks.update', { taskId: task.id, expectedVersion: -1 }],
		['mutation', 'tasks.move', { taskId: task.id, startDate: '2026-03-10', endDate: '2026-03-01' }],
		['mutation', 'tasks.link', { predecessorId: task.id, successorId: task.id, lagDays: 0 }],
		['mutation', 'tasks.link', { predecessorId: task.id, successorId: 'inconnue', lagDays: 1e308 }],
		[
			'mutation',
			'tasks.create',
			{ missionId, parentId: long, name: 'x', startDate: '2026-01-05', endDate: '2026-01-06' }
		],
		[
			'mutation',
			'finance.addExpense',
			{ missionId, phaseId: 'inconnue', label: 'x', amountHtCents: 1, spentOn: '2026-01-05' }
		],
		['mutation', 'documents.importMission', { document: { format: 'jalon.mission', version: 1 } }],
		['mutation', 'documents.importMission', { document: '{' }],
		['mutation', 'documents.importProject', { content: '<nope', clientOrganisation: 'x', budgetCapCents: 1 }],
		[
			'mutation',
			'documents.importProject',
			{ content: '<Project><Tasks><Task>', clientOrganisation: 'x', budgetCapCents: 1 }
		],
		['query', 'missions.get', { missionId: long }],
		['query', 'missions.get', { missionId: '\uD800' }],
		['query', 'missions.get', {}],
		['query', 'procedure.inconnue', {}]
	];
	let fiveHundreds = 0;
	const failing = [];
	for (const [kind, procedure, input] of cases) {
		const r = await call(coordinator, /** @type {'query' | 'mutation'} */ (kind), procedure, input);
		if (r.status >= 500) {
			fiveHundreds += 1;
			failing.push(procedure);
		}
	}
	// Bodies that are not JSON, and files routes with odd parameters.
	const raw = [
		fetch(`${base}/api/trpc/missions.create`, {
			method: 'POST',
			headers: { origin: base, cookie: coordinator, 'content-type': 'application/json' },
			body: '{"title": '
		}),
		fetch(`${base}/missions/${missionId}/finance/export.csv?objet=${'y'.repeat(200)}`, {
			headers: { cookie: coordinator }
		}),
		fetch(`${base}/missions/${long}/gantt.pdf`, { headers: { cookie: coordinator } }),
		fetch(`${base}/missions/${missionId}/gantt.exe`, { headers: { cookie: coordinator } })
	];
	for (const response of await Promise.all(raw)) {
		if (response.status >= 500) {
			fiveHundreds += 1;
			failing.push(response.url.slice(base.length, base.length + 60));
		}
	}
	figures['malformed: requests'] = cases.length + raw.length;
	figures['malformed: 5xx'] = fiveHundreds + (failing.length ? ` (${failing.join(', ')})` : '');
}

// 4. Heavy requests while /api/health is polled --------------------------------------------
function ganFile(/** @type {number} */ count, /** @type {number} */ duration) {
	const tasks = Array.from(
		{ length: count },
		(_, i) => `<task id="${i + 1}" name="Tâche ${i + 1}" start="2026-01-05" duration="${i === 0 ? duration : 5}"/>`
	).join('');
	return `<?xml version="1.0" encoding="UTF-8"?><project name="Soak"><tasks>${tasks}</tasks></project>`;
}

async function heavy(/** @type {string} */ coordinator, /** @type {string} */ missionId) {
	let polling = true;
	let longest = 0;
	let stepLongest = 0;
	let polls = 0;
	let unhealthy = 0;
	// The soak's own longest timer delay meanwhile: how long this machine left a process without
	// a CPU (shared cores), which a /api/health answer also waits for whatever the server does.
	let ownLongest = 0;
	let ownLast = performance.now();
	const own = setInterval(() => {
		const now = performance.now();
		ownLongest = Math.max(ownLongest, now - ownLast - 10);
		ownLast = now;
	}, 10);
	const poller = (async () => {
		while (polling) {
			const started = performance.now();
			const r = await fetch(`${base}/api/health`).catch(() => null);
			const took = performance.now() - started;
			longest = Math.max(longest, took);
			stepLongest = Math.max(stepLongest, took);
			polls += 1;
			if (!r?.ok) unhealthy += 1;
			await sleep(20);
		}
	})();
	const defaults = { clientOrganisation: 'Soak', budgetCapCents: 100_000 };
	const outcomes = /** @type {string[]} */ ([]);
	/** Runs one heavy request and notes its status, time and the longest health answer meanwhile. */
	const step = async (/** @type {string} */ label, /** @type {() => Promise<string>} */ run) => {
		stepLongest = 0;
		const started = performance.now();
		const status = await run();
		outcomes.push(
			`${label} ${status} en ${Math.round(performance.now() - started)} ms (santé ≤ ${Math.round(stepLongest)} ms)`
		);
	};
	const started = performance.now();
	/** @type {string | undefined} */
	let big;
	await step('import .gan 1 500 tâches', async () => {
		const r = await call(coordinator, 'mutation', 'documents.importProject', {
			content: ganFile(1500, 5),
			...defaults
		});
		big = r.data?.id;
		return String(r.status);
	});
	await step('import .gan tâche de 200 000 jours ouvrés', async () => {
		const r = await call(coordinator, 'mutation', 'documents.importProject', {
			content: ganFile(10, 200_000),
			...defaults
		});
		return `${r.status} ${r.error?.data?.appCode ?? ''}`.trim();
	});
	for (const [name, id] of [
		['1 500 tâches', big],
		['CUF', missionId]
	]) {
		if (!id) continue;
		for (const file of ['gantt.pdf?format=A3', 'gantt.svg', 'export.xml', 'export.xlsx']) {
			await step(`${file.replace(/\?.*/, '')} (${name})`, async () => {
				const r = await fetch(`${base}/missions/${id}/${file}`, { headers: { cookie: coordinator } });
				await r.arrayBuffer();
				return String(r.status);
			});
		}
	}
	const duration = performance.now() - started;
	polling = false;
	await poller;
	clearInterval(own);
	figures['heavy: requests'] = `\n    ${outcomes.join('\n    ')}`;
	figures['heavy: duration (ms)'] = Math.round(duration);
	figures['heavy: /api/health polls / not ok'] = `${polls} / ${unhealthy}`;
	figures['heavy: longest /api/health answer (ms, target < 200)'] = Math.round(longest);
	figures['heavy: longest pause of the soak process itself (ms, machine load)'] = Math.round(ownLongest);
}

// 5. Access ---------------------------------------------------------------------------------
async function access(/** @type {string} */ missionId, /** @type {any} */ plan) {
	const reader = await logIn('lecture@demo.jalon.fr', PASSWORD);
	const finance = await logIn('finance@demo.jalon.fr', PASSWORD);
	const coordinator = await logIn('coordination@demo.jalon.fr', PASSWORD);
	// A mission where the reader and finance accounts have no role.
	const other = (await call(coordinator, 'mutation', 'missions.create', missionInput('soak-access'))).data.id;
	const task = plan.tasks.find((/** @type {any} */ t) => t.kind === 'TASK');
	/** @type {[string, string | null, 'query' | 'mutation', string, unknown][]} */
	const mustRefuse = [
		['anonyme', null, 'query', 'missions.get', { missionId }],
		['anonyme', null, 'query', 'missions.list', {}],
		['anonyme', null, 'mutation', 'tasks.update', { taskId: task.id, name: 'x' }],
		['lecture', reader, 'mutation', 'tasks.update', { taskId: task.id, name: 'x' }],
		['lecture', reader, 'mutation', 'tasks.move', { taskId: task.id, startDate: '2026-01-05', endDate: '2026-01-09' }],
		['lecture', reader, 'mutation', 'finance.updateTerms', { missionId, paymentDelayDays: 10 }],
		['lecture', reader, 'query', 'missions.get', { missionId: other }],
		['lecture', reader, 'query', 'finance.get', { missionId: other }],
		['lecture', reader, 'query', 'documents.exportMission', { missionId: other }],
		['finance', finance, 'mutation', 'tasks.update', { taskId: task.id, name: 'x' }],
		['finance', finance, 'query', 'missions.get', { missionId: other }],
		['finance', finance, 'mutation', 'missions.delete', { missionId: other }]
	];
	let failures = 0;
	const failed = [];
	for (const [who, cookie, kind, procedure, input] of mustRefuse) {
		const r = await call(cookie, kind, procedure, input);
		if (r.status === 200 || r.status >= 500) {
			failures += 1;
			failed.push(`${who} ${procedure} → ${r.status}`);
		}
	}
	const files = ['gantt.pdf', 'export.json', 'export.xlsx', 'finance/export.csv'];
	for (const file of files) {
		for (const [who, cookie] of /** @type {[string, string | null][]} */ ([
			['anonyme', null],
			['lecture', reader]
		])) {
			const r = await fetch(`${base}/missions/${other}/${file}`, {
				headers: cookie ? { cookie } : {},
				redirect: 'manual'
			});
			await r.arrayBuffer();
			if (r.status === 200) {
				failures += 1;
				failed.push(`${who} ${file} → 200`);
			}
		}
	}
	figures['access: calls that must be refused'] = mustRefuse.length + files.length * 2;
	figures['access: failures'] = failures + (failed.length ? ` (${failed.join(', ')})` : '');
}

async function main() {
	const began = Date.now();
	console.log(`Jalon soak: serveur de production sur ${dbFile}`);
	await startServer();
	const coordinator = await logIn('coordination@demo.jalon.fr', PASSWORD);
	const missionId = (await call(coordinator, 'query', 'missions.list', {})).data[0].id;
	const plan = (await call(coordinator, 'query', 'missions.get', { missionId })).data;
	if (runs('load')) {
		console.log('1/5 charge…');
		await load(coordinator, missionId);
	}
	if (runs('kill')) {
		console.log('2/5 kill -9 sous écritures…');
		await killUnderWrites();
	}
	const again = await logIn('coordination@demo.jalon.fr', PASSWORD);
	if (runs('malformed')) {
		console.log('3/5 entrées malformées…');
		await malformed(again, missionId, plan);
	}
	if (runs('heavy')) {
		console.log('4/5 travaux lourds et /api/health…');
		await heavy(again, missionId);
	}
	if (runs('access')) {
		console.log('5/5 contrôle d’accès…');
		await access(missionId, plan);
	}
	await stopServer();
	figures['total duration (s)'] = Math.round((Date.now() - began) / 1000);
	console.log('\nJalon soak results');
	const width = Math.max(...Object.keys(figures).map((k) => k.length));
	for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(width)}  ${value}`);
}

main()
	.catch(async (error) => {
		console.error('Jalon soak: échec', error);
		process.exitCode = 1;
		await stopServer().catch(() => undefined);
	})
	.finally(() => {
		if (process.exitCode !== 1) fs.rmSync(dir, { recursive: true, force: true });
	});
