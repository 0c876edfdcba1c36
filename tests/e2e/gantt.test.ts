// The coordinator's path in a real browser: open the seeded mission, drag a bar, move the
// kick-off, submit invalid forms. Runs against the production build started by global-setup.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { cufMissionId, missionPlan } from '../support/api-client';
import { DEMO, logIn, MissionPage } from './pages/mission-page';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { generatedMission } from '../../bench/data';

const baseUrl = inject('baseUrl');
async function openPanel(page: Page, title: string): Promise<void> {
	const panel = page.locator(`details:has(summary:has-text("${title}"))`);
	if (!(await panel.evaluate((el) => (el as HTMLDetailsElement).open))) await panel.locator('summary').click();
}

const normalizeSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let missionId: string;

beforeAll(async () => {
	browser = await launchChromium();
	// The coordinator of the CUF mission (a demo account): the one who keeps the timeline true.
	context = await browser.newContext({
		acceptDownloads: true,
		viewport: { width: 1400, height: 1000 },
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris'
	});
	page = await context.newPage();
	await logIn(page, baseUrl, DEMO.coordinator);
	missionId = await cufMissionId(context.request, baseUrl);
});

afterAll(async () => {
	await browser?.close();
});

describe('seeded CUF mission', () => {
	test('shows the mission in French: title, deadlines, amounts, month names', async () => {
		const mission = new MissionPage(page, baseUrl);
		await mission.open(missionId);
		await expect(page.getByTestId('mission-title').textContent()).resolves.toContain(
			'Action Internationale des Collectivités Territoriales'
		);
		await expect(mission.contractualDeadline(1).textContent()).resolves.toBe('15/12/2025');
		await expect(mission.contractualDeadline(2).textContent()).resolves.toBe('05/01/2026');
		await expect(mission.contractualDeadline(3).textContent()).resolves.toBe('09/03/2026');
		// The document's calendar puts deliverables 2 and 3 after their relative deadlines: shown, not fixed.
		await expect(page.locator('tr[data-deliverable="2"] [data-testid=plan-late]').textContent()).resolves.toContain(
			'39 j'
		);
		const tranches = normalizeSpaces((await page.getByTestId('tranches').textContent()) ?? '');
		expect(tranches).toContain('6 000,00 €');
		expect(tranches).toContain('8 000,00 €');
		const months = await page.locator('.upper-text').allTextContents();
		expect(months.join(' ')).toMatch(/Novembre|Décembre/);
		await mission.setView('Mois');
		const monthHeaders = (await page.locator('.upper-text, .lower-text').allTextContents()).join(' ');
		expect(monthHeaders).toMatch(/décembre|Décembre/);
		expect(await page.locator('.bar-wrapper').count()).toBeGreaterThan(25);
	});

	test('opens at the kick-off at once, its bars at their full width from the first frame (no animation)', async () => {
		const fresh = await context.newPage();
		// From the chart's creation, every position the time scale takes and every bar width drawn.
		await fresh.addInitScript(() => {
			const seen = { scrollLefts: [] as number[], narrowBars: 0, samples: 0 };
			(window as unknown as { seen: typeof seen }).seen = seen;
			const sample = () => {
				const chart = document.querySelector('[data-testid=gantt][data-ready=true]');
				if (chart) {
					const scroller = chart.querySelector('.gantt-container')!;
					if (seen.scrollLefts.at(-1) !== scroller.scrollLeft) seen.scrollLefts.push(scroller.scrollLeft);
					for (const bar of chart.querySelectorAll<SVGRectElement>('.bar-wrapper .bar')) {
						if (bar.getBBox().width + 0.5 < Number(bar.getAttribute('width'))) seen.narrowBars += 1;
					}
					seen.samples += 1;
				}
				if (seen.samples < 40) requestAnimationFrame(sample);
			};
			requestAnimationFrame(sample);
		});
		await fresh.goto(`${baseUrl}/missions/${missionId}`);
		const seen = (await (
			await fresh.waitForFunction(() => {
				const s = (window as unknown as { seen: { samples: number } }).seen;
				return s.samples >= 40 && s;
			})
		).jsonValue()) as unknown as { scrollLefts: number[]; narrowBars: number };
		// One jump from the start of the scale to the week before the kick-off, no glide in between.
		expect(seen.scrollLefts.length).toBeLessThanOrEqual(2);
		expect(seen.scrollLefts.at(-1)).toBeGreaterThan(0);
		expect(seen.narrowBars).toBe(0);
		await fresh.close();
	});

	test('shades each weekend as one block and Christmas as a public holiday', async () => {
		const mission = new MissionPage(page, baseUrl);
		await mission.open(missionId);
		await mission.setView('Jours');
		const shaded = await page.locator('[data-testid=gantt] .holiday-highlight').evaluateAll((els) =>
			els.map((el) => ({
				day: el.classList[1],
				width: Number(el.getAttribute('width')),
				fill: (el.getAttribute('style') ?? '').replace(/^fill: |;$/g, '')
			}))
		);
		const day = (date: string) => shaded.find((x) => x.day === date);
		// Saturday 29 and Sunday 30 November 2025: one rectangle two days wide.
		expect(day('2025-11-29')).toBeDefined();
		expect(day('2025-11-30')).toBeUndefined();
		const christmas = day('2025-12-25')!;
		expect(day('2025-11-29')!.width).toBeCloseTo(2 * christmas.width, 5);
		// Thursday 25 December is shaded in the holiday colour, not the weekend's.
		expect(christmas.fill).not.toBe(day('2025-11-29')!.fill);
	});

	test('week columns run Monday to Sunday ("semaine du lundi …")', async () => {
		const mission = new MissionPage(page, baseUrl);
		await mission.open(missionId);
		await mission.setView('Semaines');
		const columns = await page
			.locator('.lower-text')
			.evaluateAll((els) => els.map((el) => [...el.classList].find((c) => c.startsWith('date_'))!.slice(5)));
		expect(columns.length).toBeGreaterThan(10);
		for (const date of columns) expect(new Date(`${date}T12:00:00`).getDay(), date).toBe(1);
		// The week of 9 February 2026 is one column.
		expect(columns).toContain('2026-02-09');
	});

	test('exports the chart in one click: PDF, and PNG drawn on the server', async () => {
		const mission = new MissionPage(page, baseUrl);
		await mission.open(missionId);
		const exports = page.getByTestId('gantt-export');
		const [pdf] = await Promise.all([page.waitForEvent('download'), exports.getByText('PDF A4').click()]);
		const pdfBytes = fs.readFileSync((await pdf.path())!);
		expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const [png] = await Promise.all([
			page.waitForEvent('download'),
			exports.getByRole('link', { name: 'PNG' }).click()
		]);
		const pngBytes = fs.readFileSync((await png.path())!);
		expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG');
		expect(pngBytes.length).toBeGreaterThan(10_000);
	});

	test('dragging a bar saves the new dates, pushes its successor, and survives a reload', async () => {
		const mission = new MissionPage(page, baseUrl);
		await mission.open(missionId);
		await mission.setView('Jours');
		const before = await missionPlan(context.request, baseUrl, missionId);
		const mapping = before.tasks.find((t) => t.name.startsWith('Cartographie des flux'))!;
		const report = before.tasks.find((t) => t.name.startsWith('Rédaction du rapport d’audit'))!;
		expect([mapping.startDate, mapping.endDate]).toEqual(['2025-12-02', '2025-12-09']);

		await mission.dragBar(`task-${mapping.id}`, 2 * (await mission.columnWidth()));
		await mission.waitForSaved();

		const after = await missionPlan(context.request, baseUrl, missionId);
		const moved = after.tasks.find((t) => t.id === mapping.id)!;
		const pushed = after.tasks.find((t) => t.id === report.id)!;
		expect([moved.startDate, moved.endDate]).toEqual(['2025-12-04', '2025-12-11']);
		// Finish-to-start: the report now starts the day after and keeps its three working days
		// (Friday 12, then Monday 15 and Tuesday 16: never ending on a weekend).
		expect([pushed.startDate, pushed.endDate]).toEqual(['2025-12-12', '2025-12-16']);

		// The bar's position inside the chart, not on screen (the scroll position differs after a reload).
		const xBefore = await mission.bar(`task-${mapping.id}`).getAttribute('x');
		await page.reload();
		await page.waitForSelector('[data-testid=gantt][data-ready=true] .bar-wrapper');
		await mission.setView('Jours');
		expect(await mission.bar(`task-${mapping.id}`).getAttribute('x')).toBe(xBefore);
		const stored = await missionPlan(context.request, baseUrl, missionId);
		expect(stored.tasks.find((t) => t.id === mapping.id)!.startDate).toBe('2025-12-04');
	});

	test('dragging a task before its predecessor is refused with a French message and rolled back', async () => {
		const mission = new MissionPage(page, baseUrl);
		await mission.open(missionId);
		await mission.setView('Jours');
		const before = await missionPlan(context.request, baseUrl, missionId);
		const report = before.tasks.find((t) => t.name.startsWith('Rédaction du rapport d’audit'))!;
		// The library itself stops a bar at its predecessor's start; two days back breaks finish-to-start.
		await mission.dragBar(`task-${report.id}`, -2 * (await mission.columnWidth()));
		await page.waitForSelector('[data-testid=save-status][data-state=error]');
		await expect(mission.saveStatus().textContent()).resolves.toContain('ne peut pas commencer avant le');
		const after = await missionPlan(context.request, baseUrl, missionId);
		expect(after.tasks).toEqual(before.tasks);
	});

	test('moving the kick-off moves deliverable 1’s contractual deadline, fixed milestones stay', async () => {
		const mission = new MissionPage(page, baseUrl);
		await mission.open(missionId);
		await page.fill('[data-testid=kickoff-form] input[name=kickoffDate]', '2025-12-01');
		await page.click('[data-testid=kickoff-form] button[type=submit]');
		await mission.waitForSaved();
		await expect(mission.contractualDeadline(1).textContent()).resolves.toBe('22/12/2025');
		await page.reload();
		await expect(mission.contractualDeadline(1).textContent()).resolves.toBe('22/12/2025');
		const milestones = (await page.getByTestId('milestones').textContent()) ?? '';
		expect(milestones).toContain('24/10/2025');
		expect(milestones).toContain('semaine du 1 décembre 2025');
	});
});

