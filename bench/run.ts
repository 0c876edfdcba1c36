// `npm run bench`: speed figures of Jalon against baselines measured in the same run (a bare
// frappe-gantt page, a bare SvelteKit endpoint), interleaved A B A B so machine noise hits both.
// Nothing here asserts a time: it measures, prints and writes bench/results/latest.json.
import autocannon from 'autocannon';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { defaultFoldedPhases, FOLD_PHASES_ABOVE_TASKS, ganttRows } from '../src/lib/components/gantt/gantt-rows';
import type { MissionPlan } from '../src/lib/domain/mission-plan';
import type { MissionDocument } from '../src/lib/mission-document';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/support/browser';
import { MissionPage } from '../tests/e2e/pages/mission-page';
import { generatedMission } from './data';
import { measurePeers, peerSummary } from './peers';
import { portfolioBench } from './portfolio';
import { measureWeight, weightSummary } from './weight';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const REPS = Number(process.env.BENCH_REPS ?? 5);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ADMIN = { email: 'bench@jalon.local', password: 'bench-password-1234' };

type Stats = { min: number; median: number; max: number };
const stats = (xs: number[]): Stats => {
	const s = [...xs].sort((a, b) => a - b);
	return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
};
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

async function startServer(dbFile: string): Promise<{ url: string; child: ChildProcess }> {
	const port = await freePort();
	const child = spawn(process.execPath, ['scripts/start.js'], {
		cwd: ROOT,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: `file:${dbFile}`,
			JALON_BENCH: '1',
			JALON_ADMIN_EMAIL: ADMIN.email,
			JALON_ADMIN_PASSWORD: ADMIN.password
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 600; i += 1) {
		try {
			if ((await fetch(`${url}/api/health`)).ok) return { url, child };
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('server did not start');
}

async function logIn(url: string): Promise<string> {
	const response = await fetch(`${url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
		body: new URLSearchParams(ADMIN).toString()
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error(`log-in failed (${response.status})`);
	return cookie;
}

async function call<T>(
	url: string,
	cookie: string,
	procedure: string,
	input: unknown,
	method: 'GET' | 'POST' = 'GET'
): Promise<T> {
	const response =
		method === 'GET'
			? await fetch(`${url}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, {
					headers: { cookie }
				})
			: await fetch(`${url}/api/trpc/${procedure}`, {
					method,
					headers: { cookie, origin: url, 'content-type': 'application/json' },
					body: JSON.stringify(input)
				});
	const body = (await response.json()) as { result?: { data: T }; error?: unknown };
	if (!body.result) throw new Error(`${procedure}: ${JSON.stringify(body.error)}`);
	return body.result.data;
}

const importMission = (url: string, cookie: string, document: MissionDocument) =>
	call<{ id: string }>(url, cookie, 'documents.importMission', { document }, 'POST').then((r) => r.id);

async function load(
	target: string,
	options: Partial<autocannon.Options>
): Promise<{ rps: number; p50: number; p95: number; p99: number }> {
	const result = await autocannon({ url: target, connections: 10, duration: LOAD_SECONDS, ...options });
	if (result.non2xx > 0) throw new Error(`${target}: ${result.non2xx} non-2xx answers`);
	const latency = result.latency as unknown as Record<string, number>;
	return { rps: result.requests.average, p50: latency.p50!, p95: latency.p97_5 ?? latency.p99!, p99: latency.p99! };
}

/** A and B measured alternately REPS times; returns each one's runs. */
async function interleave<A, B>(a: () => Promise<A>, b: () => Promise<B>): Promise<[A[], B[]]> {
	const as: A[] = [];
	const bs: B[] = [];
	for (let i = 0; i < REPS; i += 1) {
		as.push(await a());
		bs.push(await b());
	}
	return [as, bs];
}

function gzipSize(buffer: Buffer): number {
	return zlib.gzipSync(buffer, { level: 9 }).length;
}

/** A page that only loads frappe-gantt with the same rows and options: the floor for rendering. */
function bareServer(): Promise<{ url: string; close: () => void; setRows: (rows: unknown) => void }> {
	let rows: unknown = [];
	const dist = path.join(ROOT, 'node_modules', 'frappe-gantt', 'dist');
	const server = http.createServer((req, res) => {
		if (req.url === '/frappe-gantt.es.js')
			return res
				.writeHead(200, { 'content-type': 'text/javascript' })
				.end(fs.readFileSync(path.join(dist, 'frappe-gantt.es.js')));
		if (req.url === '/frappe-gantt.css')
			return res
				.writeHead(200, { 'content-type': 'text/css' })
				.end(fs.readFileSync(path.join(dist, 'frappe-gantt.css')));
		res.writeHead(200, { 'content-type': 'text/html' })
			.end(`<!doctype html><html><head><link rel="stylesheet" href="/frappe-gantt.css"></head><body>
<div id="gantt"></div>
<script type="module">
import Gantt from '/frappe-gantt.es.js';
const rows = ${JSON.stringify(rows)};
new Gantt('#gantt', rows, { view_mode: 'Week', language: 'fr', infinite_padding: false, move_dependencies: false, today_button: false, container_height: 'auto', bar_height: 24, padding: 14 });
document.getElementById('gantt').dataset.ready = 'true';
</script></body></html>`);
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close(), setRows: (r) => (rows = r) });
		})
	);
}

