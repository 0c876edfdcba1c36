// The browser's tRPC client. It imports only the router's type, never server code.
//
// No page needs the client to show itself (pages read their data in their load), and with the
// parts of @trpc/server it pulls in it is ~6 KiB gzip of the mission page. So `api` is a stand-in
// of the same type that loads the real client on its first call, or as soon as the user starts
// interacting (a press, a key), which is before any edit can be sent.
import type { TRPCClient } from '@trpc/client';
import type { AppRouter } from '$lib/server/trpc/root';
import { lazyModule, preloadOn } from '$lib/lazy-module';

type Client = TRPCClient<AppRouter>;

const httpClient = lazyModule(() => import('./http-client'));
const loadClient = async (): Promise<Client> => (await httpClient.load()).client;

/** `api.tasks.move.mutate(input)` → the real client's same call, once it is loaded. */
function deferredPath(path: string[]): unknown {
	return new Proxy(() => {}, {
		// Not a promise, not an object with a toString: only procedure names lead further.
		get: (_target, key) =>
			typeof key === 'string' && key !== 'then' && key !== 'toJSON' && !(key in Object.prototype)
				? deferredPath([...path, key])
				: undefined,
		apply: async (_target, _this, args: unknown[]) => {
			let node: unknown = await loadClient();
			for (const key of path) node = (node as Record<string, unknown>)[key];
			return (node as (...a: unknown[]) => unknown)(...args);
		}
	});
}

export const api = deferredPath([]) as Client;

preloadOn([httpClient], ['pointerdown', 'keydown']);

/** The API's refusals (tRPC's TRPCClientError), told apart without loading the client's code. */
function apiError(error: unknown): (Error & { data?: unknown }) | undefined {
	return error instanceof Error && error.name === 'TRPCClientError' ? error : undefined;
}

/** The French message of an API error, for the user; a generic one for network failures. */
export function errorMessage(error: unknown): string {
	const refusal = apiError(error);
	if (refusal) return refusal.message;
	return 'Le serveur ne répond pas. La modification n’a pas été enregistrée.';
}

/** Per-field messages of a validation error, keyed by input path ("endDate", "dueRule.amount"). */
export function fieldErrors(error: unknown): Record<string, string[]> {
	const data = apiError(error)?.data as { fieldErrors?: Record<string, string[]> } | undefined;
	return data?.fieldErrors ?? {};
}

export function errorCode(error: unknown): string | undefined {
	return (apiError(error)?.data as { appCode?: string } | undefined)?.appCode;
}

/** The finer domain code of a refusal (`data.reason`), e.g. OVER_ENVELOPE beside OVER_CAP. */
export function errorReason(error: unknown): string | undefined {
	return (apiError(error)?.data as { reason?: string } | undefined)?.reason;
}
