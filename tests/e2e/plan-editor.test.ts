// The plan editor in a real browser, on a fresh copy of the CUF mission per test: the task table
// (rename, indent / outdent), delete with undo / redo, a French date typed into a deliverable,
// a link drawn on the chart, a bar moved with the keyboard.
import { afterAll, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page, Request, Route } from 'playwright-core';
import { addCalendarDays, formatDateFr } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { generatedMission } from '../../bench/data';
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

beforeEach(async () => {
	missionId = await copyOfCuf();
	before = await missionPlan(context.request, baseUrl, missionId);
	editor = new PlanEditorPage(page, baseUrl);
	await editor.open(missionId);
});

const stored = () => missionPlan(context.request, baseUrl, missionId);
const taskNamed = (plan: MissionPlan, prefix: string) => plan.tasks.find((t) => t.name.startsWith(prefix))!;

describe('the task table', () => {
	test('lists the chart’s rows at the chart’s heights, with outline numbers and working-day durations', async () => {
		const tops = await page.evaluate(() => ({
			table: [...document.querySelectorAll('[data-testid=task-table] [data-row]')]
				.slice(0, 5)
				.map((r) => [r.getAttribute('data-row'), Math.round(r.getBoundingClientRect().top)]),
			chart: [...document.querySelectorAll('.bar-wrapper')]
				.slice(0, 5)
				.map((b) => b.getAttribute('data-id'))
				.map((id, i) => [id, Math.round(document.querySelectorAll('.grid-row')[i]!.getBoundingClientRect().top)])
		}));
		expect(tops.table).toEqual(tops.chart);
		const restitution = taskNamed(before, 'Restitution finale');
		await expect(editor.text(`task-${restitution.id}`, 'number')).resolves.toBe('4.5');
		// 19 and 20 March 2026: a Thursday and a Friday.
		await expect(editor.cell(`task-${restitution.id}`, 'duration').textContent()).resolves.toContain('2 j');
		await expect(page.getByRole('treegrid').count()).resolves.toBe(1);
	});

	test('renames a task in place; the name survives a reload', async () => {
		const task = taskNamed(before, 'Restitution finale');
		await editor.saved(() => editor.editCell(`task-${task.id}`, 'name', 'Restitution finale au conseil'));
		await page.reload();
		await page.waitForSelector('[data-testid=gantt][data-ready=true] .bar-wrapper');
		await expect(editor.cell(`task-${task.id}`, 'name').textContent()).resolves.toContain(
			'Restitution finale au conseil'
		);
		expect((await stored()).tasks.find((t) => t.id === task.id)!.name).toBe('Restitution finale au conseil');
	});

	test('a refused value keeps the old one and says why beside the cell', async () => {
		const task = taskNamed(before, 'Restitution finale');
		await editor.editCell(`task-${task.id}`, 'progress', '140');
		await expect(editor.cell(`task-${task.id}`, 'progress').getByTestId('cell-error').textContent()).resolves.toBe(
			'L’avancement : entre 0 et 100.'
		);
		await expect(editor.cell(`task-${task.id}`, 'progress').textContent()).resolves.toContain('0 %');
		expect(await stored()).toEqual(before);
	});

	test('deletes a task, undoes the delete, and redoes it', async () => {
		const task = taskNamed(before, 'Trame de formation');
		await editor.select(`task-${task.id}`);
		await editor.saved(() => editor.button('delete-row').click());
		expect((await stored()).tasks.some((t) => t.id === task.id)).toBe(false);
		await expect(editor.row(`task-${task.id}`).count()).resolves.toBe(0);

		await editor.saved(() => editor.button('undo').click());
		const restored = await stored();
		expect(restored.tasks.map((t) => [t.id, t.name, t.startDate, t.endDate, t.parentId])).toEqual(
			before.tasks.map((t) => [t.id, t.name, t.startDate, t.endDate, t.parentId])
		);
		await expect(editor.row(`task-${task.id}`).count()).resolves.toBe(1);

		// Redo from the keyboard (Ctrl+Shift+Z), focus outside any field.
		await editor.cell(`task-${taskNamed(before, 'Restitution').id}`, 'number').click();
		await editor.saved(() => page.keyboard.press('Control+Shift+Z'));
		expect((await stored()).tasks.some((t) => t.id === task.id)).toBe(false);
	});

	test('indents and outdents a task out of and back into its phase', async () => {
		const task = taskNamed(before, 'Restitution finale');
		const phase = task.parentId;
		await editor.select(`task-${task.id}`);
		await editor.saved(() => editor.button('outdent').click());
		expect((await stored()).tasks.find((t) => t.id === task.id)!.parentId).toBeNull();
		await expect(editor.text(`task-${task.id}`, 'number')).resolves.toBe('5');
		await editor.select(`task-${task.id}`);
		await editor.saved(() => editor.button('indent').click());
		expect((await stored()).tasks.find((t) => t.id === task.id)!.parentId).toBe(phase);
		await expect(editor.text(`task-${task.id}`, 'number')).resolves.toBe('4.5');
	});
});

