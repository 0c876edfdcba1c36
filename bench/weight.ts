// What each page weighs (issue 15, "a lighter page"): the JS and CSS it loads (gzip), per page
// (/login signed out, the dashboard, the CUF mission page), and the mission page's HTML at 1 000
// and 3 000 tasks, raw and as sent (gzip), with how many <option>s its forms hold.
// `BENCH_ONLY=weight npm run bench` runs it alone (about a minute).
import http from 'node:http';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { MissionDocument } from '../src/lib/mission-document';
import { generatedMission } from './data';

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const kib = (bytes: number) => round(bytes / 1024);

export interface WeightDeps {
	url: string;
	cookie: string;
	browser: Browser;
	importMission: (document: MissionDocument) => Promise<string>;
	cufId: string;
	call: (procedure: string, input: unknown) => Promise<unknown>;
}

/** Same-origin scripts and stylesheets the page loaded, each gzipped at level 9, in KiB. */
async function assetsGzip(page: Page, cookie?: string): Promise<{ js: number; css: number; files: number }> {
	const assets = await page.evaluate<string[]>(
		`performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.startsWith(location.origin) && /\\.(js|css)(\\?|$)/.test(n))`
	);
	let js = 0;
	let css = 0;
	for (const asset of new Set(assets)) {
		const body = Buffer.from(await (await fetch(asset, { headers: cookie ? { cookie } : {} })).arrayBuffer());
		const size = zlib.gzipSync(body, { level: 9 }).length;
		if (/\.css(\?|$)/.test(asset)) css += size;
		else js += size;
	}
	return { js: kib(js), css: kib(css), files: new Set(assets).size };
}

/** The page's HTML: bytes once decompressed, and bytes on the wire as the server sends them. */
function htmlSize(
	url: string,
	cookie: string
): Promise<{ rawKiB: number; sentKiB: number; encoding: string; inlineDataKiB: number }> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers: { cookie, 'accept-encoding': 'gzip' } }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const sent = Buffer.concat(chunks);
					const encoding = res.headers['content-encoding'] ?? 'identity';
					const raw = encoding === 'gzip' ? zlib.gunzipSync(sent) : sent;
					// The load's data travels in the page's inline <script>; the rest is markup.
					const scripts = raw.toString('utf8').match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [];
					const data = scripts.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
					resolve({ rawKiB: kib(raw.length), sentKiB: kib(sent.length), encoding, inlineDataKiB: kib(data) });
				});
			})
			.on('error', reject);
	});
}

export async function measureWeight(deps: WeightDeps): Promise<Record<string, unknown>> {
	const { url, cookie, browser } = deps;
	const results: Record<string, unknown> = {};
	const anonymous = await browser.newContext();
	const signedIn = await browser.newContext({ viewport: { width: 1400, height: 900 } });
	await signedIn.addCookies([{ name: cookie.split('=')[0]!, value: cookie.split('=').slice(1).join('='), url }]);
	try {
		const login = await anonymous.newPage();
		await login.goto(`${url}/login`, { waitUntil: 'networkidle' });
		results.login = await assetsGzip(login);

		const page = await signedIn.newPage();
		await page.goto(`${url}/dashboard`, { waitUntil: 'networkidle' });
		results.dashboard = await assetsGzip(page, cookie);
		await page.goto(`${url}/missions/${deps.cufId}`, { waitUntil: 'networkidle' });
		await page.waitForSelector('[data-ready=true] .bar-wrapper');
		results.missionPage = await assetsGzip(page, cookie);

		const html: Record<string, unknown> = {};
		html.CUF = { ...(await htmlSize(`${url}/missions/${deps.cufId}`, cookie)), options: await options(page) };
		for (const size of [1000, 3000]) {
			// An import holds 2 000 tasks at most: a larger plan gets the rest one by one.
			const imported = Math.min(size, 2000);
			const id = await deps.importMission(generatedMission(`Poids ${size}`, imported, 9000 + size));
			for (let i = imported; i < size; i += 1)
				await deps.call('tasks.create', {
					missionId: id,
					name: `Tâche ajoutée ${i}`,
					startDate: '2026-03-02',
					endDate: '2026-03-13'
				});
			const figures = await htmlSize(`${url}/missions/${id}`, cookie);
			await page.goto(`${url}/missions/${id}`, { waitUntil: 'load' });
			await page.waitForSelector('[data-ready=true] .bar-wrapper', { timeout: 120_000 });
			html[`${size} tâches`] = { ...figures, options: await options(page) };
		}
		results.missionHtml = html;
	} finally {
		await anonymous.close();
		await signedIn.close();
	}
	return results;
}

/** <option>s in the page (forms listing every task make thousands on a big plan). */
const options = (page: Page) => page.evaluate<number>(`document.getElementsByTagName('option').length`);

/** Summary lines for bench/run.ts's table. */
export function weightSummary(w: Record<string, unknown>): Record<string, string>[] {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the object built above
	const r = w as any;
	const line = (name: string, a: { js: number; css: number; files: number }, target: string) => ({
		figure: `${name} JS + CSS (gzip)`,
		jalon: `${a.js} + ${a.css} KiB (${a.files} files)`,
		baseline: '—',
		ratio: '—',
		target
	});
	const lines = [
		line('/login', r.login, '≤ 40 KiB'),
		line('dashboard', r.dashboard, '—'),
		line('mission page (CUF)', r.missionPage, '≤ 90 KiB')
	];
	type Html = { rawKiB: number; inlineDataKiB: number; sentKiB: number; encoding: string; options: number };
	for (const [label, h] of Object.entries(r.missionHtml ?? {}) as [string, Html][])
		lines.push({
			figure: `mission page HTML, ${label}: raw (inline data) / sent (${h.encoding}) / <option>s`,
			jalon: `${h.rawKiB} (${h.inlineDataKiB}) / ${h.sentKiB} KiB / ${h.options}`,
			baseline: '—',
			ratio: '—',
			target: '—'
		});
	return lines;
}
