// Jalon's chart against a virtualized peer, SVAR Svelte Gantt (wx-svelte-gantt, MIT, a
// development-only dependency), fed the same tasks (flat and in phases, 50 / 200 / 1 000 / 3 000),
// with the same viewport, row height (38 px) and week columns, measured the same way and
// interleaved: navigation start → first frame showing rows; scroll by one screen → next frame;
// each mouse move of a drag → next frame; JS heap after GC; DOM nodes; JS and CSS shipped.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { defaultFoldedPhases, ganttRows } from '../src/lib/components/gantt/gantt-rows';
import type { MissionPlan } from '../src/lib/domain/mission-plan';
import type { MissionDocument } from '../src/lib/mission-document';
import { generatedMission } from './data';
import { svarData, type SvarData } from './svar/svar-data';

type Stats = { min: number; median: number; max: number };
const stats = (xs: number[]): Stats => {
	const s = [...xs].sort((a, b) => a - b);
	return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
};
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const percentile = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))] ?? NaN;
};

export const PEER_SIZES = (process.env.BENCH_PEER_SIZES ?? '50,200,1000,3000').split(',').map(Number);

/** How each contender's page shows its bars, and how many rows it has. */
interface Contender {
	name: string;
	url: string;
	barSelector: string;
	dragSelector: string;
	rows: number;
}

export interface PeerDeps {
	root: string;
	reps: number;
	url: string;
	context: BrowserContext;
	call: <T>(procedure: string, input: unknown) => Promise<T>;
	importMission: (document: MissionDocument) => Promise<string>;
}

function buildSvarPage(root: string): string {
	execFileSync(path.join(root, 'node_modules', '.bin', 'vite'), ['build', '--config', 'bench/svar/vite.config.ts'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	return path.join(os.tmpdir(), 'jalon-bench-svar');
}

/** Serves the built SVAR page with the data set inlined, as the bare frappe-gantt page does. */
function svarServer(dist: string): Promise<{ url: string; close: () => void; setData: (data: SvarData) => void }> {
	let data: SvarData = { tasks: [], links: [] };
	const index = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
	const server = http.createServer((req, res) => {
		const file = path.join(dist, path.normalize(decodeURIComponent(req.url ?? '/').split('?')[0]!));
		if (file.startsWith(path.join(dist, 'assets')) && fs.existsSync(file)) {
			const type = file.endsWith('.css') ? 'text/css' : 'text/javascript';
			return res.writeHead(200, { 'content-type': type }).end(fs.readFileSync(file));
		}
		const inline = `<script>window.__BENCH_DATA__ = ${JSON.stringify(data)};</script>`;
		res
			.writeHead(200, { 'content-type': 'text/html' })
			.end(index.replace('<script type="module"', `${inline}<script type="module"`));
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close(), setData: (d) => (data = d) });
		})
	);
}

// Page-side measures are strings: tsx would wrap a function with helpers the page does not have.
const FIRST_FRAME = (barSelector: string, expected: number) => `new Promise((resolve, reject) => {
	const deadline = performance.now() + 60000;
	const check = () => {
		if (performance.now() > deadline) return reject(new Error('no ${expected} bars (${barSelector}) within 60 s'));
		const host = document.querySelector('[data-ready=true]');
		if (host && host.querySelectorAll(${JSON.stringify(barSelector)}).length >= ${expected}) requestAnimationFrame(() => resolve(performance.now()));
		else requestAnimationFrame(check);
	};
	check();
})`;

// Where a first frame's time goes, read without touching either page's code: installed before any
// page script (addInitScript), it notes when the chart's bars are all in the DOM (a mutation
// observer started at DOMContentLoaded: a page that draws in its module scripts, like SVAR's, has
// them by then) and the long tasks (over 50 ms: the main thread blocked).
const RECORD_PHASES = `(() => {
	const phases = (window.__phases = { bars: [], longTasks: [] });
	const count = () => document.querySelector('[data-ready=true]')?.querySelectorAll('.bar-wrapper, .wx-bar').length ?? 0;
	const note = () => {
		const n = count();
		const last = phases.bars[phases.bars.length - 1];
		if (!last || last[1] !== n) phases.bars.push([performance.now(), n]);
	};
	document.addEventListener('DOMContentLoaded', () => {
		note();
		new MutationObserver(note).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-ready'] });
	});
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) phases.longTasks.push([e.startTime, e.duration]);
	}).observe({ type: 'longtask', buffered: true });
})()`;

