// A framework agreement in the browser: the holder's coordinator sets it up, a beneficiary asks
// for a quote online, the coordinator answers from the price list, the beneficiary validates it
// and the mission's plan appears; then the portfolio Gantt shows it among the other missions.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { DEMO, logIn } from './pages/mission-page';
import { trpcQuery } from '../support/api-client';

const baseUrl = inject('baseUrl');
const BENEFICIARY = { email: 'dsi@chu-e2e.fr', password: 'mot de passe du CHU' };
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
});

async function newPage(): Promise<Page> {
	const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 } });
	return context.newPage();
}

/** A calendar date `days` after today, as the date inputs take it. */
function inDays(days: number): string {
	const d = new Date();
	d.setDate(d.getDate() + days);
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

let programmeUrl = '';
/** Amounts are written with no-break spaces ("4 500,00 €"). */
const plain = (text: string | null) => (text ?? '').replace(/[\u202f\u00a0]/g, ' ');

test('a quote requested, answered and validated online creates the mission’s plan', async () => {
	// The administrator opens an account for the beneficiary's person.
	const admin = await newPage();
	await logIn(admin, baseUrl, 'admin@e2e.jalon.fr', 'admin-e2e-password');
	const created = await admin.evaluate(async (person) => {
		const response = await fetch('/api/trpc/admin.createUser', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: person.email, name: 'DSI du CHU', password: person.password })
		});
		return response.status;
	}, BENEFICIARY);
	expect(created).toBe(200);

	// Creating a programme is the administrator's right: they create the framework agreement and
	// give its management to the holder's coordinator.
	await admin.goto(`${baseUrl}/programmes`);
	const form = admin.getByTestId('programme-form');
	await form.locator('input[name=title]').fill('Accord-cadre CANUT');
	await form.locator('input[name=owner]').fill('Groupement Conseil');
	await form.locator('input[name=envelope]').fill('200 000');
	await form.locator('input[name=startDate]').fill('2026-01-01');
	await form.locator('input[name=endDate]').fill('2029-12-31');
	await form.getByRole('button', { name: 'Créer le programme' }).click();
	await admin.waitForURL(/\/programmes\/[^/]+$/);
	programmeUrl = admin.url();
	const manager = admin.getByTestId('grant-form');
	await manager.locator('input[name=email]').fill(DEMO.coordinator);
	await manager.locator('select[name=role]').selectOption('MANAGER');
	await manager.getByRole('button', { name: 'Donner le rôle' }).click();
	await expect.poll(() => admin.getByRole('status').filter({ hasText: 'Rôle donné' }).count()).toBe(1);
	await admin.context().close();

	// The holder's coordinator sets it up; creating programmes is not theirs.
	const holder = await newPage();
	await logIn(holder, baseUrl, DEMO.coordinator);
	await holder.goto(`${baseUrl}/programmes`);
	expect(await holder.getByTestId('programme-form').count()).toBe(0);
	await holder.goto(programmeUrl);

	const beneficiary = holder.getByTestId('beneficiary-form');
	await beneficiary.locator('input[name=siret]').fill('732 829 320 00075');
	await beneficiary.locator('input[name=name]').fill('CHU de Lyon');
	await beneficiary.getByRole('button', { name: 'Ajouter le bénéficiaire' }).click();
	// A wrong SIRET key is refused in French, and nothing is added.
	await expect.poll(() => holder.getByRole('alert').textContent()).toContain('SIRET invalide');
	await beneficiary.locator('input[name=siret]').fill('732 829 320 00074');
	await beneficiary.getByRole('button', { name: 'Ajouter le bénéficiaire' }).click();
	await expect.poll(() => holder.getByTestId('beneficiaries').textContent()).toContain('73282932000074');

	const priceLine = holder.getByTestId('price-line-form');
	await priceLine.locator('input[name=code]').fill('EXP');
	await priceLine.locator('input[name=label]').fill('Consultant expert');
	await priceLine.locator('input[name=price]').fill('1 000');
	await priceLine.getByRole('button', { name: 'Ajouter au bordereau' }).click();
	await expect.poll(() => holder.getByTestId('price-list').textContent()).toContain('Consultant expert');

	const grant = holder.getByTestId('grant-form');
	await grant.locator('input[name=email]').fill(BENEFICIARY.email);
	await grant.locator('select[name=beneficiaryId]').selectOption({ label: 'CHU de Lyon' });
	await grant.getByRole('button', { name: 'Donner le rôle' }).click();
	await expect.poll(() => holder.getByRole('status').filter({ hasText: 'Rôle donné' }).count()).toBe(1);

	// The beneficiary asks for a quote.
	const chu = await newPage();
	await logIn(chu, baseUrl, BENEFICIARY.email, BENEFICIARY.password);
	await chu.goto(programmeUrl);
	// The envelope is the holder's business.
	expect(await chu.getByTestId('envelope').count()).toBe(0);
	const request = chu.getByTestId('order-request');
	await request.locator('input[name=title]').fill('Schéma directeur du numérique');
	await request.locator('textarea[name=need]').fill('Diagnostic puis feuille de route.');
	await request.getByRole('button', { name: 'Demander un devis' }).click();
	await expect.poll(() => chu.getByTestId('order-status').textContent()).toBe('Devis demandé');

	// The holder answers from the price list.
	await holder.reload();
	const quote = holder.getByTestId('quote-form');
	await quote.locator('input[name=workStartDate]').fill(inDays(21));
	await quote.locator('select[name=priceLine]').selectOption({ index: 1 });
	await quote.locator('input[name=phase]').fill('Diagnostic');
	await quote.locator('input[name=deliverable]').fill('Rapport de diagnostic');
	await quote.locator('input[name=quantity]').fill('4,5');
	await expect.poll(async () => plain(await quote.getByTestId('quote-total').textContent())).toContain('4 500,00');
	await quote.getByRole('button', { name: 'Envoyer le devis' }).click();
	await expect.poll(() => holder.getByTestId('order-status').textContent()).toBe('Devis envoyé');

	// The beneficiary validates it online: the mission's plan is created from the quote.
	await chu.reload();
	expect(await chu.getByTestId('quote-lines').textContent()).toContain('Consultant expert');
	await chu.getByRole('button', { name: 'Valider le devis' }).click();
	await expect.poll(() => chu.getByTestId('order-status').textContent()).toBe('Devis validé');
	await chu.getByRole('link', { name: 'Planning de la mission' }).click();
	await chu.waitForSelector('[data-testid=gantt][data-ready=true] .bar-wrapper');
	const chart = (await chu.getByTestId('gantt').textContent()) ?? '';
	expect(chart).toContain('DIAGNOSTIC');
	expect(chart).toContain('Rapport de diagnostic');

	// The holder sees the commitment against the envelope.
	await holder.reload();
	expect(plain(await holder.getByTestId('committed').textContent())).toContain('4 500,00');
	await holder.screenshot({ path: '/tmp/programmes-e2e-holder.png', fullPage: true });
	await chu.context().close();
	await holder.context().close();
});

