// Issue 21, the plan (items 6, 7, 9, 10) in a real browser, on a fresh copy of the CUF mission per
// test: moves that keep working days (drag, keyboard), tying a deliverable to a task, the table
// and the chart at laptop widths, the portfolio's first view.
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { countWorkingDays } from '$lib/domain/calendar';
import { addCalendarDays, today } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { launchChromium } from '../support/browser';
import { copyOfSeededCuf, missionPlan, trpcMutation } from '../support/api-client';
import { DEMO, logIn } from './pages/mission-page';
import { PlanEditorPage } from './pages/plan-editor-page';

const baseUrl = inject('baseUrl');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let missionId: string;
let before: MissionPlan;
let editor: PlanEditorPage;

beforeAll(async () => {
	browser = await launchChromium();
	context = await browser.newContext({
		viewport: { width: 1500, height: 1000 },
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris'
	});
	page = await context.newPage();
	await logIn(page, baseUrl, DEMO.coordinator);
});

afterAll(async () => {
	await browser?.close();
});

/** A copy of the CUF mission as seeded, so each test starts from the same plan. */
const copyOfCuf = () => copyOfSeededCuf(context.request, baseUrl, inject('cufBackup'));

const stored = () => missionPlan(context.request, baseUrl, missionId);
const taskNamed = (plan: MissionPlan, prefix: string) => plan.tasks.find((t) => t.name.startsWith(prefix))!;
const datesOf = async (taskId: string) => {
	const task = (await stored()).tasks.find((t) => t.id === taskId)!;
	return [task.startDate, task.endDate];
};

/** Scrolls the chart so that a bar starts near its left edge (a long drag then stays on screen). */
async function barAtLeft(rowId: string) {
	const bar = editor.bar(rowId);
	await bar.scrollIntoViewIfNeeded();
	await bar.evaluate((element) => {
		const scroller = element.closest('.gantt-container')!;
		scroller.scrollLeft += element.getBoundingClientRect().left - scroller.getBoundingClientRect().left - 100;
	});
	await page.waitForTimeout(100);
	return { bar, box: (await bar.boundingBox())! };
}

describe('a move keeps the working days (item 7)', () => {
	beforeEach(async () => {
		missionId = await copyOfCuf();
		before = await missionPlan(context.request, baseUrl, missionId);
		editor = new PlanEditorPage(page, baseUrl);
		await editor.open(missionId);
	});

	test('five presses of → land on Monday, not Saturday, and keep 8 working days; ← leaves Sunday for Friday', async () => {
		// Monday 2 to Wednesday 11 March 2026: 8 working days.
		const task = taskNamed(before, 'Trame de formation');
		expect(countWorkingDays(task.startDate, task.endDate)).toBe(8);
		const bar = page.locator(`.bar-wrapper[data-id="task-${task.id}"]`);
		await bar.focus();
		// Pressed one after the other without waiting: each press moves from where the last one put it.
		for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowRight');
		await expect.poll(() => datesOf(task.id), { timeout: 15_000 }).toEqual(['2026-03-09', '2026-03-18']);
		await editor.saved(() => page.keyboard.press('ArrowLeft'));
		await expect.poll(() => datesOf(task.id)).toEqual(['2026-03-06', '2026-03-17']);
		expect(countWorkingDays('2026-03-06', '2026-03-17')).toBe(8);
	});

	test('a bar dragged onto a Saturday shows, then saves, its landing on Monday with the same working days', async () => {
		const task = taskNamed(before, 'Trame de formation'); // Monday 2 to Wednesday 11 March: 10 days
		await editor.setView('Jours');
		const { bar, box } = await barAtLeft(`task-${task.id}`);
		const day = box.width / 10;
		const x = box.x + 10;
		const y = box.y + box.height / 2;
		await page.mouse.move(x, y);
		await page.mouse.down();
		// Five days later: Saturday 7 March.
		await page.mouse.move(x + 2.5 * day, y, { steps: 5 });
		await page.mouse.move(x + 5 * day, y, { steps: 5 });
		const landing = page.locator(`.bar-wrapper[data-id="task-${task.id}"] [data-testid=landing]`);
		await expect(landing.getAttribute('data-start')).resolves.toBe('2026-03-09');
		await expect(landing.getAttribute('data-end')).resolves.toBe('2026-03-18');
		// The box is drawn where Monday 9 to Wednesday 18 are: two days right of the dragged bar.
		const [barBox, landingBox] = [(await bar.boundingBox())!, (await landing.boundingBox())!];
		expect(Math.round((landingBox.x - barBox.x) / day)).toBe(2);
		expect(Math.round(landingBox.width / day)).toBe(10);
		await editor.saved(() => page.mouse.up());
		expect(await datesOf(task.id)).toEqual(['2026-03-09', '2026-03-18']);
		await expect(landing.count()).resolves.toBe(0);
	});

	test('a bar dragged six weeks later across Easter Monday keeps its 10 working days', async () => {
		const task = taskNamed(before, 'Bilan des enjeux'); // 16–27 February 2026
		expect(countWorkingDays(task.startDate, task.endDate)).toBe(10);
		// Six weeks of the week view fit in the chart of a wide screen.
		await page.setViewportSize({ width: 1920, height: 1000 });
		try {
			const { box } = await barAtLeft(`task-${task.id}`);
			const week = (box.width / 12) * 7;
			await editor.saved(() => editor.dragBar(`task-${task.id}`, 6 * week));
		} finally {
			await page.setViewportSize({ width: 1500, height: 1000 });
		}
		// Shifted by 42 days it would end on Friday 10 April: 9 working days.
		expect(await datesOf(task.id)).toEqual(['2026-03-30', '2026-04-13']);
	});
});