describe('dates typed the French way', () => {
	test('27/03/2026 typed into a deliverable’s planned date saves once, as 2026-03-27', async () => {
		const saves: Request[] = [];
		const listener = (request: Request) => {
			if (request.url().includes('deliverables.update')) saves.push(request);
		};
		page.on('request', listener);
		// Deliverable 2 (planned in February, whatever the other tests did to the kick-off).
		expect(before.deliverables.find((d) => d.number === 2)!.plannedDate).not.toBe('2026-03-27');
		const field = page.getByTestId('planned-date-2');
		await field.scrollIntoViewIfNeeded();
		await field.click({ clickCount: 3 });
		await field.press('Backspace');
		await field.pressSequentially('27/03/2026', { delay: 30 });
		expect(saves).toHaveLength(0);
		await editor.saved(() => field.press('Enter'));
		await field.press('Tab');
		await page.waitForTimeout(300);
		page.off('request', listener);
		expect(saves).toHaveLength(1);
		const deliverable = (await stored()).deliverables.find((d) => d.number === 2)!;
		expect(deliverable.plannedDate).toBe('2026-03-27');
		await expect(field.inputValue()).resolves.toBe('27/03/2026');
	});

	test('a date outside 2000–2099 is refused in French and nothing is saved', async () => {
		const field = page.getByTestId('planned-date-3');
		await field.scrollIntoViewIfNeeded();
		await field.fill('17/01/0002');
		await field.press('Enter');
		await expect(page.locator('tr[data-deliverable="3"] .field-error').textContent()).resolves.toContain(
			'entre le 01/01/2000 et le 31/12/2099'
		);
		expect(await stored()).toEqual(before);
	});
});

