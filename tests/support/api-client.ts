// Reads the API over HTTP the way the browser does (tRPC's GET query format, no transformer),
// with the signed-in page's cookies.
import type { APIRequestContext } from 'playwright-core';
import type { MissionPlan } from '$lib/domain/mission-plan';

export async function trpcQuery<T>(
	request: APIRequestContext,
	baseUrl: string,
	path: string,
	input?: unknown
): Promise<T> {
	const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
	const response = await request.get(`${baseUrl}/api/trpc/${path}${query}`);
	const body = (await response.json()) as { result?: { data: T }; error?: unknown };
	if (!response.ok() || !body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
	return body.result.data;
}

/** A tRPC mutation over HTTP, as the browser sends it (JSON body, same-origin). */
export async function trpcMutation<T = unknown>(
	request: APIRequestContext,
	baseUrl: string,
	path: string,
	input: unknown
): Promise<T> {
	const response = await request.post(`${baseUrl}/api/trpc/${path}`, {
		data: input,
		headers: { origin: baseUrl, 'content-type': 'application/json' }
	});
	if (!response.ok()) throw new Error(`${path} failed: ${await response.text()}`);
	return ((await response.json()) as { result: { data: T } }).result.data;
}

/** The administrator global-setup creates for the end-to-end run. */
export const E2E_ADMIN = { email: 'admin@e2e.jalon.fr', password: 'admin-e2e-password' };

export async function missionPlan(
	request: APIRequestContext,
	baseUrl: string,
	missionId: string
): Promise<MissionPlan> {
	return trpcQuery<MissionPlan>(request, baseUrl, 'missions.get', { missionId });
}

export async function cufMissionId(request: APIRequestContext, baseUrl: string): Promise<string> {
	const missions = await trpcQuery<{ id: string; clientOrganisation: string }[]>(request, baseUrl, 'missions.list');
	const cuf = missions.find((m) => m.clientOrganisation === 'Cités Unies France');
	if (!cuf) throw new Error('The seeded CUF mission is missing');
	return cuf.id;
}

/**
 * A new mission from the CUF mission as seeded (its backup read by the global set-up, before any
 * test changed the shared one): each test that edits a plan starts from the same dates.
 */
export async function copyOfSeededCuf(request: APIRequestContext, baseUrl: string, backup: unknown): Promise<string> {
	const { id } = await trpcMutation<{ id: string }>(request, baseUrl, 'documents.importMission', { document: backup });
	return id;
}
