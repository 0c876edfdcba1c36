// Accounts in the browser: no open redirect after log-in, and a password chosen by someone else
// (the first administrator's one-time password, or one an administrator set) changed before
// anything else.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { DEMO, logIn } from './pages/mission-page';

const baseUrl = inject('baseUrl');
const host = new URL(baseUrl).host;
let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
});

async function newPage() {
	const context = await browser.newContext({ locale: 'fr-FR' });
	// Nothing leaves the machine: a page that reached evil.example would say so.
	await context.route(
		(url) => url.hostname === 'evil.example',
		(route) => route.fulfill({ body: 'hameçonnage', contentType: 'text/html' })
	);
	return context.newPage();
}

test('redirectTo=/%5Cevil.example/phish stays on this site, before and after log-in', async () => {
	const page = await newPage();
	await page.goto(`${baseUrl}/login?redirectTo=/%5Cevil.example/phish`);
	await page.fill('input[name=email]', DEMO.coordinator);
	await page.fill('input[name=password]', 'demo-jalon-2025');
	await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type=submit]')]);
	expect(new URL(page.url()).host).toBe(host);
	// Already signed in, the log-in page redirects at once: the same rule.
	await page.goto(`${baseUrl}/login?redirectTo=/%5Cevil.example/phish`);
	expect(new URL(page.url()).host).toBe(host);
	expect(new URL(page.url()).pathname).toBe('/');
	// A path of the site is still followed.
	await page.goto(`${baseUrl}/login?redirectTo=/dashboard`);
	expect(new URL(page.url()).pathname).toBe('/dashboard');
	await page.context().close();
});

test('a password set by an administrator is changed at first log-in, before any other page', async () => {
	const admin = await newPage();
	await logIn(admin, baseUrl, 'admin@e2e.jalon.fr', 'admin-e2e-password');
	const email = `nouveau-${Date.now()}@e2e.jalon.fr`;
	const created = await admin.request.post(`${baseUrl}/api/trpc/admin.createUser`, {
		data: { email, name: 'Nina Nouvelle', password: 'mot de passe provisoire', mustChangePassword: true }
	});
	expect(created.ok()).toBe(true);
	await admin.context().close();

	const page = await newPage();
	await logIn(page, baseUrl, email, 'mot de passe provisoire');
	expect(new URL(page.url()).pathname).toBe('/account/password');
	await expect(page.getByTestId('password-forced').isVisible()).resolves.toBe(true);
	// Every other page leads back here until the password is changed.
	await page.goto(`${baseUrl}/dashboard`);
	expect(new URL(page.url()).pathname).toBe('/account/password');

	await page.fill('input[name=current]', 'mot de passe provisoire');
	await page.fill('input[name=next]', 'mon propre mot de passe');
	await page.fill('input[name=confirm]', 'mon propre mot de passe');
	await Promise.all([
		page.waitForURL((url) => url.pathname === '/'),
		page.click('button:has-text("Changer le mot de passe")')
	]);
	await page.goto(`${baseUrl}/dashboard`);
	expect(new URL(page.url()).pathname).toBe('/dashboard');
	await page.screenshot({ path: '/tmp/access-after-change.png' });

	// The provisional password no longer opens the account; the new one does, straight in.
	const again = await newPage();
	await again.goto(`${baseUrl}/login`);
	await again.waitForLoadState('networkidle');
	await again.fill('input[name=email]', email);
	await again.fill('input[name=password]', 'mot de passe provisoire');
	await again.click('button[type=submit]');
	await again.getByRole('alert').waitFor();
	await logIn(again, baseUrl, email, 'mon propre mot de passe');
	expect(new URL(again.url()).pathname).toBe('/');
	await page.context().close();
	await again.context().close();
});