describe('the chart', () => {
	test('draws a link from a bar’s end onto another bar', async () => {
		const from = taskNamed(before, 'Entretiens : direction');
		const to = taskNamed(before, 'Entretiens : responsable');
		expect(before.dependencies.some((l) => l.predecessorId === from.id && l.successorId === to.id)).toBe(false);
		await editor.setView('Jours');
		await editor.saved(() => editor.drawLink(`task-${from.id}`, `task-${to.id}`));
		const after = await stored();
		expect(after.dependencies.filter((l) => l.predecessorId === from.id && l.successorId === to.id)).toHaveLength(1);
		await expect(
			page.locator(`.arrow path:not(.jalon-arrow-hit)[data-from="task-${from.id}"][data-to="task-${to.id}"]`).count()
		).resolves.toBe(1);
		// The predecessor column shows it, in the French notation.
		await expect(editor.cell(`task-${to.id}`, 'predecessors').textContent()).resolves.toContain('2.1');
	});

	test('the same narrow bar dragged twice in a row is moved and saved twice', async () => {
		// A one-day task: 20 px wide in the week view, where every handle of the bar is close by.
		const task = taskNamed(before, 'Entretiens : responsable');
		expect(task.startDate).toBe(task.endDate);
		// A quarter done: the progress handle sits 5 px into the bar, just left of where it is grabbed.
		await editor.saved(() => editor.editCell(`task-${task.id}`, 'progress', '25'));
		const saves: string[] = [];
		const listener = (request: Request) => {
			const name = /api\/trpc\/([\w.]+)/.exec(request.url())?.[1];
			if (name && request.method() === 'POST') saves.push(name);
		};
		page.on('request', listener);
		try {
			const column = await editor.columnWidth();
			await editor.saved(() => editor.dragBar(`task-${task.id}`, column));
			const first = (await stored()).tasks.find((t) => t.id === task.id)!;
			expect(first.startDate > task.startDate).toBe(true);
			// The bar keeps the focus after its drag (its ring drawn): grabbed again, it moves again.
			await expect(page.evaluate(() => document.activeElement?.getAttribute('data-id'))).resolves.toBe(
				`task-${task.id}`
			);
			await editor.saved(() => editor.dragBar(`task-${task.id}`, -column));
			const second = (await stored()).tasks.find((t) => t.id === task.id)!;
			expect(second.startDate < first.startDate).toBe(true);
			expect(second.progress).toBe(25);
			expect(saves).toEqual(['tasks.move', 'tasks.move']);
		} finally {
			page.off('request', listener);
		}
	});

	/** Scripts requested from now on arrive `ms` late (the code loaded on the first interaction). */
	async function slowScripts(ms: number): Promise<{ late: string[]; restore: () => Promise<void> }> {
		const late: string[] = [];
		const slow = async (route: Route) => {
			late.push(route.request().url());
			await new Promise((resolve) => setTimeout(resolve, ms));
			await route.continue();
		};
		await page.route('**/_app/immutable/**/*.js', slow);
		return { late, restore: () => page.unroute('**/_app/immutable/**/*.js', slow) };
	}

	test('the first drag of a freshly loaded page is saved and redrawn while the editing code is still loading', async () => {
		// The editing code (edits, the API client, the chart's redraw) is loaded on the first press:
		// slowed down here, it arrives after the mouse is released, and the drag must not be lost.
		const { late, restore } = await slowScripts(600);
		try {
			const task = taskNamed(before, 'Trame de formation');
			const column = await editor.columnWidth();
			await editor.saved(() => editor.dragBar(`task-${task.id}`, 2 * column));
			expect(late.length).toBeGreaterThan(0);
			const moved = (await stored()).tasks.find((t) => t.id === task.id)!;
			expect(moved.startDate > task.startDate).toBe(true);
			// Redrawn at the saved dates (the bar's spoken name gives them).
			await expect
				.poll(() => page.locator(`.bar-wrapper[data-id="task-${task.id}"]`).getAttribute('aria-label'))
				.toContain(formatDateFr(moved.startDate));
			// Undone with the keyboard, through the same lazily loaded code.
			await editor.saved(() => page.keyboard.press('Control+z'));
			const undone = (await stored()).tasks.find((t) => t.id === task.id)!;
			expect([undone.startDate, undone.endDate]).toEqual([task.startDate, task.endDate]);
		} finally {
			await restore();
		}
	});

	test('a name typed right after the first double-click, while the cell editor loads, is saved whole', async () => {
		const task = taskNamed(before, 'Trame de formation');
		const { late, restore } = await slowScripts(600);
		try {
			await editor.cell(`task-${task.id}`, 'name').dblclick();
			await page.keyboard.type('Trame revue');
			expect(late.length).toBeGreaterThan(0);
			const input = editor.cell(`task-${task.id}`, 'name').locator('input');
			await expect.poll(() => input.inputValue()).toBe('Trame revue');
			await editor.saved(() => input.press('Enter'));
			expect((await stored()).tasks.find((t) => t.id === task.id)!.name).toBe('Trame revue');
		} finally {
			await restore();
		}
	});

	test('a link drawn while the code that draws it is still loading is drawn and saved once it arrives', async () => {
		const from = taskNamed(before, 'Entretiens : direction');
		const to = taskNamed(before, 'Entretiens : responsable');
		// Loaded on the first press (here, of the view button): the link is drawn long before it arrives.
		const { late, restore } = await slowScripts(1500);
		try {
			await editor.setView('Jours');
			await editor.saved(() => editor.drawLink(`task-${from.id}`, `task-${to.id}`));
			expect(late.length).toBeGreaterThan(0);
			const after = await stored();
			expect(after.dependencies.filter((l) => l.predecessorId === from.id && l.successorId === to.id)).toHaveLength(1);
			// The draft line went with the gesture.
			await expect(page.locator('.jalon-link-draft').count()).resolves.toBe(0);
		} finally {
			await restore();
		}
	});

	test('moves a focused bar by a day with the arrow keys, and resizes it with Shift', async () => {
		const task = taskNamed(before, 'Trame de formation');
		const day = (date: string, n: number) => addCalendarDays(date, n);
		const bar = page.locator(`.bar-wrapper[data-id="task-${task.id}"]`);
		await bar.focus();
		await editor.saved(() => page.keyboard.press('ArrowRight'));
		let moved = (await stored()).tasks.find((t) => t.id === task.id)!;
		expect([moved.startDate, moved.endDate]).toEqual([day(task.startDate, 1), day(task.endDate, 1)]);
		// The chart was redrawn; the same bar keeps the focus.
		await expect(page.evaluate(() => document.activeElement?.getAttribute('data-id'))).resolves.toBe(`task-${task.id}`);
		await editor.saved(() => page.keyboard.press('Shift+ArrowRight'));
		moved = (await stored()).tasks.find((t) => t.id === task.id)!;
		expect([moved.startDate, moved.endDate]).toEqual([day(task.startDate, 1), day(task.endDate, 2)]);
	});

	test('selects an arrow with a click, removes it with Delete, and puts it back with Ctrl+Z', async () => {
		const link = before.dependencies[0]!;
		const path = page.locator(`.arrow .jalon-arrow-hit[data-link="${link.id}"]`);
		await path.scrollIntoViewIfNeeded();
		// A point on the arrow itself, whatever its shape.
		const point = await path.evaluate((el) => {
			const p = el as SVGPathElement;
			const at = p.getPointAtLength(p.getTotalLength() * 0.3);
			const m = p.getScreenCTM()!;
			return { x: at.x * m.a + m.e, y: at.y * m.d + m.f };
		});
		await page.mouse.click(point.x, point.y);
		await expect(page.locator('.arrow path.jalon-arrow-selected').count()).resolves.toBe(1);
		await editor.saved(() => page.keyboard.press('Delete'));
		expect(
			(await stored()).dependencies.some(
				(l) => l.predecessorId === link.predecessorId && l.successorId === link.successorId
			)
		).toBe(false);
		await editor.saved(() => page.keyboard.press('Control+z'));
		const back = (await stored()).dependencies.filter(
			(l) => l.predecessorId === link.predecessorId && l.successorId === link.successorId
		);
		expect(back.map((l) => l.lagDays)).toEqual([link.lagDays]);
	});

	test('a finger drags a bar (touch events become the drag the library knows)', async () => {
		const touchContext = await browser.newContext({
			viewport: { width: 1500, height: 1000 },
			locale: 'fr-FR',
			timezoneId: 'Europe/Paris',
			hasTouch: true,
			// The same session (no second log-in: log-ins per address are rate-limited).
			storageState: await context.storageState()
		});
		try {
			const touchPage = await touchContext.newPage();
			const touchEditor = new PlanEditorPage(touchPage, baseUrl);
			await touchEditor.open(missionId);
			const task = taskNamed(before, 'Trame de formation');
			const bar = touchEditor.bar(`task-${task.id}`);
			await bar.scrollIntoViewIfNeeded();
			const box = (await bar.boundingBox())!;
			const cdp = await touchContext.newCDPSession(touchPage);
			const x = box.x + box.width * 0.3;
			const y = box.y + box.height / 2;
			const columns = 2 * (await touchEditor.columnWidth());
			await touchEditor.saved(async () => {
				await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
				for (let i = 1; i <= 10; i += 1) {
					await cdp.send('Input.dispatchTouchEvent', {
						type: 'touchMove',
						touchPoints: [{ x: x + (columns * i) / 10, y }]
					});
				}
				await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
			});
			const moved = (await stored()).tasks.find((t) => t.id === task.id)!;
			expect(moved.startDate > task.startDate).toBe(true);
			expect(moved.progress).toBe(task.progress);
		} finally {
			await touchContext.close();
		}
	});
});