/**
 * 2a. Drag to saved in Chromium: a bar of the 500-task mission dragged by one column, back and
 * forth (the same bar, focused after its first drag), from the mouse release to the server's
 * answer with the new dates.
 */
async function dragInBrowser(url: string, cookie: string, largeId: string, page: Page) {
	const largePlan = await call<MissionPlan>(url, cookie, 'missions.get', { missionId: largeId });
	const freeTask = largePlan.tasks.find(
		(t) => t.kind === 'TASK' && !largePlan.dependencies.some((d) => d.predecessorId === t.id || d.successorId === t.id)
	)!;
	const missionPage = new MissionPage(page, url);
	await page.goto(`${url}/missions/${largeId}?phases=open`);
	await page.waitForSelector('[data-testid=gantt][data-ready=true] .bar-wrapper');
	const column = await missionPage.columnWidth();
	const dragMs: number[] = [];
	for (let i = 0; i < REPS * 2; i += 1) {
		const answered = page.waitForResponse((r) => r.url().includes('tasks.move') && r.ok());
		const started = await missionPage
			.dragBar(`task-${freeTask.id}`, i % 2 === 0 ? column : -column)
			.then(() => performance.now());
		await answered;
		dragMs.push(performance.now() - started);
		await missionPage.waitForSaved();
	}
	return { rows: largePlan.tasks.length, mouseUpToSavedMs: stats(dragMs) };
}

/** A browser page signed in as the bench admin. */
async function benchPage(url: string, cookie: string) {
	const browser = await launchChromium();
	const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
	await context.addCookies([{ name: cookie.split('=')[0]!, value: cookie.split('=').slice(1).join('='), url }]);
	return { browser, page: await context.newPage() };
}

/** The SVAR peer comparison (bench/peers.ts) in its own browser, signed in as the bench admin. */
async function runPeers(url: string, cookie: string): Promise<Record<string, unknown>> {
	const browser = await launchChromium();
	try {
		const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
		await context.addCookies([{ name: cookie.split('=')[0]!, value: cookie.split('=').slice(1).join('='), url }]);
		return await measurePeers({
			root: ROOT,
			reps: REPS,
			url,
			context,
			call: (procedure, input) => call(url, cookie, procedure, input),
			importMission: (document) => importMission(url, cookie, document)
		});
	} finally {
		await browser.close();
	}
}

function writeResults(results: Record<string, unknown>) {
	fs.mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
	fs.writeFileSync(path.join(ROOT, 'bench', 'results', 'latest.json'), JSON.stringify(results, null, 2));
	console.log(JSON.stringify(results, null, 2));
	console.table(summary(results));
}

