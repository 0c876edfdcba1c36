// Outline levels in a real browser: Alt+Maj+→ in the task table puts a task under the task above
// it, which becomes a summary row (its dates the span of its sub-tasks, drawn as a phase on the
// chart), numbered 2.2.1; the summary folds and unfolds; undo puts everything back.
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { launchChromium } from '../support/browser';
import { copyOfSeededCuf, missionPlan } from '../support/api-client';
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

beforeEach(async () => {
	// A copy of the CUF mission as seeded: the shared one stays as it was, and what files before
	// this one did to it does not change these dates.
	missionId = await copyOfSeededCuf(context.request, baseUrl, inject('cufBackup'));
	before = await missionPlan(context.request, baseUrl, missionId);
	editor = new PlanEditorPage(page, baseUrl);
	await editor.open(missionId);
});

const stored = () => missionPlan(context.request, baseUrl, missionId);
const taskNamed = (plan: MissionPlan, prefix: string) => plan.tasks.find((t) => t.name.startsWith(prefix))!;

describe('sub-tasks in the task table', () => {
	test('Alt+Maj+→ puts a task under the task above; that row becomes a summary whose dates roll up', async () => {
		const responsable = taskNamed(before, 'Entretiens : responsable'); // 2.2, Tue 02/12/2025
		const comptabilite = taskNamed(before, 'Entretiens : comptabilité'); // 2.3, Wed 03/12/2025
		const summaryRow = `task-${responsable.id}`;
		const childRow = `task-${comptabilite.id}`;
		await expect(editor.text(summaryRow, 'start')).resolves.toBe('02/12/2025');

		await editor.select(childRow);
		await editor.saved(() => page.keyboard.press('Alt+Shift+ArrowRight'));

		// The table: numbered under its new parent, the parent's dates those of its sub-task.
		await expect(editor.text(childRow, 'number')).resolves.toBe('2.2.1');
		await expect(editor.text(summaryRow, 'start')).resolves.toBe('03/12/2025');
		await expect(editor.text(summaryRow, 'end')).resolves.toBe('03/12/2025');
		await expect(editor.row(summaryRow).getAttribute('class')).resolves.toContain('phase');
		await expect(editor.row(childRow).getAttribute('aria-level')).resolves.toBe('3');
		// The chart draws it as a summary (the phases' style), folded by its ▾.
		await expect(page.locator(`.bar-wrapper[data-id="${summaryRow}"]`).getAttribute('class')).resolves.toContain(
			'jalon-phase'
		);
		const stored1 = await stored();
		expect(taskNamed(stored1, 'Entretiens : comptabilité').parentId).toBe(responsable.id);
		expect(taskNamed(stored1, 'Entretiens : responsable')).toMatchObject({
			kind: 'PHASE',
			startDate: '2025-12-03',
			endDate: '2025-12-03'
		});
		await page.screenshot({ path: '/tmp/outline-e2e-indented.png' });

		// Fold the new summary: its sub-task leaves the table and the chart; unfold brings it back.
		await editor.cell(summaryRow, 'name').getByRole('button', { name: 'Replier la phase' }).click();
		await expect(editor.row(childRow).count()).resolves.toBe(0);
		await expect(page.locator(`.bar-wrapper[data-id="${childRow}"]`).count()).resolves.toBe(0);
		await editor.cell(summaryRow, 'name').getByRole('button', { name: 'Déplier la phase' }).click();
		await expect(editor.row(childRow).count()).resolves.toBe(1);

		// Undo: the sub-task goes back to its level and the summary is a task of its own dates again.
		await editor.saved(() => editor.button('undo').click());
		const undone = await stored();
		expect(undone.tasks.map((t) => [t.id, t.parentId, t.kind, t.startDate, t.endDate])).toEqual(
			before.tasks.map((t) => [t.id, t.parentId, t.kind, t.startDate, t.endDate])
		);
		await expect(editor.text(childRow, 'number')).resolves.toBe('2.3');
	});

	test('indenting under a task that has links is refused with the French reason, and nothing changes', async () => {
		// « Rédaction du rapport d’audit » sits under « Revue de la gouvernance », which follows a task.
		const report = taskNamed(before, 'Rédaction du rapport d’audit');
		await editor.select(`task-${report.id}`);
		await page.keyboard.press('Alt+Shift+ArrowRight');
		await page.waitForSelector('[data-testid=save-status][data-state=error]');
		await expect(page.getByTestId('save-status').textContent()).resolves.toContain('a des liens');
		await page.screenshot({ path: '/tmp/outline-e2e-refused.png' });
		expect(await stored()).toEqual(before);
	});
});