describe('tying a deliverable to a task (item 6)', () => {
	beforeEach(async () => {
		missionId = await copyOfCuf();
		before = await missionPlan(context.request, baseUrl, missionId);
		editor = new PlanEditorPage(page, baseUrl);
		await editor.open(missionId);
	});

	test('ties deliverable 1 to a task in its form, draws the tie, and the planned date follows the task', async () => {
		const audit = taskNamed(before, 'Rédaction du rapport d’audit'); // ends Friday 12 December 2025
		const deliverable = before.deliverables.find((d) => d.number === 1)!;
		const row = page.locator('tr[data-deliverable="1"]');
		await row.getByRole('button', { name: 'Modifier' }).click();
		const form = page.getByTestId('deliverable-edit');
		const picker = form.getByRole('combobox', { name: 'Rattacher à la fin de la tâche (facultatif)' });
		await picker.fill('rapport d’audit');
		await picker.press('Enter');
		await form.getByTestId('deliverable-edit-anchor-lag').fill('1');
		// Tied, its date comes from the task: no date to type.
		await expect(form.locator('input[name=plannedDate]').count()).resolves.toBe(0);
		await editor.saved(() => form.getByRole('button', { name: 'Enregistrer' }).click());
		let stored1 = (await stored()).deliverables.find((d) => d.id === deliverable.id)!;
		expect([stored1.anchorTaskId, stored1.anchorLagDays, stored1.plannedDate]).toEqual([audit.id, 1, '2025-12-15']);
		await expect(page.getByTestId('tie-1').textContent()).resolves.toContain('Rédaction du rapport d’audit');
		// The chart draws the tie from the task's end to the deliverable's marker.
		await expect.poll(() => page.locator(`.jalon-tie[data-item="deliverable-${deliverable.id}"]`).count()).toBe(1);

		// The task moves a day later (Thursday 11 to Monday 15): the deliverable follows, a working day after.
		await page.locator(`.bar-wrapper[data-id="task-${audit.id}"]`).focus();
		await editor.saved(() => page.keyboard.press('ArrowRight'));
		stored1 = (await stored()).deliverables.find((d) => d.id === deliverable.id)!;
		expect(stored1.plannedDate).toBe('2025-12-16');
		await expect.poll(() => row.textContent()).toContain('16/12/2025');
	});

	test('ties a milestone to a task from the task table ("4.1+2j" in its Prédécesseurs cell), and unties it', async () => {
		const audit = taskNamed(before, 'Rédaction du rapport d’audit');
		const milestone = before.milestones[0]!;
		const number = await editor.text(`task-${audit.id}`, 'number');
		await editor.saved(() => editor.editCell(`milestone-${milestone.id}`, 'predecessors', `${number}+2j`));
		let tied = (await stored()).milestones.find((m) => m.id === milestone.id)!;
		expect([tied.anchorTaskId, tied.anchorLagDays, tied.plannedDate]).toEqual([audit.id, 2, '2025-12-16']);
		await expect(editor.text(`milestone-${milestone.id}`, 'predecessors')).resolves.toBe(`${number}+2j`);
		await editor.saved(() => editor.editCell(`milestone-${milestone.id}`, 'predecessors', ''));
		tied = (await stored()).milestones.find((m) => m.id === milestone.id)!;
		expect(tied.anchorTaskId).toBeNull();
	});
});