async function main() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-bench-'));
	const results: Record<string, unknown> = {
		machine: {
			cpus: os.cpus().length,
			cpu: os.cpus()[0]?.model,
			memoryGiB: round(os.totalmem() / 2 ** 30),
			node: process.version
		},
		reps: REPS,
		loadSeconds: LOAD_SECONDS
	};
	const { url, child } = await startServer(path.join(work, 'portfolio.db'));
	try {
		const cookie = await logIn(url);
		// BENCH_ONLY=peers: only the SVAR comparison (a few minutes instead of the whole bench).
		if (process.env.BENCH_ONLY === 'peers') {
			results.peers = await runPeers(url, cookie);
			return writeResults(results);
		}
		// BENCH_ONLY=drag: only the drag in Chromium, on the 500-task mission.
		if (process.env.BENCH_ONLY === 'drag') {
			const largeId = await importMission(url, cookie, generatedMission('Grande mission (500 tâches)', 500, 7));
			const { browser, page } = await benchPage(url, cookie);
			try {
				results.dragInBrowser = await dragInBrowser(url, cookie, largeId, page);
			} finally {
				await browser.close();
			}
			return writeResults(results);
		}
		if (process.env.BENCH_ONLY === 'portfolio') {
			for (let i = 1; i < 200; i += 1) await importMission(url, cookie, generatedMission(`Mission ${i}`, 50, 1000 + i));
			const browser = await launchChromium();
			const call1 = <T>(procedure: string, input: unknown, method?: 'GET' | 'POST') =>
				call<T>(url, cookie, procedure, input, method);
			results.portfolio = await portfolioBench({ url, cookie, call: call1, browser, reps: REPS });
			await browser.close();
			console.log(JSON.stringify(results, null, 2));
			return;
		}
		const missions = await call<{ id: string; title: string }[]>(url, cookie, 'missions.list', undefined);
		const cufId = missions[0]!.id;
		// BENCH_ONLY=weight: only what each page weighs (JS, CSS, the mission page's HTML).
		const weighPages = async () => {
			const browser = await launchChromium();
			try {
				const importOne = (document: MissionDocument) => importMission(url, cookie, document);
				return await measureWeight({
					url,
					cookie,
					browser,
					importMission: importOne,
					cufId,
					call: (procedure, input) => call(url, cookie, procedure, input, 'POST')
				});
			} finally {
				await browser.close();
			}
		};
		if (process.env.BENCH_ONLY === 'weight') {
			results.pageWeight = await weighPages();
			return writeResults(results);
		}

		// 3 and 4. The mission read used by the Gantt page and the dashboard, against the stack's
		// floor, at a growing number of missions: here 1 (the seed alone).
		const getUrl = `${url}/api/trpc/missions.get?input=${encodeURIComponent(JSON.stringify({ missionId: cufId }))}`;
		const measureReads = async (size: number) => {
			const [reads, floor] = await interleave(
				() => load(getUrl, { headers: { cookie } }),
				() => load(`${url}/api/bench/floor`, {})
			);
			const dashboards = [];
			for (let i = 0; i < Math.min(REPS, 3); i += 1)
				dashboards.push(await load(`${url}/api/trpc/dashboard.overview`, { headers: { cookie }, connections: 2 }));
			// The same right after a write (which empties the caches): what the first visitor waits.
			const cold: number[] = [];
			const coldReads: number[] = [];
			for (let i = 0; i < REPS; i += 1) {
				const { mission } = await call<MissionPlan>(url, cookie, 'missions.get', { missionId: cufId });
				await call(
					url,
					cookie,
					'missions.update',
					{ missionId: cufId, title: `Mission CUF (${i})`, expectedVersion: mission.version },
					'POST'
				);
				let started = performance.now();
				await call(url, cookie, 'missions.get', { missionId: cufId });
				coldReads.push(performance.now() - started);
				started = performance.now();
				await call(url, cookie, 'dashboard.overview', undefined);
				cold.push(performance.now() - started);
			}
			return {
				missions: size,
				readRps: stats(reads.map((r) => r.rps)),
				readP95Ms: stats(reads.map((r) => r.p95)),
				floorRps: stats(floor.map((r) => r.rps)),
				readShareOfFloor: round(stats(reads.map((r) => r.rps)).median / stats(floor.map((r) => r.rps)).median, 2),
				msPerRead: round((1000 / stats(reads.map((r) => r.rps)).median) * 10, 2),
				dashboardMsPerRequest: round((1000 / stats(dashboards.map((r) => r.rps)).median) * 2, 1),
				dashboardAfterWriteMs: stats(cold),
				readAfterWriteMs: stats(coldReads)
			};
		};
		// A discarded warm-up first (JIT, caches), so the 1-mission figure compares fairly.
		await load(getUrl, { headers: { cookie } });
		await load(`${url}/api/bench/floor`, {});
		const growth: Record<string, unknown>[] = [await measureReads(1)];

		const largeId = await importMission(url, cookie, generatedMission('Grande mission (500 tâches)', 500, 7));
		const hugeId = await importMission(url, cookie, generatedMission('Vue de 2 000 tâches', 2000, 11));

		// 1. Gantt first complete frame, app vs bare frappe-gantt with the same rows.
		const browser = await launchChromium();
		const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
		await context.addCookies([{ name: cookie.split('=')[0]!, value: cookie.split('=').slice(1).join('='), url }]);
		const page = await context.newPage();
		const bare = await bareServer();
		const firstFrame = async (target: string, expectedBars: number) => {
			await page.goto(target, { waitUntil: 'commit' });
			// A string, not a function: tsx would wrap a function with helpers the page does not have.
			return page.evaluate<number>(`new Promise((resolve) => {
				const check = () => {
					const host = document.querySelector('[data-ready=true]');
					// Rows in view: the chart draws only a window of a long plan (as in bench/peers.ts).
					const expected = Math.min(host?.dataset.rows ? Number(host.dataset.rows) : ${expectedBars}, 15);
					if (host && host.querySelectorAll('.bar-wrapper').length >= expected) requestAnimationFrame(() => resolve(performance.now()));
					else requestAnimationFrame(check);
				};
				check();
			})`);
		};
		const render: Record<string, unknown> = {};
		for (const [label, id] of [
			['CUF', cufId],
			['500 tâches', largeId],
			['2 000 tâches', hugeId]
		] as const) {
			const plan = await call<MissionPlan>(url, cookie, 'missions.get', { missionId: id });
			const rows = ganttRows(plan);
			bare.setRows(rows);
			// Every row unfolded (?phases=open), as on the bare page.
			const [app, floor] = await interleave(
				() => firstFrame(`${url}/missions/${id}?phases=open`, rows.length),
				() => firstFrame(bare.url, rows.length)
			);
			render[label] = {
				rows: rows.length,
				appMs: stats(app),
				bareMs: stats(floor),
				ratio: round(stats(app).median / stats(floor).median, 2)
			};
			if (plan.tasks.length > FOLD_PHASES_ABOVE_TASKS) {
				// What a user gets by default on a large plan: phases folded.
				const folded = [];
				for (let i = 0; i < REPS; i += 1) folded.push(await firstFrame(`${url}/missions/${id}`, 1));
				render[`${label}, phases repliées`] = {
					rows: ganttRows(plan, [], defaultFoldedPhases(plan)).length,
					appMs: stats(folded),
					bareMs: stats(floor),
					ratio: round(stats(folded).median / stats(floor).median, 2)
				};
			}
		}
		results.ganttFirstFrame = render;

		// 5. Weight of the Gantt page: every script and stylesheet it loads, gzipped.
		await page.goto(`${url}/missions/${cufId}`);
		await page.waitForSelector('[data-ready=true] .bar-wrapper');
		const assets = await page.evaluate(() =>
			performance
				.getEntriesByType('resource')
				.map((e) => e.name)
				.filter((n) => /\.(js|css)(\?|$)/.test(n))
		);
		let js = 0;
		let css = 0;
		for (const asset of assets) {
			const body = Buffer.from(await (await fetch(asset, { headers: { cookie } })).arrayBuffer());
			if (asset.includes('.css')) css += gzipSize(body);
			else js += gzipSize(body);
		}
		const dist = path.join(ROOT, 'node_modules', 'frappe-gantt', 'dist');
		const frappe =
			gzipSize(fs.readFileSync(path.join(dist, 'frappe-gantt.es.js'))) +
			gzipSize(fs.readFileSync(path.join(dist, 'frappe-gantt.css')));
		results.weight = {
			jsGzipKiB: round(js / 1024),
			cssGzipKiB: round(css / 1024),
			frappeGanttGzipKiB: round(frappe / 1024),
			jsBeyondFrappeKiB: round((js + css - frappe) / 1024),
			files: assets.length
		};
		results.dragInBrowser = await dragInBrowser(url, cookie, largeId, page);

		await browser.close();
		bare.close();

		// 2. Drag to saved, server side: moving a task of the 500-task mission and back, under load.
		const large = await call<MissionPlan>(url, cookie, 'missions.get', { missionId: largeId });
		// Moves carry the version they are based on (the API refuses a move without one): each
		// connection drags its own unlinked task to and fro and counts that task's version itself.
		const free = large.tasks.filter(
			(t) => t.kind === 'TASK' && !large.dependencies.some((d) => d.predecessorId === t.id || d.successorId === t.id)
		);
		const shiftDate = (date: string, days: number) => {
			const d = new Date(`${date}T12:00:00Z`);
			d.setUTCDate(d.getUTCDate() + 7 * days);
			return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
		};
		const versions = new Map(free.map((t) => [t.id, t.version]));
		let nextTask = 0;
		type DragContext = { task?: (typeof free)[number]; step?: number };
		const dragRequest = {
			setupRequest: (req: autocannon.Request, context: DragContext) => {
				context.task ??= free[nextTask++ % free.length]!;
				context.step = ((context.step ?? 0) + 1) % 2;
				const t = context.task;
				// A whole week to and fro keeps the working-day duration and working days.
				const body = {
					taskId: t.id,
					startDate: shiftDate(t.startDate, context.step),
					endDate: shiftDate(t.endDate, context.step),
					expectedVersion: versions.get(t.id)
				};
				return { ...req, body: JSON.stringify(body) };
			},
			onResponse: (status: number, _body: string, context: DragContext) => {
				if (status === 200 && context.task) versions.set(context.task.id, (versions.get(context.task.id) ?? 0) + 1);
			}
		};
		const headers = { cookie, origin: url, 'content-type': 'application/json' };
		const [drag, dragFloor] = await interleave(
			() =>
				load(`${url}/api/trpc/tasks.move`, {
					method: 'POST',
					headers,
					requests: [dragRequest as unknown as autocannon.Request]
				}),
			() => load(`${url}/api/bench/floor`, {})
		);
		results.dragToSaved = {
			mutationP95Ms: stats(drag.map((r) => r.p95)),
			floorP95Ms: stats(dragFloor.map((r) => r.p95)),
			ratioP95: round(
				stats(drag.map((r) => r.p95)).median / Math.max(0.5, stats(dragFloor.map((r) => r.p95)).median),
				2
			),
			mutationP50Ms: stats(drag.map((r) => r.p50)),
			mutationP99Ms: stats(drag.map((r) => r.p99))
		};

		// Where the read budget goes before any mission is read: tRPC's fetch adapter (an anonymous
		// auth.me) and the session check (a signed-in one), against the same floor.
		type Load = Awaited<ReturnType<typeof load>>;
		const anonymous: Load[] = [];
		const signedIn: Load[] = [];
		const stackFloor: Load[] = [];
		for (let i = 0; i < REPS; i += 1) {
			anonymous.push(await load(`${url}/api/trpc/auth.me`, {}));
			signedIn.push(await load(`${url}/api/trpc/auth.me`, { headers: { cookie } }));
			stackFloor.push(await load(`${url}/api/bench/floor`, {}));
		}
		const share = (runs: typeof anonymous) =>
			round(stats(runs.map((r) => r.rps)).median / stats(stackFloor.map((r) => r.rps)).median, 2);
		results.trpcOverhead = {
			anonymousAuthMeRps: stats(anonymous.map((r) => r.rps)),
			signedInAuthMeRps: stats(signedIn.map((r) => r.rps)),
			floorRps: stats(stackFloor.map((r) => r.rps)),
			anonymousShareOfFloor: share(anonymous),
			signedInShareOfFloor: share(signedIn)
		};

		// 3 and 4. Reads at 10, 100 and 200 missions (1 was measured first, before the imports).
		let count = (await call<unknown[]>(url, cookie, 'missions.list', undefined)).length;
		for (const size of [10, 100, 200]) {
			for (let seed = 1000 + count; count < size; seed += 1, count += 1) {
				await importMission(url, cookie, generatedMission(`Mission ${count}`, 50, seed));
			}
			growth.push(await measureReads(size));
		}
		results.reads = growth;
		const perRead = (size: Record<string, unknown>) => size.msPerRead as number;
		results.singleReadGrowth = {
			missions: [growth[0]!.missions, growth.at(-1)!.missions],
			msPerRead: [perRead(growth[0]!), perRead(growth.at(-1)!)],
			ratio: round(perRead(growth.at(-1)!) / perRead(growth[0]!), 2)
		};
		// Portfolio and programme at 200 missions of 50 tasks.
		const portfolioBrowser = await launchChromium();
		results.portfolio = await portfolioBench({
			url,
			cookie,
			call: (procedure, input, method) => call(url, cookie, procedure, input, method),
			browser: portfolioBrowser,
			reps: REPS
		});
		await portfolioBrowser.close();
		const rss = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' }).trim());
		results.serverRssMiB = round(rss / 1024);
		// Last: the peers import 3 000-task missions, which would weigh on the growth figures above.
		results.pageWeight = await weighPages();
		if (process.env.BENCH_PEERS !== '0') results.peers = await runPeers(url, cookie);
	} finally {
		child.kill();
		fs.rmSync(work, { recursive: true, force: true });
	}
	writeResults(results);
}