describe('forms', () => {
	test('an invalid task shows the French error and saves nothing', async () => {
		const formPage = await context.newPage();
		const mission = new MissionPage(formPage, baseUrl);
		await mission.open(missionId);
		const before = await missionPlan(context.request, baseUrl, missionId);
		await openPanel(formPage, 'Ajouter une tâche');
		const form = formPage.getByTestId('task-form');
		await form.locator('input[name=name]').fill('Atelier de restitution');
		await form.locator('input[name=startDate]').fill('2025-12-10');
		await form.locator('input[name=endDate]').fill('2025-12-05');
		await form.getByRole('button', { name: 'Ajouter' }).click();
		await expect(form.locator('.field-error').first().textContent()).resolves.toBe(
			'La date de fin doit être postérieure ou égale à la date de début.'
		);
		expect((await missionPlan(context.request, baseUrl, missionId)).tasks).toEqual(before.tasks);
		await formPage.close();
	});

	test('a second mission is created from scratch, with tasks (a phase chosen, two tasks linked, by searching), a deliverable and a milestone', async () => {
		const home = await context.newPage();
		await home.goto(baseUrl);
		const form = home.getByTestId('mission-form');
		await form.getByRole('button', { name: 'Créer la mission' }).click();
		await expect(form.locator('.field-error').first().textContent()).resolves.toBe('Le titre est obligatoire.');

		await form.locator('input[name=title]').fill('Parcours de formation IA des collectivités');
		await form.locator('input[name=clientOrganisation]').fill('Région Exemple');
		await form.locator('input[name=kickoffDate]').fill('2026-01-05');
		await form.locator('input[name=budgetCap]').fill('abc');
		await form.getByRole('button', { name: 'Créer la mission' }).click();
		await expect(form.locator('.field-error').first().textContent()).resolves.toContain(
			'Plafond budgétaire : montant invalide'
		);
		await form.locator('input[name=budgetCap]').fill('12 000');
		await form.getByRole('button', { name: 'Créer la mission' }).click();
		await home.waitForURL(/\/missions\/[^/]+$/);
		await expect(home.getByTestId('mission-title').textContent()).resolves.toBe(
			'Parcours de formation IA des collectivités'
		);
		expect(normalizeSpaces((await home.getByTestId('budget-cap').textContent()) ?? '')).toBe('12 000,00 € TTC');

		await openPanel(home, 'Ajouter une tâche');
		const taskForm = home.getByTestId('task-form');
		await taskForm.locator('input[name=name]').fill('Module de sensibilisation');
		await taskForm.locator('input[name=startDate]').fill('2026-01-05');
		await taskForm.locator('input[name=endDate]').fill('2026-01-09');
		await taskForm.getByRole('button', { name: 'Ajouter' }).click();
		await home.waitForSelector('.bar-wrapper .bar-label:has-text("Module de sensibilisation")');

		// A phase, then a task put in it through the phase picker (typed without its accent).
		await openPanel(home, 'Ajouter une tâche');
		await taskForm.locator('input[name=name]').fill('Déploiement');
		await taskForm.locator('select[name=kind]').selectOption('PHASE');
		await taskForm.getByRole('button', { name: 'Ajouter' }).click();
		await home.waitForSelector('.bar-wrapper .bar-label:has-text("Déploiement")');
		await taskForm.locator('input[name=name]').fill('Atelier de mise en pratique');
		await taskForm.locator('select[name=kind]').selectOption('TASK');
		await taskForm.getByRole('combobox', { name: 'Phase' }).fill('deplo');
		await taskForm.getByRole('combobox', { name: 'Phase' }).press('Enter');
		await expect(taskForm.getByRole('combobox', { name: 'Phase' }).inputValue()).resolves.toBe('2 Déploiement');
		await taskForm.getByRole('button', { name: 'Ajouter' }).click();
		await home.waitForSelector('.bar-wrapper .bar-label:has-text("Atelier de mise en pratique")');
		const created = await missionPlan(context.request, baseUrl, home.url().split('/').pop()!);
		const phase = created.tasks.find((t) => t.name === 'Déploiement')!;
		expect(created.tasks.find((t) => t.name === 'Atelier de mise en pratique')?.parentId).toBe(phase.id);

		// Linking them: each end is searched for, by outline number or by name, never listed whole.
		await openPanel(home, 'Lier deux tâches');
		const linkForm = home.getByTestId('link-form');
		const before = linkForm.getByRole('combobox', { name: 'Tâche qui précède' });
		const after = linkForm.getByRole('combobox', { name: 'Tâche qui suit' });
		await before.fill('1');
		await expect(linkForm.getByRole('option').allTextContents()).resolves.toEqual(['1 Module de sensibilisation']);
		await before.press('Enter'); // chooses, and does not send the form
		await expect(before.inputValue()).resolves.toBe('1 Module de sensibilisation');
		// The links table draws its rows once scrolled near.
		await home.getByTestId('links').scrollIntoViewIfNeeded();
		await expect.poll(() => home.getByTestId('links').textContent()).toContain('Aucun lien.');
		await after.fill('zzz');
		await expect(linkForm.getByRole('listbox').textContent()).resolves.toContain('Aucune tâche ne correspond.');
		await after.press('Escape');
		await expect(linkForm.getByRole('listbox').count()).resolves.toBe(0);
		await after.fill('PRATIQUE');
		await after.press('ArrowDown');
		await after.press('Enter');
		await expect(after.inputValue()).resolves.toBe('2.1 Atelier de mise en pratique');
		await linkForm.locator('input[name=lagDays]').fill('2');
		await linkForm.getByRole('button', { name: 'Lier (fin → début)' }).click();
		await home.getByTestId('links').scrollIntoViewIfNeeded();
		await home.waitForSelector('[data-testid=links] td:has-text("Atelier de mise en pratique")');
		const linked = await missionPlan(context.request, baseUrl, home.url().split('/').pop()!);
		expect(linked.dependencies).toMatchObject([
			{
				predecessorId: linked.tasks.find((t) => t.name === 'Module de sensibilisation')!.id,
				successorId: linked.tasks.find((t) => t.name === 'Atelier de mise en pratique')!.id,
				lagDays: 2
			}
		]);

		await openPanel(home, 'Ajouter un livrable');
		const deliverableForm = home.getByTestId('deliverable-form');
		await deliverableForm.locator('input[name=title]').fill('Bilan de la formation');
		await deliverableForm.locator('input[name="dueRule-amount"]').fill('10');
		await deliverableForm.locator('select[name="dueRule-unit"]').selectOption('WORKING_DAYS');
		await deliverableForm.getByRole('button', { name: 'Ajouter le livrable' }).click();
		// 10 working days after Monday 5 January 2026: Monday 19 January.
		await expect(
			home.locator('tr[data-deliverable="1"] [data-testid=contractual-deadline]').textContent()
		).resolves.toBe('19/01/2026');

		await openPanel(home, 'Ajouter un jalon');
		const milestoneForm = home.getByTestId('milestone-form');
		await milestoneForm.locator('input[name=name]').fill('Comité de pilotage');
		await milestoneForm.getByRole('button', { name: 'Ajouter le jalon' }).click();
		await expect(milestoneForm.locator('.field-error').first().textContent()).resolves.toContain('date');
		await milestoneForm.locator('input[name="dateRule-date"]').fill('2026-01-26');
		await milestoneForm.locator('input[name=isWeek]').check();
		await milestoneForm.getByRole('button', { name: 'Ajouter le jalon' }).click();
		await home.waitForSelector('[data-testid=milestones] td:has-text("semaine du 26 janvier 2026")');
		await home.close();
	});
});

