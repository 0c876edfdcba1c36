// What a programme's people see of its rules in the browser: a refused attach says only the
// refusal (no reason box, no success beside it), a TTC scheme asks its amounts in TTC, a scheme's
// ceiling is added by editing it, a report period that ends before it starts is refused on the
// page, and an unknown programme says so.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { logIn } from './pages/mission-page';
import { E2E_ADMIN, trpcMutation, trpcQuery } from '../support/api-client';

const baseUrl = inject('baseUrl');
let browser: Browser;
/** Amounts are written with no-break spaces ("15 000,00 €"). */
const plain = (text: string | null) => (text ?? '').replace(/[\u202f\u00a0\s]+/g, ' ').trim();

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

async function adminPage(): Promise<Page> {
	const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 } });
	const page = await context.newPage();
	await logIn(page, baseUrl, E2E_ADMIN.email, E2E_ADMIN.password);
	return page;
}

test('a TTC scheme: its ceiling added by editing, a refused attach says one thing, amounts in TTC', async () => {
	const page = await adminPage();
	// A scheme created before its ceiling was noticed.
	const { id } = await trpcMutation<{ id: string }>(page.request, baseUrl, 'programmes.create', {
		kind: 'SCHEME',
		title: 'Dispositif d’appui CUF',
		owner: 'Cités Unies France',
		envelopeCents: 400_000_00,
		envelopeBasis: 'TTC',
		startDate: '2025-01-01',
		endDate: '2027-12-31'
	});
	await trpcMutation(page.request, baseUrl, 'programmes.saveBeneficiary', {
		programmeId: id,
		name: 'Ville de Lyon',
		isMember: true
	});
	await page.goto(`${baseUrl}/programmes/${id}`);
	// A click before the page is interactive would be lost.
	await page.waitForLoadState('networkidle');
	expect(plain(await page.getByTestId('programme-summary').textContent())).not.toContain('plafond');
	await page.getByRole('button', { name: 'Modifier le programme' }).click();
	const edit = page.getByTestId('programme-edit-form');
	await edit.locator('input[name=ceiling]').fill('15 000');
	await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
	await expect.poll(() => page.getByRole('status').textContent()).toBe('Programme modifié.');
	await expect
		.poll(async () => plain(await page.getByTestId('programme-summary').textContent()))
		.toContain('plafond 15 000,00 € TTC par prestation');

	// The service form asks the scheme's basis.
	const service = page.getByTestId('programme-mission-form');
	expect(await service.getByText('Montant TTC').count()).toBe(1);
	// Too large an amount says so, with the maximum.
	await service.locator('input[name=title]').fill('Stratégie internationale');
	await service.locator('select[name=beneficiaryId]').selectOption({ label: 'Ville de Lyon' });
	await service.locator('input[name=kickoffDate]').fill('05/01/2026');
	await service.locator('input[name=kickoffDate]').press('Enter');
	await service.locator('input[name=amount]').fill('9 999 999 999');
	await service.getByRole('button', { name: 'Créer la mission' }).click();
	await expect
		.poll(async () => plain(await page.getByRole('alert').first().textContent()))
		.toContain('montant trop élevé (100 000 000,00 € au plus)');
	await service.locator('input[name=amount]').fill('12 000');
	await service.getByRole('button', { name: 'Créer la mission' }).click();
	await expect.poll(() => page.getByRole('status').textContent()).toContain('créée selon les règles du programme');
	expect(plain(await page.getByTestId('committed').textContent())).toBe('12 000,00 € TTC');
	expect(await page.getByRole('alert').count()).toBe(0);

	// The seeded CUF mission (20 000 € TTC) is above the ceiling: one refusal, nothing else.
	const missions = await trpcQuery<{ id: string; title: string }[]>(page.request, baseUrl, 'missions.list');
	const cuf = missions.find((m) => m.title.startsWith('Étude sur la mobilisation'))!;
	const attach = page.getByTestId('attach-form');
	await attach.locator('select[name=missionId]').selectOption(cuf.id);
	await attach.locator('select[name=beneficiaryId]').selectOption({ label: 'Ville de Lyon' });
	await attach.getByRole('button', { name: 'Rattacher' }).click();
	await expect
		.poll(async () => plain(await page.getByRole('alert').textContent()))
		.toContain('dépasse le plafond de 15 000,00 € TTC par prestation de 5 000,00 €');
	// The success of the previous action is gone, no reason box opens, nothing was committed.
	expect(await page.getByRole('status').count()).toBe(0);
	expect(await page.locator('textarea[name=reason]').count()).toBe(0);
	expect(await attach.getByRole('button', { name: 'Rattacher' }).textContent()).toBe('Rattacher');
	expect(plain(await page.getByTestId('committed').textContent())).toBe('12 000,00 € TTC');
	await page.screenshot({ path: '/tmp/programmes-e2e-refused-attach.png', fullPage: true });

	// The service's mission shows its cap on the scheme's basis.
	await page.getByRole('link', { name: 'Stratégie internationale' }).click();
	await page.waitForURL(/\/missions\/[^/]+$/);
	expect(plain(await page.getByTestId('budget-cap').textContent())).toBe('12 000,00 € TTC');
	expect(plain(await page.locator('.facts').textContent())).toContain('Plafond (TTC)');
	await page.context().close();
});

test('a report period ending before it starts is refused on the page; an unknown programme says so', async () => {
	const page = await adminPage();
	const { id } = await trpcMutation<{ id: string }>(page.request, baseUrl, 'programmes.create', {
		kind: 'FRAMEWORK_AGREEMENT',
		title: 'Accord-cadre de rapport',
		owner: 'Groupement',
		envelopeCents: 100_000_00,
		envelopeBasis: 'HT',
		startDate: '2025-01-01',
		endDate: '2027-12-31'
	});
	await page.goto(`${baseUrl}/programmes/${id}`);
	await page.waitForLoadState('networkidle');
	const from = page.getByTestId('report-from');
	const to = page.getByTestId('report-to');
	await from.fill('01/07/2026');
	await from.press('Enter');
	await to.fill('30/06/2026');
	await to.press('Enter');
	await page.getByRole('button', { name: 'Télécharger le rapport (Excel)' }).click();
	await expect
		.poll(async () => plain(await page.getByTestId('report-error').textContent()))
		.toContain('La fin de la période (30/06/2026) précède son début (01/07/2026)');
	expect(page.url()).toBe(`${baseUrl}/programmes/${id}`);
	// The address typed by hand gets the French message, not the validation's raw text.
	const response = await page.request.get(`${baseUrl}/programmes/${id}/rapport.xlsx?du=2026-07-01&au=2026-06-30`);
	expect(response.status()).toBe(400);
	const body = await response.text();
	expect(body).toContain('La fin de la période ne peut pas précéder son début.');
	expect(body).not.toContain('"code"');

	await page.goto(`${baseUrl}/programmes/cmxunknownprogramme00000`);
	expect(await page.getByTestId('error-page').textContent()).toContain('Programme introuvable.');
	await page.context().close();
});