/** One line per figure: Jalon, its baseline, the ratio and the target (the medians). */
function summary(results: Record<string, unknown>): Record<string, string>[] {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the results object built above
	const r = results as any;
	const lines: Record<string, string>[] = [];
	for (const [label, figure] of Object.entries(r.ganttFirstFrame ?? {}) as [string, typeof r][]) {
		lines.push({
			figure: `Gantt first frame, ${label} (${figure.rows} rows)`,
			jalon: `${Math.round(figure.appMs.median)} ms`,
			baseline: `${Math.round(figure.bareMs.median)} ms`,
			ratio: String(figure.ratio),
			target: '≤ 1.3'
		});
	}
	if (r.dragInBrowser)
		lines.push({
			figure: `Drag to saved in Chromium (${r.dragInBrowser.rows} tasks)`,
			jalon: `${Math.round(r.dragInBrowser.mouseUpToSavedMs.median)} ms`,
			baseline: '—',
			ratio: '—',
			target: '—'
		});
	if (r.dragToSaved)
		lines.push({
			figure: 'tasks.move p95, 10 connections',
			jalon: `${r.dragToSaved.mutationP95Ms.median} ms (p50 ${r.dragToSaved.mutationP50Ms.median})`,
			baseline: `${r.dragToSaved.floorP95Ms.median} ms`,
			ratio: String(r.dragToSaved.ratioP95),
			target: '≤ 3'
		});
	if (r.trpcOverhead)
		lines.push({
			figure: 'auth.me anonymous / signed in (no mission read)',
			jalon: `${Math.round(r.trpcOverhead.anonymousAuthMeRps.median)} / ${Math.round(r.trpcOverhead.signedInAuthMeRps.median)} req/s`,
			baseline: `${Math.round(r.trpcOverhead.floorRps.median)} req/s`,
			ratio: `${r.trpcOverhead.anonymousShareOfFloor} / ${r.trpcOverhead.signedInShareOfFloor}`,
			target: '—'
		});
	for (const size of r.reads ?? []) {
		lines.push({
			figure: `missions.get at ${size.missions} missions (one right after a write)`,
			jalon: `${Math.round(size.readRps.median)} req/s, p95 ${size.readP95Ms.median} ms (${round(size.readAfterWriteMs.median)} ms)`,
			baseline: `${Math.round(size.floorRps.median)} req/s`,
			ratio: String(size.readShareOfFloor),
			target: '≥ 0.4'
		});
		lines.push({
			figure: `dashboard at ${size.missions} missions (cached / after a write)`,
			jalon: `${size.dashboardMsPerRequest} / ${Math.round(size.dashboardAfterWriteMs.median)} ms`,
			baseline: '—',
			ratio: '—',
			target: '—'
		});
	}
	if (r.singleReadGrowth)
		lines.push({
			figure: `missions.get at ${r.singleReadGrowth.missions[1]} vs ${r.singleReadGrowth.missions[0]} mission(s)`,
			jalon: `${r.singleReadGrowth.msPerRead[1]} vs ${r.singleReadGrowth.msPerRead[0]} ms per request (10 conn.)`,
			baseline: '—',
			ratio: String(r.singleReadGrowth.ratio),
			target: '≤ 1.5'
		});
	if (r.weight)
		lines.push({
			figure: 'Gantt page JS + CSS (gzip)',
			jalon: `${r.weight.jsGzipKiB} + ${r.weight.cssGzipKiB} KiB`,
			baseline: `frappe-gantt ${r.weight.frappeGanttGzipKiB} KiB`,
			ratio: `+${r.weight.jsBeyondFrappeKiB} KiB`,
			target: '≤ +120 KiB'
		});
	if (r.pageWeight) lines.push(...weightSummary(r.pageWeight));
	if (r.portfolio)
		lines.push(
			{
				figure: `portfolio at ${r.portfolio.missions} missions: API / Gantt first frame`,
				jalon: `${Math.round(r.portfolio.portfolioApiMs.median)} (after a write ${Math.round(r.portfolio.portfolioApiAfterWriteMs.median)}) / ${Math.round(r.portfolio.portfolioFirstFrameMs.median)} ms`,
				baseline: '—',
				ratio: '—',
				target: '—'
			},
			{
				figure: `programme of ${r.portfolio.missions} missions: API / page load`,
				jalon: `${Math.round(r.portfolio.programmeApiMs.median)} / ${Math.round(r.portfolio.programmePageLoadMs.median)} ms`,
				baseline: '—',
				ratio: '—',
				target: '—'
			},
			{
				figure: 'one mission read, in a programme of them all vs before',
				jalon: `${r.portfolio.singleReadMs.inProgramme.median} vs ${r.portfolio.singleReadMs.beforeProgramme.median} ms`,
				baseline: '—',
				ratio: String(r.portfolio.singleReadRatio),
				target: '≤ 1.5'
			}
		);
	if (r.serverRssMiB)
		lines.push({ figure: 'server RSS', jalon: `${r.serverRssMiB} MiB`, baseline: '—', ratio: '—', target: '—' });
	if (r.peers) {
		lines.push(...peerSummary(r.peers));
		const weight = r.peers.weightGzipKiB;
		lines.push({
			figure: 'JS + CSS (gzip): /login; SVAR page',
			jalon: `${weight.jalonLogin} KiB`,
			baseline: `SVAR ${weight.svar} KiB`,
			ratio: '—',
			target: '/login ≤ 40 KiB'
		});
	}
	return lines;
}

await main();
