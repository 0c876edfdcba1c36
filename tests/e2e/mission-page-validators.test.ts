// A reload of an unchanged mission page is answered 304 before the page is loaded or rendered
// (hooks.server.ts, server/http/page-validators.ts). Never for a page that would come out
// different: after a plan edit, a finance change, a role change, or for another user.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { generatedMission } from '../../bench/data';
import type { MissionPlan } from '$lib/domain/mission-plan';

const baseUrl = inject('baseUrl');
const DEMO_PASSWORD = 'demo-jalon-2025';

async function logIn(email: string, password: string): Promise<string> {
	const response = await fetch(`${baseUrl}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
		body: new URLSearchParams({ email, password }).toString()
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error(`log-in of ${email} failed (${response.status})`);
	return cookie;
}

async function call<T>(cookie: string, procedure: string, input: unknown, method: 'GET' | 'POST' = 'POST'): Promise<T> {
	const response =
		method === 'GET'
			? await fetch(`${baseUrl}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, {
					headers: { cookie }
				})
			: await fetch(`${baseUrl}/api/trpc/${procedure}`, {
					method: 'POST',
					headers: { cookie, origin: baseUrl, 'content-type': 'application/json' },
					body: JSON.stringify(input)
				});
	const body = (await response.json()) as { result?: { data: T }; error?: unknown };
	if (!body.result) throw new Error(`${procedure}: ${JSON.stringify(body.error)}`);
	return body.result.data;
}

/** The mission page as a browser reloads it: with the tag of its copy, if it has one. */
async function page(cookie: string, path: string, tag?: string): Promise<{ status: number; tag: string }> {
	const response = await fetch(`${baseUrl}${path}`, {
		redirect: 'manual',
		headers: { cookie, 'accept-encoding': 'gzip, deflate, br', ...(tag ? { 'if-none-match': tag } : {}) }
	});
	await response.arrayBuffer();
	return { status: response.status, tag: response.headers.get('etag') ?? '' };
}

let admin: string;
let coordinator: string;
let finance: string;
let viewer: string;
let missionId: string;
let path: string;
let users: { id: string; email: string }[];

/** A fresh 200 of the page, then the same tag again: 304 (nothing changed). */
async function freshTag(cookie: string): Promise<string> {
	const first = await page(cookie, path);
	expect(first.status).toBe(200);
	expect(first.tag).not.toBe('');
	expect((await page(cookie, path, first.tag)).status).toBe(304);
	return first.tag;
}

const userId = (email: string) => users.find((u) => u.email === email)!.id;

beforeAll(async () => {
	admin = await logIn('admin@e2e.jalon.fr', 'admin-e2e-password');
	coordinator = await logIn('coordination@demo.jalon.fr', DEMO_PASSWORD);
	finance = await logIn('finance@demo.jalon.fr', DEMO_PASSWORD);
	viewer = await logIn('lecture@demo.jalon.fr', DEMO_PASSWORD);
	// A mission of its own, so that the other end-to-end files' writes do not matter here.
	const imported = await call<{ id: string }>(admin, 'documents.importMission', {
		document: generatedMission('Validateurs de page', 40, 4242, true)
	});
	missionId = imported.id;
	path = `/missions/${missionId}`;
	users = await call<{ id: string; email: string }[]>(admin, 'admin.users', undefined, 'GET');
	for (const [email, role] of [
		['coordination@demo.jalon.fr', 'COORDINATOR'],
		['finance@demo.jalon.fr', 'FINANCE'],
		['lecture@demo.jalon.fr', 'VIEWER']
	] as const)
		await call(admin, 'admin.grantRole', { userId: userId(email), missionId, role });
});

describe('the mission page answers 304 only while it would come out the same', () => {
	it('renders the same page twice from the same data (what the early 304 relies on)', async () => {
		const [first, second] = [await page(coordinator, path), await page(coordinator, path)];
		expect(first.status).toBe(200);
		expect(second).toEqual(first);
		const open = `${path}?phases=open`;
		expect((await page(coordinator, open)).tag).toBe((await page(coordinator, open)).tag);
	});

	it('a reload with the tag of an unchanged page is 304, again and again', async () => {
		const tag = await freshTag(coordinator);
		for (let i = 0; i < 3; i += 1) expect(await page(coordinator, path, tag)).toEqual({ status: 304, tag });
	});

	it('after a task is moved: the page again, with another tag', async () => {
		const tag = await freshTag(coordinator);
		const plan = await call<MissionPlan>(coordinator, 'missions.get', { missionId }, 'GET');
		const linked = new Set(plan.dependencies.flatMap((d) => [d.predecessorId, d.successorId]));
		const task = plan.tasks.find((t) => t.kind === 'TASK' && !linked.has(t.id))!;
		await call(coordinator, 'tasks.move', {
			taskId: task.id,
			startDate: '2026-03-02',
			endDate: '2026-03-06',
			expectedVersion: task.version
		});
		const after = await page(coordinator, path, tag);
		expect(after.status).toBe(200);
		expect(after.tag).not.toBe(tag);
	});

	it('after a finance change (by another user): the page again', async () => {
		const tag = await freshTag(coordinator);
		const { mission } = await call<MissionPlan>(finance, 'missions.get', { missionId }, 'GET');
		await call(finance, 'finance.updateTerms', {
			missionId,
			contractAmountHtCents: null,
			paymentDelayDays: 25,
			expectedVersion: mission.version
		});
		const after = await page(coordinator, path, tag);
		expect(after.status).toBe(200);
		expect(after.tag).not.toBe(tag);
	});

	it('after a role change: the page again', async () => {
		const tag = await freshTag(coordinator);
		const supervisor = { userId: userId('coordination@demo.jalon.fr'), missionId, role: 'SUPERVISOR' };
		await call(admin, 'admin.grantRole', supervisor);
		const granted = await page(coordinator, path, tag);
		expect(granted.status).toBe(200);
		expect(granted.tag).not.toBe(tag);
		await call(admin, 'admin.revokeRole', supervisor);
		const revoked = await page(coordinator, path, granted.tag);
		expect(revoked.status).toBe(200);
		expect(revoked.tag).toBe(tag);
	});

	it('another user with the tag of a page rendered for someone else: that user’s own page', async () => {
		const tag = await freshTag(coordinator);
		const other = await page(viewer, path, tag);
		expect(other.status).toBe(200);
		expect(other.tag).not.toBe(tag);
		// Signed out, the tag opens nothing: the log-in page.
		const anonymous = await fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: { 'if-none-match': tag } });
		expect(anonymous.status).toBe(303);
	});

	it('after a write elsewhere the page is rendered again, and is still the same page', async () => {
		const tag = await freshTag(coordinator);
		await call(admin, 'admin.grantRole', { userId: userId('lecture@demo.jalon.fr'), missionId, role: 'SUPERVISOR' });
		// The database moved: the page is rendered again and comes out the same (SvelteKit's 304).
		expect(await page(coordinator, path, tag)).toEqual({ status: 304, tag });
		expect(await page(coordinator, path, tag)).toEqual({ status: 304, tag });
	});
});
