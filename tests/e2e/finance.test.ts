// The finance team's path in a real browser: invoice and pay the CUF signature tranche, then
// find the status, the amounts and the gauge changed after a reload.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { cufMissionId } from '../support/api-client';
import { DEMO, logIn } from './pages/mission-page';

const baseUrl = inject('baseUrl');
const text = async (locator: { textContent(): Promise<string | null> }) =>
	((await locator.textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
});

test('marks the first CUF tranche invoiced then paid; status, received amount and gauge survive a reload', async () => {
	const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 } });
	const page = await context.newPage();
	await logIn(page, baseUrl, DEMO.finance);
	const missionId = await cufMissionId(context.request, baseUrl);
	await page.goto(`${baseUrl}/missions/${missionId}/finance`);
	const first = page.locator('tr[data-tranche="1"]');
	await expect(text(first.getByTestId('tranche-status'))).resolves.toBe('Exigible');
	await expect(text(page.getByTestId('received'))).resolves.toBe('0,00 €');
	expect(await page.getByTestId('received-gauge').getByRole('meter').getAttribute('aria-valuenow')).toBe('0');

	await first.getByRole('button', { name: 'Marquer facturée' }).click();
	const form = page.getByTestId('tranche-action');
	await form.locator('input[name=invoiceNumber]').fill('F-2025-042');
	await form.locator('input[name=actionDate]').fill('2025-11-28');
	await form.getByRole('button', { name: 'Enregistrer' }).click();
	await page.waitForSelector('tr[data-tranche="1"] button:has-text("Enregistrer un paiement")');

	await first.getByRole('button', { name: 'Enregistrer un paiement' }).click();
	// An amount above what is due is refused, in French.
	await form.locator('input[name=amount]').fill('7 000,00');
	await form.locator('input[name=actionDate]').fill('2025-12-15');
	await form.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(text(form.locator('.field-error'))).resolves.toContain('Le paiement dépasse le reste dû');
	await form.locator('input[name=amount]').fill('6 000,00');
	await form.getByRole('button', { name: 'Enregistrer' }).click();
	await page.waitForSelector('tr[data-tranche="1"] [data-testid=tranche-status]:has-text("Payée")');

	await page.reload();
	await expect(text(first.getByTestId('tranche-status'))).resolves.toBe('Payée');
	await expect(text(first)).resolves.toContain('F-2025-042');
	await expect(text(page.getByTestId('received'))).resolves.toBe('6 000,00 €');
	// 6 000 € of 20 000 € TTC received: 30 %.
	expect(await page.getByTestId('received-gauge').getByRole('meter').getAttribute('aria-valuenow')).toBe('30');
	await expect(text(page.getByTestId('received-gauge'))).resolves.toContain('Reste à encaisser : 14 000,00 € TTC');

	const csv = await page.request.get(`${baseUrl}/missions/${missionId}/finance/export.csv`);
	const body = await csv.text();
	expect(csv.headers()['content-type']).toContain('text/csv');
	expect(body.charCodeAt(0)).toBe(0xfeff);
	expect(body).toContain('Signature du contrat;30;');
	expect(body).toContain(';6000,00;');
	await context.close();
});
