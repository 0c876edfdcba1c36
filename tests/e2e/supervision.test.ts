// A supervisor decides from the dashboard: the waiting hand-in is an entry with its version, its
// document and a link to the mission; « À reprendre… » asks for a confirmation and refuses an
// empty comment; « Valider… » says which tranche becomes payable, and the decision is recorded.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { E2E_ADMIN, trpcMutation, trpcQuery } from '../support/api-client';
import { DEMO, logIn } from './pages/mission-page';

const baseUrl = inject('baseUrl');
let browser: Browser;
const contexts: BrowserContext[] = [];
const TITLE = 'Étude supervisée depuis le tableau de bord';

async function signedIn(email: string, password?: string): Promise<Page> {
	const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 1000 } });
	contexts.push(context);
	const page = await context.newPage();
	await logIn(page, baseUrl, email, password);
	return page;
}

const mutate = <T = unknown>(request: APIRequestContext, path: string, input: unknown) =>
	trpcMutation<T>(request, baseUrl, path, input);

beforeAll(async () => {
	browser = await launchChromium();
});

afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
});

test('a supervisor asks for rework, then validates, from the dashboard, each time confirming with a comment', async () => {
	// A mission of its own (the CUF one is shared with other files), with the demo coordinator and supervisor.
	const admin = await signedIn(E2E_ADMIN.email, E2E_ADMIN.password);
	const { id: missionId } = await mutate<{ id: string }>(admin.context().request, 'documents.createFromTemplate', {
		templateId: 'builtin:study',
		kickoffDate: '2026-01-05',
		title: TITLE,
		clientOrganisation: 'Commune de Test',
		budgetCapCents: 2_000_000,
		capBasis: 'TTC'
	});
	const users = await trpcQuery<{ id: string; email: string }[]>(admin.context().request, baseUrl, 'admin.users');
	for (const [email, role] of [
		[DEMO.coordinator, 'COORDINATOR'],
		[DEMO.supervisor, 'SUPERVISOR']
	] as const) {
		const userId = users.find((u) => u.email === email)!.id;
		await mutate(admin.context().request, 'admin.grantRole', { userId, missionId, role });
	}

	const coordinator = await signedIn(DEMO.coordinator);
	type Plan = { deliverables: { id: string; number: number; status: string; version: number }[] };
	const plan = await trpcQuery<Plan>(coordinator.context().request, baseUrl, 'missions.get', { missionId });
	const diagnostic = plan.deliverables.find((d) => d.number === 2)!;
	await mutate(coordinator.context().request, 'deliverables.transition', {
		deliverableId: diagnostic.id,
		action: 'SUBMIT',
		versionLabel: 'v1',
		link: 'https://exemple.fr/diagnostic-v1.pdf',
		comment: 'Diagnostic complet',
		expectedVersion: diagnostic.version
	});

	const supervisor = await signedIn(DEMO.supervisor);
	expect(new URL(supervisor.url()).pathname).toBe('/dashboard');
	const section = supervisor.getByTestId('dashboard-mission').filter({ hasText: TITLE });
	const entry = section.locator('[data-testid=awaiting-entry][data-deliverable="2"]');
	const entryText = (await entry.textContent())!.replace(/\s+/g, ' ');
	expect(entryText).toContain('livrable 2 — Diagnostic');
	expect(entryText).toContain('v1 remise par Camille Coordination');
	expect(entryText).toContain('« Diagnostic complet »');
	expect(await entry.getByRole('link', { name: 'ouvrir le document' }).getAttribute('href')).toBe(
		'https://exemple.fr/diagnostic-v1.pdf'
	);
	expect(await entry.getByRole('link', { name: 'livrable 2 — Diagnostic' }).getAttribute('href')).toBe(
		`/missions/${missionId}#livrables`
	);

	// « À reprendre… »: a confirmation that refuses an empty comment, in French, and changes nothing.
	await entry.getByRole('button', { name: 'À reprendre…' }).click();
	const form = entry.getByTestId('decision-form');
	await expect(form.textContent()).resolves.toContain('Demander la reprise du livrable 2 « Diagnostic » ?');
	await form.getByRole('button', { name: 'Confirmer la demande de reprise' }).click();
	await expect(form.getByRole('alert').textContent()).resolves.toBe(
		'Expliquez ce qui est à reprendre dans un commentaire.'
	);
	await supervisor.screenshot({ path: '/tmp/workflow-dashboard-rework-empty.png', fullPage: true });
	const status = async () =>
		(await trpcQuery<Plan>(supervisor.context().request, baseUrl, 'missions.get', { missionId })).deliverables.find(
			(d) => d.number === 2
		)!.status;
	await expect(status()).resolves.toBe('SUBMITTED');
	await form.locator('textarea[name=decisionComment]').fill('Ajouter le benchmark des outils');
	await form.getByRole('button', { name: 'Confirmer la demande de reprise' }).click();
	await expect
		.poll(() => supervisor.getByTestId('decision-done').textContent())
		.toBe('Livrable 2 renvoyé à reprendre.');
	await expect.poll(() => entry.count()).toBe(0);
	await expect(status()).resolves.toBe('REWORK');

	await mutate(coordinator.context().request, 'deliverables.transition', {
		deliverableId: diagnostic.id,
		action: 'SUBMIT',
		versionLabel: 'v2',
		expectedVersion: (
			await trpcQuery<Plan>(coordinator.context().request, baseUrl, 'missions.get', { missionId })
		).deliverables.find((d) => d.number === 2)!.version
	});
	await supervisor.reload();
	await entry.waitFor();
	// « Valider… » says what it entails; « Annuler » leaves it waiting.
	await entry.getByRole('button', { name: 'Valider…' }).click();
	await expect(form.textContent()).resolves.toContain(
		'elle rend exigible la tranche « Mi-mission (diagnostic validé) »'
	);
	await form.getByRole('button', { name: 'Annuler' }).click();
	expect(await form.count()).toBe(0);
	await expect(status()).resolves.toBe('SUBMITTED');
	await entry.getByRole('button', { name: 'Valider…' }).click();
	await form.locator('textarea[name=decisionComment]').fill('Conforme au cahier des charges');
	await supervisor.screenshot({ path: '/tmp/workflow-dashboard-validate.png', fullPage: true });
	await form.getByRole('button', { name: 'Confirmer la validation' }).click();
	await expect.poll(() => supervisor.getByTestId('decision-done').textContent()).toBe('Livrable 2 validé.');
	await expect.poll(() => entry.count()).toBe(0);
	await expect(status()).resolves.toBe('VALIDATED');
	const submissions = await trpcQuery<{ versionLabel: string; decision: string; decisionComment: string }[]>(
		supervisor.context().request,
		baseUrl,
		'deliverables.submissions',
		{ deliverableId: diagnostic.id }
	);
	expect(submissions.map((s) => [s.versionLabel, s.decision, s.decisionComment])).toEqual([
		['v1', 'REWORK', 'Ajouter le benchmark des outils'],
		['v2', 'VALIDATED', 'Conforme au cahier des charges']
	]);
	await supervisor.screenshot({ path: '/tmp/workflow-dashboard-done.png', fullPage: true });
});
