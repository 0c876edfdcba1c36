// The tRPC endpoint, on the fetch adapter.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { RequestHandler } from './$types';
import { today } from '$lib/domain/dates';
import { getDatabase } from '$lib/server/db';
import { boundedTrpcRequest } from '$lib/server/http/structured-input';
import { appRouter } from '$lib/server/trpc/root';
import { AppError } from '$lib/server/trpc/trpc';

const handler: RequestHandler = async ({ request, locals }) => {
	const db = await getDatabase();
	// Depth and size bounded on the raw text, before tRPC parses the input and a procedure walks or
	// clones it (a deep body once crashed the process in Worker.postMessage).
	const bounded = await boundedTrpcRequest(request);
	const refusal = bounded.refusal ? new AppError(bounded.refusal.code, bounded.refusal.message) : null;
	return fetchRequestHandler({
		endpoint: '/api/trpc',
		req: bounded.request,
		router: appRouter,
		maxBatchSize: 20,
		// A refused input fails every call of the batch with the typed error, in tRPC's own format.
		createContext: () => {
			if (refusal) throw refusal;
			return { db, today: () => today(), user: locals.user };
		},
		onError({ error, path }) {
			if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'}:`, error.cause ?? error);
		}
	});
};

export const GET = handler;
export const POST = handler;
