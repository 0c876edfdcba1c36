// Server hooks: first-start seeding, a same-origin check on API writes, security headers.
import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getDatabase } from '$lib/server/db';
import { seedIfEmpty } from '$lib/server/seed';

export const init: ServerInit = async () => {
	const db = await getDatabase();
	const seeded = await seedIfEmpty(db);
	if (seeded) console.log(`Jalon: base vide, mission CUF 2025 créée (${seeded}).`);
};

/**
 * SvelteKit's own origin check only covers form posts, and only in production builds; the tRPC
 * endpoint takes JSON, so cross-site writes are refused here for every non-GET API request.
 */
const sameOriginWrites: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	if (request.method !== 'GET' && request.method !== 'HEAD' && url.pathname.startsWith('/api/')) {
		const origin = request.headers.get('origin');
		const fetchSite = request.headers.get('sec-fetch-site');
		// Hosts are compared, not full origins: without $ORIGIN, adapter-node assumes https.
		if ((origin && hostOf(origin) !== url.host) || fetchSite === 'cross-site') {
			return new Response(
				JSON.stringify({ error: { message: 'Requête d’une autre origine refusée.', appCode: 'FORBIDDEN_ORIGIN' } }),
				{
					status: 403,
					headers: { 'content-type': 'application/json' }
				}
			);
		}
	}
	return resolve(event);
};

function hostOf(origin: string): string | null {
	try {
		return new URL(origin).host;
	} catch {
		return null;
	}
}

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	return response;
};

export const handle = sequence(sameOriginWrites, securityHeaders);
