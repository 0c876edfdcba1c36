// The tRPC endpoint, on the fetch adapter.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { RequestHandler } from './$types';
import { today } from '$lib/domain/dates';
import { getDatabase } from '$lib/server/db';
import { appRouter } from '$lib/server/trpc/root';

const handler: RequestHandler = async ({ request, locals }) => {
	const db = await getDatabase();
	return fetchRequestHandler({
		endpoint: '/api/trpc',
		req: request,
		router: appRouter,
		maxBatchSize: 20,
		createContext: () => ({ db, today: () => today(), user: locals.user }),
		onError({ error, path }) {
			if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? '?'}:`, error.cause ?? error);
		}
	});
};

export const GET = handler;
export const POST = handler;
