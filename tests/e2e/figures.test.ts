// Figures and statuses a user can sign, in a real browser: a late validation stays late on the
// supervisors' dashboard, a market amount over the cap needs a confirmation with a reason, and the
// history names the deliverable and writes amounts in French.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { APIRequestContext, Browser } from 'playwright-core';
import { daysBetween, today } from '$lib/domain/dates';
import { launchChromium } from '../support/browser';
import { cufMissionId, missionPlan } from '../support/api-client';
import { DEMO, logIn } from './pages/mission-page';

const baseUrl = inject('baseUrl');
const text = async (locator: { textContent(): Promise<string | null> }) =>
	((await locator.textContent()) ?? '')
		.replace(/[\u00a0\u202f]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
});

/** A tRPC mutation over HTTP, as the browser sends it (JSON body, same-origin). */
async function mutate(request: APIRequestContext, path: string, input: unknown): Promise<void> {
	const response = await request.post(`${baseUrl}/api/trpc/${path}`, {
		data: input,
		headers: { origin: baseUrl, 'content-type': 'application/json' }
	});
	if (!response.ok()) throw new Error(`${path} failed: ${await response.text()}`);
}

async function signedIn(email: string) {
	const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 } });
	const page = await context.newPage();
	await logIn(page, baseUrl, email);
	return { context, page };
}

test('a deliverable validated after its deadline stays late on the dashboard, with its delay', async () => {
	const coordinator = await signedIn(DEMO.coordinator);
	const missionId = await cufMissionId(coordinator.context.request, baseUrl);
	const plan = await missionPlan(coordinator.context.request, baseUrl, missionId);
	// Deliverable 3 (due 15 weeks after kick-off, long past): handed in and validated today.
	const d3 = plan.deliverables.find((d) => d.number === 3)!;
	await mutate(coordinator.context.request, 'deliverables.transition', {
		deliverableId: d3.id,
		action: 'SUBMIT',
		versionLabel: 'v1'
	});
	await coordinator.context.close();

	const supervisor = await signedIn(DEMO.supervisor);
	await mutate(supervisor.context.request, 'deliverables.transition', {
		deliverableId: d3.id,
		action: 'VALIDATE',
		comment: 'Conforme'
	});
	const late = daysBetween(d3.contractualDeadline, today());
	expect(late).toBeGreaterThan(0);
	await supervisor.page.goto(`${baseUrl}/dashboard`);
	const card = supervisor.page.locator('[data-testid=dashboard-mission]', { hasText: 'Cités Unies France' });
	const row = card.locator('tr[data-deliverable="3"]');
	await expect(row.getAttribute('data-flag')).resolves.toBe('RED');
	await expect(text(row.getByTestId('deliverable-flag'))).resolves.toBe(`Remis avec ${late} j de retard, validé`);
	await expect(text(card.getByTestId('mission-flag'))).resolves.toBe('En retard');
	// The mission page says it once: no "dans les délais" beside "échéance dépassée".
	await supervisor.page.goto(`${baseUrl}/missions/${missionId}`);
	const missionRow = supervisor.page.locator('[data-testid=deliverables] tr[data-deliverable="3"]');
	const standing = await text(missionRow);
	expect(standing).toContain(`remis avec ${late} j de retard, validé`);
	expect(standing).not.toContain('dans les délais');
	await supervisor.context.close();
});