/** The phases of the first frame that ended at `firstFrame` (ms from navigation start). */
const READ_PHASES = (firstFrame: number, expected: number) => `(() => {
	const nav = performance.getEntriesByType('navigation')[0];
	const phases = window.__phases ?? { bars: [], longTasks: [] };
	return {
		requestStart: nav.requestStart,
		ttfb: nav.responseStart,
		htmlEnd: nav.responseEnd,
		domInteractive: nav.domInteractive,
		dclEnd: nav.domContentLoadedEventEnd,
		bars: phases.bars.find(([, n]) => n >= ${expected})?.[0] ?? NaN,
		hydrate: performance.getEntriesByName('jalon:hydrate')[0]?.startTime ?? NaN,
		unpack: performance.getEntriesByName('jalon:unpack')[0]?.duration ?? NaN,
		firstFrame: ${firstFrame},
		// Jalon's server with JALON_BENCH=1 (hooks.server.ts): its session check, load and rendering.
		...Object.fromEntries(nav.serverTiming.map((e) => ['server_' + e.name, e.duration])),
		longTasks: phases.longTasks.filter(([start]) => start < ${firstFrame}).reduce((sum, [, d]) => sum + d, 0)
	};
})()`;

/** Navigation start → first frame, cut at the page's milestones (ms each, summing to the first frame). */
interface Phases {
	/** Navigation start → first byte of the HTML (the server's answer, log-in and load included). */
	ttfb: number;
	/** Of which the server: request sent → first byte. */
	server: number;
	/** Jalon only, the server's own account (Server-Timing): the page's load, and the rest (SSR, serialising). */
	serverLoad: number;
	serverRender: number;
	/** The rest of the HTML on the wire. */
	html: number;
	/** HTML parsed (stylesheets awaited, inline scripts run): responseEnd → domInteractive. */
	parse: number;
	/** Deferred and module scripts until DOMContentLoaded's end (SVAR draws its chart here). */
	deferred: number;
	/** DOMContentLoaded → the bars all in the DOM: hydration and the chart's creation for Jalon. */
	scripts: number;
	/** Bars in the DOM → the first frame showing them: style, layout, paint. */
	frame: number;
	/** Long tasks (over 50 ms) before the first frame, summed: the main thread blocked. */
	longTasks: number;
	/** Jalon only: DOMContentLoaded → hydration start (the app's modules, the SSR markup's paint). */
	toHydrate: number;
	/** Jalon only: decoding the inline plan (plan-codec). */
	unpack: number;
}

function phasesOf(raw: Record<string, number>): Phases {
	// A page that draws in its module scripts has its bars before DOMContentLoaded ends.
	const bars = Math.max(raw.bars!, raw.dclEnd!);
	return {
		ttfb: raw.ttfb!,
		server: raw.ttfb! - raw.requestStart!,
		serverLoad: raw.server_load ?? NaN,
		serverRender: raw.server_render ?? NaN,
		html: raw.htmlEnd! - raw.ttfb!,
		parse: raw.domInteractive! - raw.htmlEnd!,
		deferred: raw.dclEnd! - raw.domInteractive!,
		scripts: bars - raw.dclEnd!,
		frame: raw.firstFrame! - bars,
		longTasks: raw.longTasks!,
		toHydrate: raw.hydrate! - raw.dclEnd!,
		unpack: raw.unpack!
	};
}

