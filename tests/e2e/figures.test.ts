// Figures and statuses a user can sign, in a real browser: a late validation stays late on the
// supervisors' dashboard, a market amount over the cap needs a confirmation with a reason, and the
// history names the deliverable and writes amounts in French.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { APIRequestContext, Browser } from 'playwright-core';
import { daysBetween, today } from '$lib/domain/dates';
import { launchChromium } from '../support/browser';
import { cufMissionId, E2E_ADMIN, missionPlan, trpcMutation } from '../support/api-client';
import { DEMO, logIn } from './pages/mission-page';

const baseUrl = inject('baseUrl');
const text = async (locator: { textContent(): Promise<string | null> }) =>
	((await locator.textContent()) ?? '')
		.replace(/[\u00a0\u202f]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

let browser: Browser;
/** The mission the over-cap test creates, whose history the last test reads. */
let capped: { id: string } | undefined;

beforeAll(async () => {
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
});

const ADMIN = E2E_ADMIN;
/** A tRPC mutation over HTTP with a signed-in context's cookies. */
const mutate = <T = unknown>(request: APIRequestContext, path: string, input: unknown) =>
	trpcMutation<T>(request, baseUrl, path, input);

async function signedIn(email: string, password?: string) {
	const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 } });
	const page = await context.newPage();
	await logIn(page, baseUrl, email, password);
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
		versionLabel: 'v1',
		expectedVersion: d3.version
	});
	await coordinator.context.close();

	const supervisor = await signedIn(DEMO.supervisor);
	const submitted = (await missionPlan(supervisor.context.request, baseUrl, missionId)).deliverables.find(
		(d) => d.id === d3.id
	)!;
	await mutate(supervisor.context.request, 'deliverables.transition', {
		deliverableId: d3.id,
		action: 'VALIDATE',
		expectedVersion: submitted.version,
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

test('a market amount over the cap is saved only once confirmed with a reason, which stays on the page', async () => {
	const admin = await signedIn(ADMIN.email, ADMIN.password);
	// A mission of its own (the CUF one may already be invoiced by another test): 12 000 € TTC cap.
	const { id: missionId } = (capped = await mutate<{ id: string }>(admin.context.request, 'missions.create', {
		title: 'Étude plafonnée',
		clientOrganisation: 'Commune de Test',
		kickoffDate: '2026-01-05',
		budgetCapCents: 1_200_000,
		capBasis: 'TTC',
		vatRateBp: 2000
	}));
	const page = admin.page;
	await page.goto(`${baseUrl}/missions/${missionId}/finance`);
	const terms = page.getByTestId('terms-form');
	await terms.locator('input[name=contractAmount]').fill('11 000,00');
	await terms.getByRole('button', { name: 'Enregistrer' }).click();
	const box = page.getByTestId('contract-over-cap');
	// 11 000 € HT = 13 200 € TTC: 1 200 € over the cap, in French.
	await expect(text(box.locator('p'))).resolves.toBe(
		'Le montant du marché dépasse le plafond de 1 200,00 € TTC. Confirmez avec un motif pour l’enregistrer malgré tout.'
	);
	await box.getByRole('button', { name: 'Confirmer le dépassement et enregistrer' }).click();
	await expect(text(page.locator('[data-testid=terms-form] .field-error'))).resolves.toBe(
		'Indiquez le motif du dépassement du plafond.'
	);
	await box.locator('input[name=contractOverCapComment]').fill('Avenant n° 1 voté le 12/01');
	await box.getByRole('button', { name: 'Confirmer le dépassement et enregistrer' }).click();
	await page.waitForSelector('[data-testid=contract-approvals]');
	await page.reload();
	await expect(text(page.getByTestId('contract-ttc'))).resolves.toBe('13 200,00 € TTC');
	const approvals = await text(page.getByTestId('contract-approvals'));
	expect(approvals).toContain('(+1 200,00 €) — Avenant n° 1 voté le 12/01');
	const csv = await (await page.request.get(`${baseUrl}/missions/${missionId}/finance/export.csv`)).text();
	expect(csv).toContain('Montant du marché;13200,00;1200,00;Avenant n° 1 voté le 12/01;');
	await admin.context.close();
});

test('the history names the deliverable and writes amounts and statuses in French', async () => {
	expect(capped).toBeDefined();
	const admin = await signedIn(ADMIN.email, ADMIN.password);
	const missionId = capped!.id;
	const deliverable = await mutate<{ id: string }>(admin.context.request, 'deliverables.create', {
		missionId,
		title: 'Note de cadrage',
		dueRule: { kind: 'OFFSET', amount: 3, unit: 'WEEKS' }
	});
	const created = (await missionPlan(admin.context.request, baseUrl, missionId)).deliverables.find(
		(d) => d.id === deliverable.id
	)!;
	await mutate(admin.context.request, 'deliverables.transition', {
		deliverableId: deliverable.id,
		action: 'SUBMIT',
		versionLabel: 'v1',
		expectedVersion: created.version
	});
	await admin.page.goto(`${baseUrl}/missions/${missionId}/history`);
	const rows = await admin.page
		.locator('[data-testid=history] tbody tr')
		.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
	const cells = rows.map((r) => r.map((c) => c.replace(/[\u00a0\u202f]/g, ' ').trim()));
	// [quand, qui, objet, action, champ, avant, après]
	const status = cells.find((r) => r[2] === 'Livrable 1 — Note de cadrage' && r[4] === 'Statut');
	expect(status?.slice(5)).toEqual(['« à faire »', '« remis »']);
	const amount = cells.find((r) => r[4] === 'Montant du marché HT');
	expect(amount?.slice(2, 7)).toEqual(['Marché', 'modification', 'Montant du marché HT', '—', '11 000,00 €']);
	const table = await admin.page.getByTestId('history').textContent();
	expect(table).not.toContain('contractAmountHtCents');
	expect(table).not.toContain('SUBMITTED');
	await admin.context.close();
});