describe('a large plan', () => {
	test('draws its links table when it is scrolled near, not with the plan', async () => {
		const imported = await context.request.post(`${baseUrl}/api/trpc/documents.importMission`, {
			headers: { origin: baseUrl, 'content-type': 'application/json' },
			// A plan of 60 tasks: even a small plan's links wait to be scrolled near.
			data: { document: generatedMission('Mission (liens)', 60, 9, true) }
		});
		const largeId = ((await imported.json()) as { result: { data: { id: string } } }).result.data.id;
		const plan = await missionPlan(context.request, baseUrl, largeId);
		expect(plan.dependencies.length).toBeGreaterThan(0);
		await page.goto(`${baseUrl}/missions/${largeId}?phases=open`);
		await page.waitForSelector('[data-testid=gantt][data-ready=true] .bar-wrapper');
		const links = page.getByTestId('links');
		const linkRows = () => links.locator('tbody tr').count();
		expect(await linkRows()).toBe(1);
		expect(await links.locator('tbody').textContent()).toContain(`${plan.dependencies.length} liens.`);
		await links.scrollIntoViewIfNeeded();
		await expect
			.poll(linkRows)
			.toBe(Math.min(plan.dependencies.length, 100) + (plan.dependencies.length > 100 ? 1 : 0));
		const first = plan.tasks.find((t) => t.id === plan.dependencies[0]!.predecessorId)!;
		expect(await links.locator('tbody').textContent()).toContain(first.name);
	});
});

