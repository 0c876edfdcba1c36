// The history page as a coordinator reads it: a link's type and lag unit in French, a tied task by
// its name, and five presses of → on a bar (which pushed its successor) as one row.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { E2E_ADMIN, trpcMutation, trpcQuery } from '../support/api-client';
import { DEMO, logIn, MissionPage } from './pages/mission-page';

const baseUrl = inject('baseUrl');
let browser: Browser;
const contexts: BrowserContext[] = [];

async function signedIn(email: string, password?: string): Promise<Page> {
	const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1500, height: 1000 } });
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

test('the history reads in French, with names, one row per action', async () => {
	const admin = await signedIn(E2E_ADMIN.email, E2E_ADMIN.password);
	const { id: missionId } = await mutate<{ id: string }>(admin.context().request, 'documents.createFromTemplate', {
		templateId: 'builtin:study',
		kickoffDate: '2026-01-05',
		title: 'Étude à l’historique lisible',
		clientOrganisation: 'Commune de Test',
		budgetCapCents: 2_000_000,
		capBasis: 'TTC'
	});
	const users = await trpcQuery<{ id: string; email: string }[]>(admin.context().request, baseUrl, 'admin.users');
	const coordinatorId = users.find((u) => u.email === DEMO.coordinator)!.id;
	await mutate(admin.context().request, 'admin.grantRole', { userId: coordinatorId, missionId, role: 'COORDINATOR' });

	const page = await signedIn(DEMO.coordinator);
	const request = page.context().request;
	type Plan = {
		tasks: { id: string; name: string; startDate: string; version: number }[];
		deliverables: { id: string; number: number; version: number }[];
	};
	const plan = await trpcQuery<Plan>(request, baseUrl, 'missions.get', { missionId });
	const task = (name: string) => plan.tasks.find((t) => t.name.startsWith(name))!;
	const audit = task('Analyse et rapport');
	await mutate(request, 'tasks.link', {
		predecessorId: task('Réunion de cadrage').id,
		successorId: audit.id,
		type: 'SS',
		lagDays: 2,
		lagUnit: 'WORKING_DAYS',
		expectedVersion: audit.version
	});
	const d1 = plan.deliverables.find((d) => d.number === 1)!;
	await mutate(request, 'deliverables.update', {
		deliverableId: d1.id,
		anchorTaskId: audit.id,
		expectedVersion: d1.version
	});

	// Five presses of → on « Recommandations et feuille de route », which pushes « Restitution finale ».
	const view = new MissionPage(page, baseUrl);
	await view.open(missionId);
	const roadmap = task('Recommandations et feuille de route');
	await page.locator(`.bar-wrapper[data-id="task-${roadmap.id}"]`).focus();
	for (let press = 0; press < 5; press += 1) {
		await page.evaluate(() =>
			document.querySelector('[data-testid=save-status]')?.setAttribute('data-state', 'pending-test')
		);
		await page.keyboard.press('ArrowRight');
		await page.waitForSelector('[data-testid=save-status][data-state=saved]');
	}

	await page.goto(`${baseUrl}/missions/${missionId}/history`);
	// One body per action: its object, its action, every line of its changes.
	const rows = await page.getByTestId('history-entry').evaluateAll((bodies) =>
		bodies.map((body) => {
			const cell = (col: string) => (body.querySelector(`[data-col=${col}]`)?.textContent ?? '').trim();
			const befores = [...body.querySelectorAll('[data-col=before]')].map((td) => td.textContent?.trim() ?? '');
			return [cell('object'), cell('action'), befores.join(' '), (body.textContent ?? '').replace(/\s+/g, ' ')];
		})
	);
	const moves = rows.filter((cells) => cells[1] === 'déplacement');
	expect(moves).toHaveLength(1);
	expect(moves[0]![0]).toContain('Tâche « Recommandations et feuille de route »');
	expect(moves[0]![0]).toContain('Tâche « Restitution finale »');
	expect(moves[0]![2]).toContain('16/02/2026');
	const shown = rows.map((cells) => cells[3]).join('\n');
	expect(shown).toContain('Type de lien');
	expect(shown).toContain('début → début (dd)');
	expect(shown).toContain('Unité du décalage');
	expect(shown).toContain('jours ouvrés');
	expect(shown).toContain('Tâche de rattachement');
	expect(shown).toContain('Tâche « Analyse et rapport d’audit »');
	expect(shown).not.toMatch(/\b(FS|SS|WORKING_DAYS|lagUnit|anchorTaskId)\b/);
	expect(shown).not.toContain(audit.id);
	await page.screenshot({ path: '/tmp/workflow-history.png', fullPage: true });
});