/** Each phase's median over the repetitions. */
function medianPhases(runs: Phases[]): Phases {
	const out = {} as Record<keyof Phases, number>;
	for (const key of Object.keys(runs[0]!) as (keyof Phases)[]) {
		const values = runs.map((r) => r[key]).filter((v) => Number.isFinite(v));
		out[key] = values.length ? round(stats(values).median) : NaN;
	}
	return out;
}

// After a frame is produced: the next animation frame, then a task queued behind it.
const AFTER_NEXT_FRAME = `(() => new Promise((resolve) => requestAnimationFrame(() => {
	const channel = new MessageChannel();
	channel.port1.onmessage = () => resolve(performance.now());
	channel.port2.postMessage(0);
})))`;

const SCROLL_SCREENS = `(async () => {
	const host = document.querySelector('[data-ready=true]');
	const scrollers = [host, ...host.querySelectorAll('*')].filter((e) => {
		const style = getComputedStyle(e);
		return /(auto|scroll)/.test(style.overflowY) && e.scrollHeight > e.clientHeight + 10;
	});
	const scroller = scrollers[0] ?? document.scrollingElement;
	const screen = scroller === document.scrollingElement ? innerHeight : scroller.clientHeight;
	const longTasks = [];
	const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
	observer.observe({ type: 'longtask' });
	const frames = [];
	for (let i = 0; i < 10; i += 1) {
		const started = performance.now();
		scroller.scrollTop += screen;
		frames.push((await ${AFTER_NEXT_FRAME}()) - started);
		await new Promise((r) => setTimeout(r, 60));
	}
	observer.disconnect();
	return { frames, longTasks };
})()`;

const RECORD_MOVES = `(() => {
	window.__moveFrames = [];
	document.addEventListener('mousemove', () => {
		const started = performance.now();
		${AFTER_NEXT_FRAME}().then((t) => window.__moveFrames.push(t - started));
	}, { capture: true });
})()`;

// Jalon only: from the mouse release to the frame after the page shows the saved plan (the save
// status turns to "saved" in the same update as the redraw); NaN if nothing is saved in 10 s.
const WATCH_SAVED = `(() => {
	window.__savedFrame = new Promise((resolve) => {
		const status = document.querySelector('[data-testid=save-status]');
		if (!status) return resolve(NaN);
		setTimeout(() => resolve(NaN), 10000);
		const observer = new MutationObserver(() => {
			if (status.dataset.state !== 'saved') return;
			observer.disconnect();
			${AFTER_NEXT_FRAME}().then(resolve);
		});
		observer.observe(status, { attributes: true, attributeFilter: ['data-state'] });
	});
})()`;

async function measureDrag(page: Page, contender: Contender, dx: number) {
	await page.evaluate(RECORD_MOVES);
	if (contender.name !== 'svar') await page.evaluate(WATCH_SAVED);
	const bar = page.locator(contender.dragSelector).first();
	const box = (await bar.boundingBox())!;
	const x = box.x + Math.min(12, box.width / 2);
	const y = box.y + box.height / 2;
	await page.mouse.move(x, y);
	await page.mouse.down();
	for (let step = 1; step <= 10; step += 1) await page.mouse.move(x + (dx * step) / 10, y);
	const released = await page.evaluate<number>('performance.now()');
	await page.mouse.up();
	const settled = await page.evaluate<number>(`${AFTER_NEXT_FRAME}()`);
	const moves = await page.evaluate<number[]>('window.__moveFrames');
	const saved = contender.name === 'svar' ? NaN : await page.evaluate<number>('window.__savedFrame');
	return {
		moveP95: percentile(moves, 0.95),
		mouseUpToFrame: settled - released,
		mouseUpToSavedFrame: saved - released
	};
}

async function gzipAssets(page: Page, cookie?: string): Promise<number> {
	const assets = await page.evaluate<string[]>(
		// Same origin only: SVAR's theme asks a CDN for a font, which this machine cannot reach.
		`performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.startsWith(location.origin) && /\\.(js|css)(\\?|$)/.test(n))`
	);
	let bytes = 0;
	for (const asset of assets) {
		const body = Buffer.from(await (await fetch(asset, { headers: cookie ? { cookie } : {} })).arrayBuffer());
		bytes += zlib.gzipSync(body, { level: 9 }).length;
	}
	return round(bytes / 1024);
}