test('the portfolio Gantt shows every mission, unfolds one, and filters by programme', async () => {
	const page = await newPage();
	await logIn(page, baseUrl, DEMO.coordinator);
	await page.goto(`${baseUrl}/portefeuille`);
	const chart = page.getByTestId('portfolio-gantt');
	await page.waitForSelector('[data-testid=portfolio-gantt][data-ready=true] .bar-wrapper');
	// One row per mission the coordinator sees: the CUF mission, the order's mission, and those
	// other browser tests created before this one.
	const visible = (await trpcQuery<unknown[]>(page.request, baseUrl, 'missions.list')).length;
	expect(visible).toBeGreaterThanOrEqual(2);
	expect(await chart.getAttribute('data-rows')).toBe(String(visible));
	const missionBars = page.locator('.bar-wrapper[class*=pf-mission-]');
	expect(await missionBars.count()).toBe(visible);
	expect((await chart.textContent()) ?? '').toContain('Commande n° 1');

	// Double-click unfolds the order's mission into its phase, deliverable and tranche marker.
	const orderRow = page.locator('.bar-wrapper[class*=pf-mission-]', { hasText: 'Commande n° 1' });
	await orderRow.locator('.bar').dblclick();
	await expect.poll(() => chart.getAttribute('data-rows')).toBe(String(visible + 3));
	expect(await page.locator('.bar-wrapper.pf-phase').count()).toBe(1);
	expect(await page.locator('.bar-wrapper[class*=pf-deliverable-]').count()).toBe(1);
	expect(await page.locator('.bar-wrapper.pf-tranche').count()).toBe(1);
	await page.screenshot({ path: '/tmp/programmes-e2e-portfolio.png', fullPage: true });

	// Filtered by the programme: only the order's mission, at once and in the address.
	const filters = page.getByTestId('portfolio-filters');
	await filters.locator('select[name=programme]').selectOption({ label: 'Accord-cadre CANUT' });
	await page.waitForURL(/programme=/);
	await expect.poll(() => page.getByTestId('portfolio-count').textContent()).toBe('1 mission(s)');
	// A period typed the French way, read on Enter: one that ends before every mission leaves none.
	await filters.getByTestId('filter-to').fill('31/12/2001');
	await filters.getByTestId('filter-to').press('Enter');
	await page.waitForURL(/au=2001-12-31/);
	await expect.poll(() => page.getByTestId('portfolio-count').textContent()).toBe('0 mission(s)');
	// The back button undoes the last filter; the address alone reopens the same view.
	await page.goBack();
	await page.waitForURL((url) => !url.search.includes('au='));
	await expect.poll(() => page.getByTestId('portfolio-count').textContent()).toBe('1 mission(s)');
	expect(await filters.getByTestId('filter-to').inputValue()).toBe('');
	const shared = await newPage();
	await logIn(shared, baseUrl, DEMO.coordinator);
	await shared.goto(page.url());
	await expect.poll(() => shared.getByTestId('portfolio-count').textContent()).toBe('1 mission(s)');
	expect(
		await shared.getByTestId('portfolio-filters').locator('select[name=programme] option:checked').textContent()
	).toBe('Accord-cadre CANUT');
	await shared.context().close();
	await page.context().close();
});

