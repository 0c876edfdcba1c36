// The tRPC client itself, in its own chunk: `client.ts` loads it on first use.
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '$lib/server/trpc/root';

export const client = createTRPCClient<AppRouter>({
	links: [httpBatchLink({ url: '/api/trpc' })]
});
