// See https://svelte.dev/docs/kit/types#app.d.ts
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
	}
}

export {};
