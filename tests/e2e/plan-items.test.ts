// Issue 21, the plan (items 6, 7, 9, 10) in a real browser, on a fresh copy of the CUF mission per
// test: moves that keep working days (drag, keyboard), tying a deliverable to a task, the table
// and the chart at laptop widths, the portfolio's first view.
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { countWorkingDays } from '$lib/domain/calendar';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { launchChromium } from '../support/browser';
import { cufMissionId, missionPlan } from '../support/api-client';
import { DEMO, logIn } from './pages/mission-page';
import { PlanEditorPage } from './pages/plan-editor-page';

const baseUrl = inject('baseUrl');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let cufId: string;
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
	cufId = await cufMissionId(context.request, baseUrl);
});

afterAll(async () => {
	await browser?.close();
});

/** A copy of the CUF mission (its JSON backup imported), so each test starts from the same plan. */
async function copyOfCuf(): Promise<string> {
	const backup = await (await context.request.get(`${baseUrl}/missions/${cufId}/export.json`)).json();
	const imported = await context.request.post(`${baseUrl}/api/trpc/documents.importMission`, {
		headers: { origin: baseUrl, 'content-type': 'application/json' },
		data: { document: backup }
	});
	return ((await imported.json()) as { result: { data: { id: string } } }).result.data.id;
}

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
		await expect
			.poll(() => page.locator(`.jalon-tie[data-item="deliverable-${deliverable.id}"]`).count())
			.toBe(1);

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
