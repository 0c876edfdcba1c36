// A coordinator starts a mission from a template at a kick-off just before Christmas, then
// backs it up and restores the backup as a new mission.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { DEMO, logIn } from './pages/mission-page';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
});

test('framework order from its template, then a full backup restored as a new mission', async () => {
	const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 } });
	const page = await context.newPage();
	await logIn(page, baseUrl, DEMO.coordinator);
	await page.goto(`${baseUrl}/`);
	const form = page.getByTestId('template-form');
	await form.locator('select[name=templateId]').selectOption({ label: 'Commande sur accord-cadre' });
	await form.locator('input[name=title]').fill('Diagnostic numérique — commande n° 3');
	await form.locator('input[name=clientOrganisation]').fill('Centrale d’achat');
	await form.locator('input[name=kickoffDate]').fill('2025-12-15');
	await form.locator('input[name=budgetCap]').fill('9 000');
	await form.getByRole('button', { name: 'Créer depuis le modèle' }).click();
	await page.waitForURL(/\/missions\/[^/]+$/);
	const milestones = (await page.getByTestId('milestones').textContent()) ?? '';
	// Quote 10 working days after 15/12/2025, Christmas skipped; validation 10 more, New Year skipped.
	expect(milestones).toContain('30/12/2025');
	expect(milestones).toContain('14/01/2026');

	const missionUrl = page.url();

	// A private calendar link: readable without a session, refused once revoked.
	await page.click('summary:has-text("Abonnement calendrier")');
	await page.getByRole('button', { name: 'Créer un lien d’abonnement' }).click();
	const feedUrl = (await page.getByTestId('calendar-url').textContent())!;
	const anonymous = await browser.newContext();
	const ics = await anonymous.request.get(feedUrl);
	expect(ics.headers()['content-type']).toContain('text/calendar');
	expect(await ics.text()).toContain('DTSTART;VALUE=DATE:20251230');
	await page.getByRole('button', { name: 'Révoquer' }).click();
	await page.waitForSelector('button:has-text("Révoquer")', { state: 'detached' });
	expect((await anonymous.request.get(feedUrl)).status()).toBe(404);
	await anonymous.close();

	const backup = await context.request.get(`${missionUrl}/export.json`);
	expect(backup.headers()['content-disposition']).toContain('attachment');
	const document = await backup.json();
	expect(document.format).toBe('jalon.mission');

	await page.goto(`${baseUrl}/`);
	await page.getByTestId('import-file').setInputFiles({
		name: 'sauvegarde.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(document))
	});
	await page.waitForURL((url) => /\/missions\/[^/]+$/.test(url.pathname) && url.href !== missionUrl);
	await expect(page.getByTestId('mission-title').textContent()).resolves.toBe('Diagnostic numérique — commande n° 3');
	expect((await page.getByTestId('milestones').textContent()) ?? '').toContain('30/12/2025');

	// A backup naming a programme this server does not hold: restored, and the report says so.
	await page.goto(`${baseUrl}/`);
	const named = {
		...document,
		programme: {
			kind: 'SCHEME',
			title: 'Dispositif disparu',
			owner: 'Région',
			startDate: '2025-01-01',
			endDate: '2026-12-31',
			beneficiary: null,
			orderNumber: null
		}
	};
	await page.getByTestId('import-file').setInputFiles({
		name: 'sauvegarde-programme.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(named))
	});
	await expect(page.getByTestId('restore-report').textContent()).resolves.toContain(
		'La mission appartenait au programme « Dispositif disparu », absent de ce serveur : elle n’y est pas rattachée.'
	);
	await page.getByTestId('restore-report').getByRole('link').click();
	await page.waitForURL((url) => /\/missions\/[^/]+$/.test(url.pathname) && url.href !== missionUrl);

	await page.goto(`${baseUrl}/`);
	await page
		.getByTestId('import-file')
		.setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"autre"}') });
	await expect(page.locator('.alert.error').textContent()).resolves.toContain('Sauvegarde invalide');
	await context.close();
});