describe('a large plan', () => {
	test('opens with its phases folded; the toolbar and a double-click fold and unfold them', async () => {
		const imported = await context.request.post(`${baseUrl}/api/trpc/documents.importMission`, {
			headers: { origin: baseUrl, 'content-type': 'application/json' },
			data: { document: generatedMission('Grande mission (e2e)', 250, 5) }
		});
		const largeId = ((await imported.json()) as { result: { data: { id: string } } }).result.data.id;
		const plan = await missionPlan(context.request, baseUrl, largeId);
		const phases = plan.tasks.filter((t) => t.kind === 'PHASE');
		// Rows of tasks in the plan (bars are drawn only for the rows in view).
		const taskBars = async () => Number(await page.getByTestId('gantt').getAttribute('data-task-rows'));
		const mission = new MissionPage(page, baseUrl);
		await mission.open(largeId);
		expect(await taskBars()).toBe(phases.length);
		await page.getByTestId('unfold-all').click();
		await expect.poll(taskBars).toBe(plan.tasks.length);
		// Double-clicking a phase folds it alone.
		const first = phases[0]!;
		const children = plan.tasks.filter((t) => t.parentId === first.id).length;
		await mission.doubleClickBar(`task-${first.id}`);
		await expect.poll(taskBars).toBe(plan.tasks.length - children);
		await page.getByTestId('fold-all').click();
		await expect.poll(taskBars).toBe(phases.length);
		// ?phases=open opens it unfolded.
		await page.goto(`${baseUrl}/missions/${largeId}?phases=open`);
		await page.waitForSelector('[data-testid=gantt][data-ready=true] .bar-wrapper');
		expect(await taskBars()).toBe(plan.tasks.length);
	});

	describe('1 200 tasks: only the rows in view are drawn', () => {
		let bigId: string;
		let big: MissionPlan;
		// A task far down the plan, without links (a drag pushes nothing).
		let far: MissionPlan['tasks'][number];
		const ROW_LIMIT = 150;
		const counts = () =>
			page.evaluate(() => ({
				bars: document.querySelectorAll('[data-testid=gantt] .bar-wrapper').length,
				rows: document.querySelectorAll('[data-testid=task-table] [data-row]').length,
				planRows: Number(document.querySelector<HTMLElement>('[data-testid=gantt]')!.dataset.rows)
			}));
		/** Scrolls the page until the row of `taskId` is in the middle of the window. */
		const scrollToRow = (taskId: string) =>
			page.evaluate(
				(index) => {
					const layout = document.querySelector('[data-testid=plan-layout]')!.getBoundingClientRect();
					window.scrollBy(0, layout.top + 78 + index * 38 - innerHeight / 2);
				},
				big.tasks.findIndex((t) => t.id === taskId)
			);

		beforeAll(async () => {
			const imported = await context.request.post(`${baseUrl}/api/trpc/documents.importMission`, {
				headers: { origin: baseUrl, 'content-type': 'application/json' },
				data: { document: generatedMission('Très grande mission (e2e)', 1200, 21, true) }
			});
			bigId = ((await imported.json()) as { result: { data: { id: string } } }).result.data.id;
			big = await missionPlan(context.request, baseUrl, bigId);
			const linked = new Set(big.dependencies.flatMap((d) => [d.predecessorId, d.successorId]));
			far = big.tasks.slice(1000).find((t) => !linked.has(t.id))!;
		});

		test('a bounded number of rows and bars are in the DOM, in the table and the chart', async () => {
			const mission = new MissionPage(page, baseUrl);
			await mission.open(bigId);
			const at = await counts();
			expect(at.planRows).toBeGreaterThanOrEqual(1200);
			expect(at.bars).toBeGreaterThan(10);
			expect(at.bars).toBeLessThanOrEqual(ROW_LIMIT);
			expect(at.rows).toBeLessThanOrEqual(ROW_LIMIT);
			// The far task is not drawn yet.
			await expect(page.locator(`.bar-wrapper[data-id="task-${far.id}"]`).count()).resolves.toBe(0);
		});

		test('the first frame draws the rows in view; the margins below follow once the browser is idle', async () => {
			const fresh = await context.newPage();
			// What the table and the chart hold at the first frame where the chart is ready.
			await fresh.addInitScript(() => {
				const note = () => {
					const chart = document.querySelector('[data-testid=gantt][data-ready=true]');
					if (!chart) return void requestAnimationFrame(note);
					const rows = document.querySelectorAll('[data-testid=task-table] [data-row]').length;
					(window as unknown as { firstFrame: object }).firstFrame = {
						rows,
						bars: chart.querySelectorAll('.bar-wrapper').length
					};
				};
				requestAnimationFrame(note);
			});
			await fresh.goto(`${baseUrl}/missions/${bigId}`);
			const first = await fresh.waitForFunction(() => (window as unknown as { firstFrame?: object }).firstFrame);
			const atFirst = (await first.jsonValue()) as { rows: number; bars: number };
			// 1 000 px high, the rows start under the mission's header: about 14 rows are in view.
			expect(atFirst.bars).toBeGreaterThanOrEqual(14);
			expect(atFirst.rows).toBeGreaterThanOrEqual(14);
			expect(atFirst.rows).toBeLessThanOrEqual(30);
			// Then a screen of rows below, drawn without any scroll.
			await fresh.waitForFunction(
				(n) => document.querySelectorAll('[data-testid=task-table] [data-row]').length >= n + 20,
				atFirst.rows
			);
			await fresh.close();
		});

		test('scrolling down shows a far task’s row in the table and its bar in the chart, side by side', async () => {
			const mission = new MissionPage(page, baseUrl);
			await mission.open(bigId);
			await scrollToRow(far.id);
			const row = page.locator(`[data-testid=task-table] [data-row="task-${far.id}"]`);
			await row.waitFor();
			await page.locator(`.bar-wrapper[data-id="task-${far.id}"]`).waitFor();
			await expect(row.locator('[data-column=name]').textContent()).resolves.toContain(far.name);
			const tops = await page.evaluate(
				(id) => ({
					row: document.querySelector(`[data-testid=task-table] [data-row="${id}"]`)!.getBoundingClientRect().top,
					bar: document.querySelector(`.bar-wrapper[data-id="${id}"] .bar`)!.getBoundingClientRect().top
				}),
				`task-${far.id}`
			);
			// The bar sits in its row (half the padding below the row's top).
			expect(Math.abs(tops.bar - tops.row - 7)).toBeLessThanOrEqual(2);
			const at = await counts();
			expect(at.bars).toBeLessThanOrEqual(ROW_LIMIT);
			expect(at.rows).toBeLessThanOrEqual(ROW_LIMIT);
			// The first rows left the DOM.
			await expect(page.locator(`.bar-wrapper[data-id="task-${big.tasks[0]!.id}"]`).count()).resolves.toBe(0);
		});

		test('scrolled by one to three screens, every row in view has its bar in the very next frame', async () => {
			const mission = new MissionPage(page, baseUrl);
			await mission.open(bigId);
			await page.waitForTimeout(300);
			const missing = await page.evaluate(async () => {
				const host = document.querySelector('[data-testid=gantt]')!;
				const out: number[] = [];
				// From the top (the same address reopened keeps the scroll), within the plan's rows.
				window.scrollTo(0, 0);
				await new Promise((resolve) => setTimeout(resolve, 300));
				// A screen stays within the rows drawn beyond the view; more jumps past them.
				for (const screens of [1, 1.5, 1, 2, 1, 3, 1, 1.5]) {
					document.scrollingElement!.scrollTop += screens * innerHeight;
					await new Promise((resolve) => requestAnimationFrame(resolve));
					// The table's rows fully on screen (below the sticky header) without a bar beside them.
					const rows = [...document.querySelectorAll('[data-testid=task-table] [data-row]')]
						.map((el) => el.getBoundingClientRect())
						.filter((box) => box.top >= 120 && box.bottom <= innerHeight);
					const centres = [...host.querySelectorAll('.bar-wrapper .bar')].map((el) => {
						const box = el.getBoundingClientRect();
						return (box.top + box.bottom) / 2;
					});
					out.push(rows.filter((row) => !centres.some((y) => y > row.top && y < row.bottom)).length);
					await new Promise((resolve) => setTimeout(resolve, 100));
				}
				window.scrollTo(0, 0);
				return out;
			});
			expect(missing).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
		});

		test('the time scale draws only the columns around the view, and the far end once scrolled there', async () => {
			const mission = new MissionPage(page, baseUrl);
			await mission.open(bigId);
			await mission.setView('Jours');
			const scale = () =>
				page.evaluate(() => {
					const gantt = document.querySelector('[data-testid=gantt]')!;
					const lefts = [...gantt.querySelectorAll<HTMLElement>('.lower-text')].map((el) => parseFloat(el.style.left));
					return {
						width: Number(gantt.querySelector('.grid-row')!.getAttribute('width')),
						labels: lefts.length,
						lastLeft: Math.max(...lefts),
						ticks: gantt.querySelectorAll('.tick').length,
						shading: gantt.querySelectorAll('.holiday-highlight').length,
						months: [...gantt.querySelectorAll('.upper-text')].map((el) => el.textContent)
					};
				});
			const column = await mission.columnWidth();
			const before = await scale();
			const columns = Math.round(before.width / column);
			// A plan of several years: thousands of day columns, a few screens of them drawn.
			expect(columns).toBeGreaterThan(1500);
			expect(before.labels).toBeGreaterThan(20);
			expect(before.labels).toBeLessThan(200);
			expect(before.ticks).toBeLessThan(200);
			expect(before.shading).toBeLessThan(100);
			expect(before.lastLeft).toBeLessThan((columns - 100) * column);
			await page.evaluate(() => {
				const scroller = document.querySelector('[data-testid=gantt] .gantt-container')!;
				scroller.scrollLeft = scroller.scrollWidth;
			});
			await page.waitForFunction(
				(last) =>
					[...document.querySelectorAll<HTMLElement>('[data-testid=gantt] .lower-text')].some(
						(el) => parseFloat(el.style.left) === last
					),
				(columns - 1) * column
			);
			const after = await scale();
			expect(after.labels).toBeLessThan(200);
			expect(after.ticks).toBeLessThan(200);
			expect(after.months.join(' ')).toMatch(
				/janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre/i
			);
		});

		test('a bar dragged after scrolling is saved, and only the rows that changed are redrawn', async () => {
			const mission = new MissionPage(page, baseUrl);
			await mission.open(bigId);
			await scrollToRow(far.id);
			await page.locator(`.bar-wrapper[data-id="task-${far.id}"]`).waitFor();
			const neighbour = big.tasks[big.tasks.findIndex((t) => t.id === far.id) + 1]!;
			// Marks the drawn elements: a redrawn bar is a new element without the mark.
			await page.evaluate(
				(ids) => {
					for (const id of ids)
						(document.querySelector(`.bar-wrapper[data-id="${id}"]`) as unknown as { mark: boolean }).mark = true;
				},
				[`task-${far.id}`, `task-${neighbour.id}`]
			);
			const column = await mission.columnWidth();
			await mission.dragBar(`task-${far.id}`, column);
			await mission.waitForSaved();
			const moved = (await missionPlan(context.request, baseUrl, bigId)).tasks.find((t) => t.id === far.id)!;
			expect(moved.startDate > far.startDate).toBe(true);
			const marks = await page.evaluate(
				(ids) =>
					ids.map(
						(id) =>
							(document.querySelector(`.bar-wrapper[data-id="${id}"]`) as unknown as { mark?: boolean } | null)?.mark ??
							false
					),
				[`task-${far.id}`, `task-${neighbour.id}`]
			);
			await expect(page.locator(`.bar-wrapper[data-id="task-${far.id}"]`).count()).resolves.toBe(1);
			expect(marks).toEqual([false, true]);
		});
	});
});
