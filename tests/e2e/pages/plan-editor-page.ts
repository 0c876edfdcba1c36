// Page object: the plan editor (task table, chart, undo / redo, row commands) on a mission page.
import type { Locator, Page } from 'playwright-core';
import { MissionPage } from './mission-page';

export class PlanEditorPage extends MissionPage {
	constructor(page: Page, baseUrl: string) {
		super(page, baseUrl);
	}

	row(rowId: string): Locator {
		return this.page.locator(`[data-testid=task-table] [data-row="${rowId}"]`);
	}

	cell(rowId: string, column: string): Locator {
		return this.row(rowId).locator(`[data-column="${column}"]`);
	}

	async text(rowId: string, column: string): Promise<string> {
		return ((await this.cell(rowId, column).textContent()) ?? '').trim();
	}

	/** Opens a cell with a double-click, types a value and saves it with Enter. */
	async editCell(rowId: string, column: string, value: string): Promise<void> {
		await this.cell(rowId, column).dblclick();
		const input = this.cell(rowId, column).locator('input').first();
		await input.fill(value);
		await input.press('Enter');
	}

	/** Focuses a row (its name cell), as a click in the table does. */
	async select(rowId: string): Promise<void> {
		await this.cell(rowId, 'name').click();
	}

	button(
		testId: 'undo' | 'redo' | 'insert-row' | 'indent' | 'outdent' | 'row-up' | 'row-down' | 'delete-row'
	): Locator {
		return this.page.getByTestId(testId);
	}

	/** Waits for the status line to say a change was saved (or undone / redone) after `action`. */
	async saved(action: () => Promise<void>): Promise<void> {
		await this.page.evaluate(() => {
			const status = document.querySelector('[data-testid=save-status]');
			if (status) status.setAttribute('data-state', 'pending-test');
		});
		await action();
		await this.page.waitForSelector('[data-testid=save-status][data-state=saved]');
	}

	/** Drags from the link handle at the end of one bar onto another bar, with the mouse. */
	async drawLink(fromRowId: string, toRowId: string): Promise<void> {
		const from = this.page.locator(`.bar-wrapper[data-id="${fromRowId}"]`);
		await from.locator('.bar').scrollIntoViewIfNeeded();
		const bar = (await from.locator('.bar').boundingBox())!;
		await this.page.mouse.move(bar.x + bar.width / 2, bar.y + bar.height / 2);
		const handle = (await from.locator('.jalon-link-handle').boundingBox())!;
		const target = (await this.bar(toRowId).boundingBox())!;
		await this.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
		await this.page.mouse.down();
		await this.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
		await this.page.mouse.up();
	}
}
