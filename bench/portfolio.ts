// Portfolio figures (issue 13): with N missions of 50 tasks, the portfolio API and its Gantt's
// first frame, a programme holding every mission (its API and its page), and one mission's read
// before and after the missions join the programme (it must stay flat). Called by run.ts once it
// has imported its 200 missions; `BENCH_ONLY=portfolio npm run bench` runs it alone (it then
// starts its own server and imports the missions itself).
import type { Browser } from 'playwright-core';

type Call = <T>(procedure: string, input: unknown, method?: 'GET' | 'POST') => Promise<T>;
type Stats = { min: number; median: number; max: number };

const stats = (xs: number[]): Stats => {
	const s = [...xs].sort((a, b) => a - b);
	return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
};
const round = (x: number) => Math.round(x * 10) / 10;

async function timed(reps: number, run: () => Promise<unknown>): Promise<Stats> {
	const times: number[] = [];
	for (let i = 0; i < reps; i += 1) {
		const started = performance.now();
		await run();
		times.push(round(performance.now() - started));
	}
	return stats(times);
}

export async function portfolioBench(options: {
	url: string;
	cookie: string;
	call: Call;
	browser: Browser;
	reps: number;
}): Promise<Record<string, unknown>> {
	const { url, cookie, call, browser, reps } = options;
	const missions = await call<{ id: string }[]>('missions.list', undefined);
	const oneMission = missions.at(-1)!.id;
	const readBefore = await timed(reps * 4, () => call('missions.get', { missionId: oneMission }));

	// Every mission under one programme, as a framework agreement's orders would be.
	const { id: programmeId } = await call<{ id: string }>(
		'programmes.create',
		{
			kind: 'FRAMEWORK_AGREEMENT',
			title: 'Accord-cadre du banc d’essai',
			owner: 'Titulaire',
			envelopeCents: 100_000_000_00,
			envelopeBasis: 'HT',
			startDate: '2025-01-01',
			endDate: '2029-12-31'
		},
		'POST'
	);
	for (const m of missions) {
		await call('programmes.attachMission', { programmeId, missionId: m.id }, 'POST');
	}
	const readAfter = await timed(reps * 4, () => call('missions.get', { missionId: oneMission }));
	const programmeApi = await timed(reps, () => call('programmes.get', { programmeId }));
	const portfolioApi = await timed(reps, () => call('programmes.portfolio', {}));
	// Right after a write (which empties the caches): what the first visitor waits.
	const coldPortfolio: number[] = [];
	for (let i = 0; i < reps; i += 1) {
		const { mission } = await call<{ mission: { version: number } }>('missions.get', { missionId: oneMission });
		await call(
			'missions.update',
			{ missionId: oneMission, title: `Mission relue (${i})`, expectedVersion: mission.version },
			'POST'
		);
		const started = performance.now();
		await call('programmes.portfolio', {});
		coldPortfolio.push(round(performance.now() - started));
	}

	const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
	await context.addCookies([{ name: cookie.split('=')[0]!, value: cookie.split('=').slice(1).join('='), url }]);
	const page = await context.newPage();
	const frames: number[] = [];
	for (let i = 0; i < reps; i += 1) {
		await page.goto(`${url}/portefeuille`, { waitUntil: 'commit' });
		// A string, not a function: tsx would wrap a function with helpers the page does not have.
		frames.push(
			await page.evaluate<number>(`new Promise((resolve) => {
				const check = () => {
					const host = document.querySelector('[data-testid=portfolio-gantt][data-ready=true]');
					if (host && host.querySelectorAll('.bar-wrapper').length >= Number(host.dataset.rows)) requestAnimationFrame(() => resolve(performance.now()));
					else requestAnimationFrame(check);
				};
				check();
			})`)
		);
	}
	const programmePage: number[] = [];
	for (let i = 0; i < reps; i += 1) {
		await page.goto(`${url}/programmes/${programmeId}`, { waitUntil: 'load' });
		programmePage.push(await page.evaluate<number>('performance.getEntriesByType("navigation")[0].loadEventEnd'));
	}
	await context.close();
	return {
		missions: missions.length,
		portfolioApiMs: portfolioApi,
		portfolioApiAfterWriteMs: stats(coldPortfolio),
		portfolioFirstFrameMs: stats(frames.map(round)),
		programmeApiMs: programmeApi,
		programmePageLoadMs: stats(programmePage.map(round)),
		singleReadMs: { beforeProgramme: readBefore, inProgramme: readAfter },
		singleReadRatio: round((readAfter.median / Math.max(0.1, readBefore.median)) * 100) / 100
	};
}