test('the supervisors’ dashboard filters by programme, beneficiary, status and period, in the address', async () => {
	const page = await newPage();
	await logIn(page, baseUrl, DEMO.coordinator);
	await page.goto(`${baseUrl}/dashboard`);
	const missions = page.getByTestId('dashboard-mission');
	const all = await missions.count();
	expect(all).toBeGreaterThanOrEqual(2);
	const filters = page.getByTestId('dashboard-filters');
	await filters.locator('select[name=programme]').selectOption({ label: 'Accord-cadre CANUT' });
	await page.waitForURL(/programme=/);
	await expect.poll(() => missions.count()).toBe(1);
	expect(await missions.first().textContent()).toContain('Commande n° 1');
	await filters.locator('select[name=beneficiaire]').selectOption({ label: 'CHU de Lyon' });
	await page.waitForURL(/beneficiaire=/);
	await filters.locator('select[name=statut]').selectOption({ label: 'Terminée' });
	await page.waitForURL(/statut=COMPLETED/);
	await expect.poll(() => page.getByTestId('dashboard-empty').textContent()).toContain('Aucune mission');
	await page.goBack();
	await expect.poll(() => missions.count()).toBe(1);
	// The period: a start typed the French way and read when the field is left.
	await filters.getByTestId('filter-from').fill('01/01/2099');
	await filters.getByTestId('filter-from').blur();
	await page.waitForURL(/du=2099-01-01/);
	await expect.poll(() => missions.count()).toBe(0);
	await page.screenshot({ path: '/tmp/programmes-e2e-dashboard.png', fullPage: true });
	await filters.getByRole('link', { name: 'Effacer les filtres' }).click();
	await page.waitForURL((url) => url.search === '');
	await expect.poll(() => missions.count()).toBe(all);
	await page.context().close();
});