describe('the portfolio (item 9)', () => {
	test('opens on today with bars in view, and names each row beside its bar', async () => {
		const now = today();
		// Missions from 2018 to a year from now: the library's default opened years without a bar.
		for (const [title, start, end] of [
			['Mission ancienne (2018)', '2018-03-05', '2019-06-28'],
			['Mission longue en cours', '2024-01-08', addCalendarDays(now, 365)]
		] as const) {
			const { id } = await trpcMutation<{ id: string }>(context.request, baseUrl, 'missions.create', {
				title,
				clientOrganisation: 'Commune de test',
				kickoffDate: start,
				budgetCapCents: 1_000_000,
				capBasis: 'HT',
				vatRateBp: 2000
			});
			await trpcMutation(context.request, baseUrl, 'tasks.create', {
				missionId: id,
				name: 'Travaux',
				startDate: start,
				endDate: end
			});
		}
		await page.goto(`${baseUrl}/portefeuille`);
		await page.waitForSelector('[data-testid=portfolio-gantt][data-ready=true] .bar-wrapper');
		const scroller = page.locator('[data-testid=portfolio-gantt] .gantt-container');
		// The chart scrolls smoothly to its opening (longer on a wide span): wait until it has
		// rested for three reads in a row.
		let last = -1;
		let stillReads = 0;
		await expect
			.poll(
				async () => {
					const left = await scroller.evaluate((el) => el.scrollLeft);
					stillReads = left === last ? stillReads + 1 : 0;
					last = left;
					return stillReads >= 3;
				},
				{ timeout: 10_000, interval: 150 }
			)
			.toBe(true);
		const view = (await scroller.boundingBox())!;
		const inView = (box: { x: number; width: number } | null) =>
			!!box && box.x < view.x + view.width && box.x + box.width > view.x;
		// Today's line is in the first view.
		expect(inView(await page.locator('[data-testid=portfolio-gantt] .current-highlight').boundingBox())).toBe(true);

		// A name for each row, on the row of its bar.
		const names = page.locator('[data-testid=portfolio-names] li');
		const rows = Number(await page.getByTestId('portfolio-gantt').getAttribute('data-rows'));
		await expect(names.count()).resolves.toBe(rows);
		const longRow = names.filter({ hasText: 'Mission longue en cours' });
		await expect(longRow.count()).resolves.toBe(1);
		// Other files' missions may come first: bring its row into view (a vertical scroll only).
		await longRow.scrollIntoViewIfNeeded();
		const rowId = (await longRow.getAttribute('data-row'))!;
		const longBar = page.locator(`[data-testid=portfolio-gantt] .bar-wrapper[data-id="${rowId}"] .bar`);
		await longBar.waitFor();
		// The mission under way today has its bar in the opening view (the library opened years without one).
		expect(await scroller.evaluate((el) => el.scrollLeft)).toBe(last);
		expect(inView(await longBar.boundingBox())).toBe(true);
		const nameBox = (await longRow.boundingBox())!;
		const barBox = (await longBar.boundingBox())!;
		expect(Math.abs(nameBox.y + nameBox.height / 2 - (barBox.y + barBox.height / 2))).toBeLessThanOrEqual(3);
	});
});

