// The finance page as its users type: invoice, payment and expense dates are typed JJ/MM/AAAA
// (07/12/2026 is the 7th of December, never July), with the calendar button beside; a change of
// payment delay says which issued invoice it would re-date and does so only when asked; a delay
// over the legal maximum names its rule and is saved only once confirmed.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { E2E_ADMIN, trpcMutation, trpcQuery } from '../support/api-client';
import { DEMO, logIn } from './pages/mission-page';

const baseUrl = inject('baseUrl');
let browser: Browser;
const contexts: BrowserContext[] = [];
const text = async (locator: ReturnType<Page['locator']>) =>
	((await locator.textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

beforeAll(async () => {
	browser = await launchChromium();
});

afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
});

async function signedIn(email: string, password?: string): Promise<Page> {
	const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1500, height: 1100 } });
	contexts.push(context);
	const page = await context.newPage();
	await logIn(page, baseUrl, email, password);
	return page;
}

const mutate = <T = unknown>(request: APIRequestContext, path: string, input: unknown) =>
	trpcMutation<T>(request, baseUrl, path, input);

test('dates typed JJ/MM/AAAA on invoices, payments and expenses; a delay change asks before re-dating or breaking the law', async () => {
	// A mission of its own (the CUF one is shared with other files), the demo finance account on it.
	const admin = await signedIn(E2E_ADMIN.email, E2E_ADMIN.password);
	const { id: missionId } = await mutate<{ id: string }>(admin.context().request, 'documents.createFromTemplate', {
		templateId: 'builtin:study',
		kickoffDate: '2026-01-05',
		title: 'Étude aux conditions de paiement',
		clientOrganisation: 'Commune de Test',
		budgetCapCents: 2_000_000,
		capBasis: 'TTC'
	});
	const users = await trpcQuery<{ id: string; email: string }[]>(admin.context().request, baseUrl, 'admin.users');
	const financeId = users.find((u) => u.email === DEMO.finance)!.id;
	await mutate(admin.context().request, 'admin.grantRole', { userId: financeId, missionId, role: 'FINANCE' });

	const page = await signedIn(DEMO.finance);
	await page.goto(`${baseUrl}/missions/${missionId}/finance`);
	const first = page.locator('tr[data-tranche="1"]');
	const form = page.getByTestId('tranche-action');

	// Invoice: the date field reads French, with its calendar button; a date that does not exist is refused.
	await first.getByRole('button', { name: 'Marquer facturée' }).click();
	await form.locator('input[name=invoiceNumber]').fill('F-2026-001');
	const invoiceDate = form.getByTestId('invoice-date');
	expect(await invoiceDate.getAttribute('placeholder')).toBe('JJ/MM/AAAA');
	expect(await form.getByRole('button', { name: 'Choisir date de facture dans un calendrier' }).count()).toBe(1);
	await invoiceDate.fill('31/02/2026');
	await form.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(text(form.locator('.field-error').first())).resolves.toBe(
		'Date de facture : le 31/02/2026 n’existe pas dans le calendrier.'
	);
	await expect(text(first.getByTestId('tranche-status'))).resolves.toBe('Exigible');
	await invoiceDate.fill('07/12/2026');
	await form.getByRole('button', { name: 'Enregistrer' }).click();
	await page.waitForSelector('tr[data-tranche="1"] button:has-text("Enregistrer un paiement")');
	// The invoice cell: its number, then its date read back the French way.
	await expect(text(first.locator('td').nth(5))).resolves.toBe('F-2026-00107/12/2026');
	await expect(text(first.getByTestId('tranche-due'))).resolves.toBe('06/01/2027');

	// Payment, typed the same way.
	await first.getByRole('button', { name: 'Enregistrer un paiement' }).click();
	await form.locator('input[name=amount]').fill('1 000,00');
	await form.getByTestId('payment-date').fill('07/12/2026');
	await form.getByRole('button', { name: 'Enregistrer' }).click();
	await expect.poll(() => text(first.getByTestId('tranche-status'))).toBe('Partiellement payée');

	// Expense, typed the same way.
	const expense = page.getByTestId('expense-form');
	await expense.locator('input[name=label]').fill('Train Paris–Lyon');
	await expense.getByTestId('expense-date').fill('07/12/2026');
	await expense.locator('input[name=amount]').fill('120,50');
	await expense.getByRole('button', { name: /Ajouter/ }).click();
	await expect
		.poll(() => text(page.getByTestId('expenses').locator('tr', { hasText: 'Train Paris–Lyon' })))
		.toContain('07/12/2026');
	type View = {
		tranches: { invoiceDate: string | null; payments: { paidOn: string }[] }[];
		expenses: { incurredOn: string }[];
	};
	const stored = await trpcQuery<View>(page.context().request, baseUrl, 'finance.get', { missionId });
	expect(stored.tranches[0]!.invoiceDate).toBe('2026-12-07');
	expect(stored.tranches[0]!.payments.map((p) => p.paidOn)).toEqual(['2026-12-07']);
	expect(stored.expenses.map((e) => e.incurredOn)).toEqual(['2026-12-07']);
	await page.screenshot({ path: '/tmp/workflow-finance-dates.png', fullPage: true });

	// 0 days: legal, but the issued invoice would move; by default only the next invoices change.
	const terms = page.getByTestId('terms-form');
	const confirmPanel = page.getByTestId('terms-confirm');
	await terms.locator('input[name=paymentDelay]').fill('0');
	await terms.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(text(confirmPanel.getByTestId('terms-redated'))).resolves.toBe(
		'1 facture déjà émise changerait d’échéance (F-2026-001 : 06/01/2027 → 07/12/2026).'
	);
	expect(await confirmPanel.getByTestId('terms-over-legal').count()).toBe(0);
	await page.screenshot({ path: '/tmp/workflow-finance-redate.png', fullPage: true });
	await confirmPanel.getByRole('button', { name: 'Enregistrer' }).click();
	await expect.poll(() => confirmPanel.count()).toBe(0);
	await expect.poll(() => text(page.locator('main'))).toContain('Échéance = date de facture + 0 jours');
	await expect(text(first.getByTestId('tranche-due'))).resolves.toBe('06/01/2027');

	// Asked for: the issued invoice is re-dated.
	await terms.getByRole('button', { name: 'Enregistrer' }).click();
	await confirmPanel.getByLabel(/aussi à la facture déjà émise/).check();
	await confirmPanel.getByRole('button', { name: 'Enregistrer' }).click();
	await expect.poll(() => text(first.getByTestId('tranche-due'))).toBe('07/12/2026');

	// 45 days for a public buyer: the rule it breaks, and nothing saved until confirmed.
	await terms.locator('input[name=paymentDelay]').fill('45');
	await terms.getByRole('button', { name: 'Enregistrer' }).click();
	await expect(text(confirmPanel.getByTestId('terms-over-legal'))).resolves.toBe(
		'Délai de paiement de 45 jours : au-delà du maximum légal, un acheteur public paie sous 30 jours au plus (Code de la commande publique, art. L. 2192-10 et R. 2192-10).'
	);
	await page.screenshot({ path: '/tmp/workflow-finance-over-legal.png', fullPage: true });
	await confirmPanel.getByRole('button', { name: 'Annuler' }).click();
	const delay = async () =>
		(await trpcQuery<{ paymentDelayDays: number }>(page.context().request, baseUrl, 'finance.get', { missionId }))
			.paymentDelayDays;
	await expect(delay()).resolves.toBe(0);
	await terms.getByRole('button', { name: 'Enregistrer' }).click();
	await confirmPanel.getByRole('button', { name: 'Confirmer ce délai et enregistrer' }).click();
	await expect.poll(() => delay()).toBe(45);
	await expect(text(page.getByTestId('terms-warning'))).resolves.toContain('R. 2192-10');
	// The issued invoice kept the due date it had (only re-dated when asked).
	await expect(text(first.getByTestId('tranche-due'))).resolves.toBe('07/12/2026');
});
