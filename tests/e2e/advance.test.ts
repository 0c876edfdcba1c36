// A finance user adds a 20 % advance to a 30 / 40 / 30 schedule in a real browser: an advance
// outside 5-30 % is refused in French, then the later tranches show the advance recovered on them
// and the net to invoice, in French amounts, after a reload too.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { APIRequestContext, Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { E2E_ADMIN, missionPlan, trpcMutation, trpcQuery } from '../support/api-client';
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

const ADMIN = E2E_ADMIN;
/** A tRPC mutation over HTTP with a signed-in context's cookies. */
const mutate = <T = unknown>(request: APIRequestContext, path: string, input: unknown) =>
	trpcMutation<T>(request, baseUrl, path, input);

test('a finance user sets a 20 % advance and sees it recovered on the later tranches', async () => {
	// A mission of its own from the study template (30 / 40 / 30, 20 000 € TTC): the CUF one may
	// already be invoiced by another test, which freezes its schedule.
	const admin = await browser.newContext({ locale: 'fr-FR' });
	const adminPage = await admin.newPage();
	await logIn(adminPage, baseUrl, ADMIN.email, ADMIN.password);
	const { id: missionId } = await mutate<{ id: string }>(admin.request, 'documents.createFromTemplate', {
		templateId: 'builtin:study',
		kickoffDate: '2026-01-05',
		title: 'Étude avec avance',
		clientOrganisation: 'Commune de Test',
		budgetCapCents: 2_000_000,
		capBasis: 'TTC'
	});
	const users = await trpcQuery<{ id: string; email: string }[]>(admin.request, baseUrl, 'admin.users');
	const finance = users.find((u) => u.email === DEMO.finance)!;
	await mutate(admin.request, 'admin.grantRole', { userId: finance.id, missionId, role: 'FINANCE' });
	await admin.close();

	const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1500, height: 1100 } });
	const page = await context.newPage();
	await logIn(page, baseUrl, DEMO.finance);
	const plan = await missionPlan(context.request, baseUrl, missionId);
	const signature = plan.tranches[0]!.triggerMilestoneId!;
	await page.goto(`${baseUrl}/missions/${missionId}/finance`);
	const kinds = page.locator('[data-testid=finance-tranches] [data-testid=tranche-kind]');
	await expect(kinds.allTextContents()).resolves.toEqual(['Acompte', 'Acompte', 'Solde']);

	await page.getByText('Modifier l’échéancier').click();
	const editor = page.getByTestId('tranches-editor');
	await editor.getByRole('button', { name: 'Ajouter une avance' }).click();
	await expect(editor.getByLabel('Type de la tranche 1').inputValue()).resolves.toBe('AVANCE');
	await editor.getByLabel('Déclencheur de la tranche 1').selectOption(`m:${signature}`);
	await editor.getByLabel('Part de la tranche 1').fill('35');
	await editor.getByRole('button', { name: 'Enregistrer l’échéancier' }).click();
	await expect(text(editor.locator('.field-error'))).resolves.toBe(
		'L’avance doit être comprise entre 5 % et 30 % du marché (saisie : 35 %).'
	);
	await expect(kinds.allTextContents()).resolves.toEqual(['Acompte', 'Acompte', 'Solde']);

	await editor.getByLabel('Part de la tranche 1').fill('20');
	await editor.getByRole('button', { name: 'Enregistrer l’échéancier' }).click();
	await page.waitForSelector('[data-testid=finance-tranches] [data-testid=tranche-recovered]');

	for (const reload of [false, true]) {
		if (reload) await page.reload();
		await expect(kinds.allTextContents()).resolves.toEqual(['Avance', 'Acompte', 'Acompte', 'Solde']);
		const row = (n: number) => page.locator(`[data-testid=finance-tranches] tr[data-tranche="${n}"]`);
		// 4 000 € of advance, taken back from 65 % of the work on: a third on the second acompte
		// (30 % → 70 %), the rest on the solde; a cent moves where no invoice totals 3 333,33 €.
		await expect(text(row(1).getByTestId('tranche-net'))).resolves.toBe('4 000,00 €');
		await expect(text(row(2).getByTestId('tranche-recovered'))).resolves.toBe('− 0,00 €');
		await expect(text(row(3).getByTestId('tranche-gross'))).resolves.toBe('8 000,00 €');
		await expect(text(row(3).getByTestId('tranche-recovered'))).resolves.toBe('− 1 333,32 €');
		await expect(text(row(3).getByTestId('tranche-net'))).resolves.toBe('6 666,68 €');
		await expect(text(row(4).getByTestId('tranche-gross'))).resolves.toBe('6 000,00 €');
		await expect(text(row(4).getByTestId('tranche-recovered'))).resolves.toBe('− 2 666,68 €');
		await expect(text(row(4).getByTestId('tranche-net'))).resolves.toBe('3 333,32 €');
	}
	await context.close();
});