describe('the plan on a 1 366 px screen (item 10)', () => {
	beforeAll(async () => {
		missionId = await copyOfCuf();
		editor = new PlanEditorPage(page, baseUrl);
	});

	test('shows every column of the task table without dragging the splitter', async () => {
		for (const width of [1366, 1600]) {
			await page.setViewportSize({ width, height: 900 });
			await editor.open(missionId);
			const columns = await page.evaluate(() => {
				const pane = document.querySelector('.table-pane')!.getBoundingClientRect();
				return [...document.querySelectorAll('[data-testid=task-table] .th')].map((th) => {
					const box = th.getBoundingClientRect();
					return { label: th.textContent!.replaceAll('\u00ad', '').trim(), shown: box.right <= pane.right + 1 };
				});
			});
			expect(
				columns.filter((c) => !c.shown).map((c) => c.label),
				`${width} px`
			).toEqual([]);
			expect(columns.map((c) => c.label)).toContain('Prédécesseurs');
			// The chart keeps most of a screen's width beside it.
			const chart = (await page.locator('.chart-pane').boundingBox())!;
			expect(chart.width, `${width} px`).toBeGreaterThan(width * 0.4);
		}
	});

	test('draws the chart’s date labels with at least 4.5:1 contrast', async () => {
		await page.setViewportSize({ width: 1366, height: 900 });
		await editor.open(missionId);
		const ratios = await page
			.locator('[data-testid=gantt] .lower-text, [data-testid=gantt] .upper-text')
			.evaluateAll((els) => {
				const rgb = (text: string) => (text.match(/[\d.]+/g) ?? []).map(Number);
				const luminance = ([r, g, b]: number[]) =>
					[r!, g!, b!]
						.map((v) => v / 255)
						.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
						.reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
				const background = (el: Element | null): number[] => {
					for (; el; el = el.parentElement) {
						const colour = rgb(getComputedStyle(el).backgroundColor);
						if (colour.length === 3 || (colour.length === 4 && colour[3] !== 0)) return colour;
					}
					return [255, 255, 255];
				};
				return els
					.filter((el) => el.textContent!.trim() !== '' && !el.classList.contains('current-date-highlight'))
					.map((el) => {
						const [a, b] = [luminance(rgb(getComputedStyle(el).color)), luminance(background(el))];
						return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
					});
			});
		expect(ratios.length).toBeGreaterThan(5);
		expect(Math.min(...ratios)).toBeGreaterThanOrEqual(4.5);
	});

	test('lays out « Ajouter un livrable » without a field over another', async () => {
		await page.setViewportSize({ width: 1366, height: 900 });
		await editor.open(missionId);
		await page.locator('summary:has-text("Ajouter un livrable")').click();
		const form = page.getByTestId('deliverable-form');
		await form.waitFor();
		const boxes = await form.locator('.form-grid > *').evaluateAll((els) =>
			els.map((el) => {
				const r = el.getBoundingClientRect();
				// What is drawn, including what runs out of the box (the « après démarrage » text).
				const right = Math.max(r.right, ...[...el.querySelectorAll('*')].map((c) => c.getBoundingClientRect().right));
				return { left: r.left, right, top: r.top, bottom: r.bottom };
			})
		);
		const overlaps = (a: (typeof boxes)[number], b: (typeof boxes)[number]) =>
			a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
		const pairs = boxes.flatMap((a, i) =>
			boxes
				.slice(i + 1)
				.filter((b) => overlaps(a, b))
				.map((b) => [a, b])
		);
		expect(pairs).toEqual([]);
	});
});