describe('milestones and deliverables edited in place', () => {
	test('the edit form opens on « Modifier » (loaded on demand) and saves a new name and title', async () => {
		const milestone = before.milestones[0]!;
		const milestoneRow = page.locator(`[data-testid=milestones] tr[data-milestone="${milestone.id}"]`);
		await milestoneRow.getByRole('button', { name: 'Modifier' }).click();
		const milestoneForm = page.getByTestId('milestone-edit');
		await milestoneForm.locator('input[name=title]').fill('Comité de pilotage renommé');
		await milestoneForm.getByRole('button', { name: 'Enregistrer' }).click();
		await expect.poll(() => milestoneForm.count()).toBe(0);
		await expect.poll(async () => (await milestoneRow.textContent()) ?? '').toContain('Comité de pilotage renommé');

		const deliverable = before.deliverables[0]!;
		const deliverableRow = page.locator(`[data-testid=deliverables] tr[data-deliverable="${deliverable.number}"]`);
		await deliverableRow.getByRole('button', { name: 'Modifier' }).click();
		const deliverableForm = page.getByTestId('deliverable-edit');
		await deliverableForm.locator('input[name=title]').fill('Rapport intermédiaire revu');
		await deliverableForm.getByRole('button', { name: 'Enregistrer' }).click();
		await expect.poll(() => deliverableForm.count()).toBe(0);

		const after = await stored();
		expect(after.milestones.find((m) => m.id === milestone.id)!.name).toBe('Comité de pilotage renommé');
		expect(after.deliverables.find((d) => d.id === deliverable.id)!.title).toBe('Rapport intermédiaire revu');
	});
});

describe('the mission’s facts', () => {
	test('« Modifier la mission » opens their form (loaded on demand), saves a new reference and closes', async () => {
		await page.getByTestId('edit-mission').click();
		const form = page.getByTestId('mission-edit');
		await expect(form.locator('input[name=title]').inputValue()).resolves.toBe(before.mission.title);
		await form.locator('input[name=reference]').fill('CUF-REF-2026');
		await editor.saved(() => form.getByRole('button', { name: 'Enregistrer' }).click());
		await expect.poll(() => form.count()).toBe(0);
		expect((await stored()).mission.reference).toBe('CUF-REF-2026');
		await expect(page.locator('.facts').textContent()).resolves.toContain('CUF-REF-2026');
	});
});