export async function measurePeers(deps: PeerDeps): Promise<Record<string, unknown>> {
	const svar = await svarServer(buildSvarPage(deps.root));
	const page = await deps.context.newPage();
	await page.addInitScript(RECORD_PHASES);
	const cdp = await deps.context.newCDPSession(page);
	const results: Record<string, unknown> = {};
	try {
		for (const flat of [true, false]) {
			for (const size of PEER_SIZES) {
				const id = await deps.importMission(
					generatedMission(`Pairs ${flat ? 'sans phases' : 'en phases'} ${size}`, size, 7000 + size, flat)
				);
				const plan = await deps.call<MissionPlan>('missions.get', { missionId: id });
				svar.setData(svarData(plan));
				const allRows = ganttRows(plan).length;
				const contenders: Contender[] = [
					{
						name: 'jalon',
						url: `${deps.url}/missions/${id}?phases=open`,
						barSelector: '.bar-wrapper',
						dragSelector: '.bar-wrapper[data-id^="task-"] .bar',
						rows: allRows
					},
					{
						name: 'svar',
						url: svar.url,
						barSelector: '.wx-bar',
						dragSelector: '.wx-bar.wx-task',
						rows: plan.tasks.length
					}
				];
				const folded = defaultFoldedPhases(plan);
				if (folded.size > 0)
					contenders.push({
						name: 'jalonFolded',
						url: `${deps.url}/missions/${id}`,
						barSelector: '.bar-wrapper',
						dragSelector: '.bar-wrapper[data-id^="task-"] .bar',
						rows: ganttRows(plan, [], folded).length
					});
				const frames = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
				const phases = new Map<string, Phases[]>(contenders.map((c) => [c.name, []]));
				for (let rep = 0; rep < deps.reps; rep += 1) {
					for (const contender of contenders) {
						// From a blank page: the previous contender's page is unloaded (its handlers, its
						// work left after its first frame) before this navigation starts, not during it.
						await page.goto('about:blank');
						await page.goto(contender.url, { waitUntil: 'commit' });
						// Rows in view: a windowed chart never has more than a screenful in the DOM.
						const expected = Math.min(contender.rows, 15);
						const frame = await page.evaluate<number>(FIRST_FRAME(contender.barSelector, expected));
						frames.get(contender.name)!.push(round(frame));
						phases.get(contender.name)!.push(phasesOf(await page.evaluate(READ_PHASES(frame, expected))));
					}
				}
				const figures: Record<string, unknown> = {};
				for (const contender of contenders) {
					await page.goto(contender.url);
					await page.evaluate(FIRST_FRAME(contender.barSelector, Math.min(contender.rows, 15)));
					await page.waitForTimeout(800); // bars animate their width after the first frame
					await cdp.send('HeapProfiler.collectGarbage');
					const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
					const domNodes = await page.evaluate<number>(`document.getElementsByTagName('*').length`);
					const scroll = await page.evaluate<{ frames: number[]; longTasks: number[] }>(SCROLL_SCREENS);
					// Back to the top: the same address opened again keeps the scroll (past the rows, on a folded plan).
					await page.evaluate('window.scrollTo(0, 0)');
					await page.goto(contender.url);
					await page.evaluate(FIRST_FRAME(contender.barSelector, Math.min(contender.rows, 15)));
					const drags = [];
					for (let i = 0; i < deps.reps; i += 1)
						drags.push(await measureDrag(page, contender, i % 2 === 0 ? 140 : -140));
					figures[contender.name] = {
						rows: contender.rows,
						firstFrameMs: stats(frames.get(contender.name)!),
						firstFramePhasesMs: medianPhases(phases.get(contender.name)!),
						scrollNextFrameP95Ms: round(percentile(scroll.frames, 0.95)),
						scrollLongTasksOver50Ms: scroll.longTasks.filter((d) => d > 50).length,
						dragMoveNextFrameP95Ms: stats(drags.map((d) => round(d.moveP95))),
						mouseUpToFrameMs: stats(drags.map((d) => round(d.mouseUpToFrame))),
						mouseUpToSavedFrameMs: stats(drags.map((d) => round(d.mouseUpToSavedFrame))),
						heapMiB: round(heap.usedSize / 2 ** 20),
						domNodes
					};
				}
				const median = (name: string) =>
					(figures[name] as { firstFrameMs: Stats } | undefined)?.firstFrameMs.median ?? NaN;
				figures.ratioJalonToSvar = round(median('jalon') / median('svar'), 2);
				if (figures.jalonFolded) figures.ratioFoldedToSvar = round(median('jalonFolded') / median('svar'), 2);
				results[`${flat ? 'flat' : 'phases'} ${size}`] = figures;
			}
		}
		await page.goto(svar.url, { waitUntil: 'networkidle' });
		await page.waitForSelector('.wx-bar');
		const svarKiB = await gzipAssets(page);
		const login = await deps.context.browser()!.newContext();
		const loginPage = await login.newPage();
		// Network idle: at the load event not every modulepreloaded script has its resource entry yet.
		await loginPage.goto(`${deps.url}/login`, { waitUntil: 'networkidle' });
		const loginKiB = await gzipAssets(loginPage);
		await login.close();
		results.weightGzipKiB = { svar: svarKiB, jalonLogin: loginKiB };
	} finally {
		await page.close();
		svar.close();
	}
	return results;
}

