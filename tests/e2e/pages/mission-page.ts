// Page objects: log-in, and a mission's Gantt page.
import type { Locator, Page } from 'playwright-core';

import { DEMO_PASSWORD } from '$lib/server/auth/bootstrap';

export { DEMO_PASSWORD };
export const DEMO = {
	coordinator: 'coordination@demo.jalon.fr',
	supervisor: 'supervision@demo.jalon.fr',
	finance: 'finance@demo.jalon.fr',
	viewer: 'lecture@demo.jalon.fr'
} as const;

/** Signs in through the log-in form and waits to leave it. */
export async function logIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
	for (let attempt = 1; ; attempt += 1) {
		await page.goto(`${baseUrl}/login`);
		// Typed before hydration, the fields can be emptied by it and the form then never submits.
		await page.waitForLoadState('networkidle');
		await page.fill('input[name=email]', email);
		await page.fill('input[name=password]', password);
		await page.click('button[type=submit]');
		// Signed in (the page leaves /login), or refused (the form shows why).
		// Both settle (never reject), so the loser cannot fail the run later.
		const outcome = await Promise.race([
			page
				.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 })
				.then(
					() => null,
					() => 'still on /login'
				),
			page
				.getByRole('alert')
				.first()
				.waitFor({ timeout: 15_000 })
				.then(
					() => page.getByRole('alert').first().textContent(),
					() => 'no answer'
				)
		]);
		if (outcome === null) return;
		// Log-in slowing (many suites share one address and accounts): wait as told, then again.
		const wait = /Réessayez dans (\d+) s/.exec(outcome ?? '');
		const unanswered = outcome === 'still on /login' || outcome === 'no answer';
		if ((!wait && !unanswered) || attempt >= 3) throw new Error(`log-in of ${email} refused: ${outcome}`);
		if (wait) await page.waitForTimeout(Number(wait[1]) * 1000 + 200);
	}
}

export class MissionPage {
	constructor(
		readonly page: Page,
		readonly baseUrl: string
	) {}

	async open(missionId: string): Promise<void> {
		await this.page.goto(`${this.baseUrl}/missions/${missionId}`);
		await this.page.waitForSelector('[data-testid=gantt][data-ready=true] .bar-wrapper');
	}

	bar(rowId: string): Locator {
		return this.page.locator(`.bar-wrapper[data-id="${rowId}"] .bar`);
	}

	async setView(label: 'Jours' | 'Semaines' | 'Mois'): Promise<void> {
		await this.page.getByRole('button', { name: label, exact: true }).click();
		await this.page.waitForSelector(`button[aria-pressed=true]:has-text("${label}")`);
	}

	/** Width of one column of the time scale, read off the chart's own header. */
	async columnWidth(): Promise<number> {
		const xs = await this.page
			.locator('.lower-text')
			.evaluateAll((els) => els.slice(0, 3).map((el) => el.getBoundingClientRect().left));
		return xs[2]! - xs[1]!;
	}

	/** Drags a bar horizontally by `dx` pixels, the way a user does, in small mouse steps. */
	async dragBar(rowId: string, dx: number): Promise<void> {
		const bar = this.bar(rowId);
		await bar.scrollIntoViewIfNeeded();
		const box = (await bar.boundingBox())!;
		const x = box.x + Math.min(10, box.width / 2);
		const y = box.y + box.height / 2;
		await this.page.mouse.move(x, y);
		await this.page.mouse.down();
		await this.page.mouse.move(x + dx / 2, y, { steps: 5 });
		await this.page.mouse.move(x + dx, y, { steps: 5 });
		await this.page.mouse.up();
	}

	/** frappe-gantt leaves SVG <animate> elements in bars, which Playwright never deems stable: use the mouse. */
	async doubleClickBar(rowId: string): Promise<void> {
		const bar = this.bar(rowId);
		await bar.scrollIntoViewIfNeeded();
		const box = (await bar.boundingBox())!;
		await this.page.mouse.dblclick(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
	}

	async waitForSaved(): Promise<void> {
		await this.page.waitForSelector('[data-testid=save-status][data-state=saved]');
	}

	saveStatus(): Locator {
		return this.page.getByTestId('save-status');
	}

	contractualDeadline(deliverableNumber: number): Locator {
		return this.page.locator(`tr[data-deliverable="${deliverableNumber}"] [data-testid=contractual-deadline]`);
	}
}
