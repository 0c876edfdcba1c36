// Helpers for the API tests: find rows in a plan, call the API over HTTP, check typed errors.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import type { Database } from '$lib/server/db';
import type { MissionPlan } from '$lib/domain/mission-plan';
import type { AppErrorCode } from '$lib/server/trpc/trpc';
import { appRouter } from '$lib/server/trpc/root';
import { seedCufMission } from '$lib/server/seed';
import { callerFor, TEST_ADMIN } from './test-database';

export const TODAY = '2025-12-01';

export type Caller = ReturnType<typeof callerFor>;
export type PlanTask = MissionPlan['tasks'][number];

export function taskNamed(plan: MissionPlan, prefix: string): PlanTask {
	const matches = plan.tasks.filter((t) => t.name.startsWith(prefix));
	if (matches.length !== 1) throw new Error(`Expected one task starting with "${prefix}", found ${matches.length}`);
	return matches[0]!;
}

export function deliverableNumbered(plan: MissionPlan, number: number): MissionPlan['deliverables'][number] {
	const deliverable = plan.deliverables.find((d) => d.number === number);
	if (!deliverable) throw new Error(`No deliverable ${number}`);
	return deliverable;
}

export function milestoneNamed(plan: MissionPlan, prefix: string): MissionPlan['milestones'][number] {
	const milestone = plan.milestones.find((m) => m.name.startsWith(prefix));
	if (!milestone) throw new Error(`No milestone starting with "${prefix}"`);
	return milestone;
}

/** Seeds the CUF mission and returns its id with a caller frozen on TODAY. */
export async function seededMission(db: Database): Promise<{ missionId: string; api: Caller }> {
	const missionId = await seedCufMission(db);
	return { missionId, api: callerFor(db, TODAY) };
}

/** Awaits a call that must fail with a typed application error and returns the error. */
export async function expectAppError(
	call: Promise<unknown>,
	code: TRPCError['code'],
	appCode?: AppErrorCode
): Promise<TRPCError> {
	const error = await call.then(
		() => {
			throw new Error('Expected the call to fail');
		},
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(TRPCError);
	const trpcError = error as TRPCError & { appCode?: AppErrorCode };
	expect(trpcError.code).toBe(code);
	if (appCode) expect(trpcError.appCode).toBe(appCode);
	return trpcError;
}

export interface HttpErrorBody {
	error: {
		message: string;
		code: number;
		data: {
			code: string;
			httpStatus: number;
			path?: string;
			appCode: AppErrorCode;
			fieldErrors?: Record<string, string[]>;
			stack?: string;
		};
	};
}

/** Calls a mutation through the real fetch adapter, as the browser does. */
export async function httpMutation(
	db: Database,
	path: string,
	input: unknown
): Promise<{ status: number; body: unknown; text: string }> {
	const response = await fetchRequestHandler({
		router: appRouter,
		createContext: () => ({ db, today: () => TODAY, user: TEST_ADMIN }),
		req: new Request(`http://localhost/api/trpc/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(input)
		}),
		endpoint: '/api/trpc'
	});
	const text = await response.text();
	return { status: response.status, body: JSON.parse(text) as unknown, text };
}

/** Calls a mutation over HTTP that must fail; checks the status and the formatted codes. */
export async function expectHttpError(
	db: Database,
	path: string,
	input: unknown,
	expected: { status: number; code: string; appCode: AppErrorCode }
): Promise<HttpErrorBody['error']> {
	const { status, body, text } = await httpMutation(db, path, input);
	expect(status).toBe(expected.status);
	const { error } = body as HttpErrorBody;
	expect(error.data.code).toBe(expected.code);
	expect(error.data.appCode).toBe(expected.appCode);
	expect(error.data.httpStatus).toBe(expected.status);
	expect(error.data.path).toBe(path);
	// Nothing from the server's internals goes out.
	expect(error.data.stack).toBeUndefined();
	expect(text).not.toMatch(/\bat .+:\d+:\d+/);
	expect(text).not.toMatch(/prisma|sqlite|invocation/i);
	return error;
}

/** Loosely checks that a message is French prose (accented letters, French words or typography). */
export function expectFrench(message: string): void {
	expect(message.length).toBeGreaterThan(5);
	expect(message).toMatch(
		/[éèêàùçôî’«»]|\b(la|le|les|une?|des?|doit|ne|pas|introuvable|manquant|obligatoire|invalide|date|tâches?)\b/i
	);
	expect(message).not.toMatch(/\b(the|must|invalid input|expected|not found|required)\b/i);
}
