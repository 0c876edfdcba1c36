// The browser's tRPC client. It imports only the router's type, never server code.
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '$lib/server/trpc/root';

export const api = createTRPCClient<AppRouter>({
	links: [httpBatchLink({ url: '/api/trpc' })]
});

/** The French message of an API error, for the user; a generic one for network failures. */
export function errorMessage(error: unknown): string {
	if (error instanceof TRPCClientError) return error.message;
	return 'Le serveur ne répond pas. La modification n’a pas été enregistrée.';
}

/** Per-field messages of a validation error, keyed by input path ("endDate", "dueRule.amount"). */
export function fieldErrors(error: unknown): Record<string, string[]> {
	if (error instanceof TRPCClientError) {
		const data = error.data as { fieldErrors?: Record<string, string[]> } | undefined;
		return data?.fieldErrors ?? {};
	}
	return {};
}

export function errorCode(error: unknown): string | undefined {
	if (error instanceof TRPCClientError) return (error.data as { appCode?: string } | undefined)?.appCode;
	return undefined;
}