test('the programme’s managers edit and remove beneficiaries and price lines, in French', async () => {
	const page = await newPage();
	await logIn(page, baseUrl, DEMO.coordinator);
	page.on('dialog', (dialog) => void dialog.accept());
	await page.goto(programmeUrl);
	const beneficiaries = page.getByTestId('beneficiaries');
	const form = page.getByTestId('beneficiary-form');
	await beneficiaries.getByRole('button', { name: 'Modifier CHU de Lyon' }).click();
	expect(await form.locator('input[name=siret]').inputValue()).toBe('73282932000074');
	// A SIRET whose key is wrong is refused in French; the stored one stays.
	await form.locator('input[name=siret]').fill('732 829 320 00075');
	await form.getByRole('button', { name: 'Enregistrer' }).click();
	await expect.poll(() => page.getByTestId('beneficiary-error').textContent()).toContain('SIRET invalide');
	await page.reload();
	expect(await beneficiaries.textContent()).toContain('73282932000074');
	await beneficiaries.getByRole('button', { name: 'Modifier CHU de Lyon' }).click();
	await form.locator('input[name=isMember]').check();
	await form.locator('input[name=contactName]').fill('Mme Garnier');
	await form.locator('input[name=contactPhone]').fill('04 72 00 00 00');
	await form.getByRole('button', { name: 'Enregistrer' }).click();
	const chuRow = beneficiaries.locator('tr[data-beneficiary="CHU de Lyon"]');
	await expect.poll(() => chuRow.textContent()).toContain('Mme Garnier — 04 72 00 00 00');
	expect(await chuRow.locator('td').nth(2).textContent()).toBe('oui');
	// The CHU has an order: it cannot be removed, and the page says why.
	await beneficiaries.getByRole('button', { name: 'Supprimer CHU de Lyon' }).click();
	await expect
		.poll(() => page.getByTestId('beneficiary-error').textContent())
		.toContain(
			'« CHU de Lyon » a 1 personne qui le représente, 1 commande (n° 1) et 1 mission : il ne peut pas être supprimé.'
		);
	// A beneficiary nothing refers to is added, then removed.
	await form.locator('input[name=name]').fill('Lycée Ampère');
	await form.getByRole('button', { name: 'Ajouter le bénéficiaire' }).click();
	await expect.poll(() => beneficiaries.textContent()).toContain('Lycée Ampère');
	await beneficiaries.getByRole('button', { name: 'Supprimer Lycée Ampère' }).click();
	await expect.poll(() => beneficiaries.textContent()).not.toContain('Lycée Ampère');

	// The price list: the expert day is repriced; it is on order 1's quote, so it stays.
	const prices = page.getByTestId('price-list');
	const lineForm = page.getByTestId('price-line-form');
	await prices.getByRole('button', { name: 'Modifier la ligne EXP' }).click();
	expect(plain(await lineForm.locator('input[name=price]').inputValue())).toBe('1 000,00');
	await lineForm.locator('input[name=price]').fill('douze');
	await lineForm.getByRole('button', { name: 'Enregistrer' }).click();
	await expect.poll(() => page.getByTestId('price-line-error').textContent()).toContain('Prix unitaire HT');
	await lineForm.locator('input[name=price]').fill('1 100');
	await lineForm.getByRole('button', { name: 'Enregistrer' }).click();
	await expect.poll(async () => plain(await prices.textContent())).toContain('1 100,00 €');
	await prices.getByRole('button', { name: 'Supprimer la ligne EXP' }).click();
	await expect
		.poll(() => page.getByTestId('price-line-error').textContent())
		.toBe('La ligne EXP est utilisée par la commande n° 1 : elle ne peut pas être supprimée.');
	await lineForm.locator('input[name=code]').fill('JUN');
	await lineForm.locator('input[name=label]').fill('Consultant junior');
	await lineForm.locator('input[name=price]').fill('500');
	await lineForm.getByRole('button', { name: 'Ajouter au bordereau' }).click();
	await expect.poll(() => prices.textContent()).toContain('Consultant junior');
	await page.screenshot({ path: '/tmp/programmes-e2e-setup.png', fullPage: true });
	await prices.getByRole('button', { name: 'Supprimer la ligne JUN' }).click();
	await expect.poll(() => prices.textContent()).not.toContain('Consultant junior');
	expect(await prices.textContent()).toContain('Consultant expert');
	await page.context().close();
});
