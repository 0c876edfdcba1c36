// See https://svelte.dev/docs/kit/types#app.d.ts
import type { IncomingMessage } from 'node:http';
import type { AuthUser } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			user: AuthUser | null;
			sessionToken: string | null;
			/** JALON_BENCH=1 only: ms spent per step of the request, sent as Server-Timing (hooks.server.ts). */
			serverTiming?: Record<string, number>;
		}
		/** adapter-node's (absent under `vite dev`): the raw request, for its connection's scheme. */
		interface Platform {
			req?: IncomingMessage;
		}
	}
}

export {};