const ms = (x: number) => (Number.isFinite(x) ? String(Math.round(x)) : '–');
function phaseLine(p: Phases, jalon: boolean): string {
	const sum = [p.ttfb, p.html, p.parse, p.deferred, p.scripts, p.frame].map(ms).join(' + ');
	const own = jalon
		? `; server: load ${ms(p.serverLoad)}, render ${ms(p.serverRender)}; DCL → hydration ${ms(p.toHydrate)}, plan decoded in ${ms(p.unpack)}`
		: '';
	return `${sum} (server ${ms(p.server)}, long tasks ${ms(p.longTasks)})${own}`;
}

/** One summary line per data set: first frames and their ratio, scroll, drag, heap, DOM. */
export function peerSummary(peers: Record<string, unknown>): Record<string, string>[] {
	const lines: Record<string, string>[] = [];
	for (const [label, value] of Object.entries(peers)) {
		if (label === 'weightGzipKiB') continue;
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the object built above
		const f = value as any;
		const folded = f.jalonFolded ? ` (folded ${Math.round(f.jalonFolded.firstFrameMs.median)})` : '';
		lines.push({
			figure: `peers ${label}: first frame / scroll p95 / drag move p95 (release → saved on screen) / heap / DOM`,
			jalon: `${Math.round(f.jalon.firstFrameMs.median)} ms${folded} / ${f.jalon.scrollNextFrameP95Ms} ms / ${f.jalon.dragMoveNextFrameP95Ms.median} ms (${f.jalon.mouseUpToSavedFrameMs?.median} ms) / ${f.jalon.heapMiB} MiB / ${f.jalon.domNodes}`,
			baseline: `SVAR ${Math.round(f.svar.firstFrameMs.median)} ms / ${f.svar.scrollNextFrameP95Ms} ms / ${f.svar.dragMoveNextFrameP95Ms.median} ms / ${f.svar.heapMiB} MiB / ${f.svar.domNodes}`,
			ratio: String(f.ratioJalonToSvar),
			target: Number(label.split(' ')[1]) >= 1000 ? '≤ 1' : '≤ 1.2'
		});
		lines.push({
			figure: `peers ${label}: first frame = TTFB + HTML + parse + deferred + scripts + frame, medians`,
			jalon: phaseLine(f.jalon.firstFramePhasesMs, true),
			baseline: `SVAR ${phaseLine(f.svar.firstFramePhasesMs, false)}`,
			ratio: '',
			target: ''
		});
	}
	return lines;
}
