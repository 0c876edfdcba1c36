// Server hooks: first-start seeding, a same-origin check on API writes, security headers.
import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { redirect } from '@sveltejs/kit';
import { ensureAdministrator, ensureDemoUsers } from '$lib/server/auth/bootstrap';
import { SESSION_COOKIE, validateSession } from '$lib/server/auth/sessions';
import { getDatabase, sqliteOf } from '$lib/server/db';
import { compressResponse } from '$lib/server/http/compression';
import { notModifiedResponse, PageValidators } from '$lib/server/http/page-validators';
import { isCrossOriginWrite, serverOrigin } from '$lib/server/http/same-origin';
import { settleUnreadBody } from '$lib/server/http/unread-body';
import { seedIfEmpty } from '$lib/server/seed';

export const init: ServerInit = async () => {
	const db = await getDatabase();
	const admin = await ensureAdministrator(db);
	if (admin) {
		console.log(
			admin.password
				? `Jalon: compte administrateur créé : ${admin.email} / mot de passe à usage unique : ${admin.password} (changez-le).`
				: `Jalon: compte administrateur créé : ${admin.email} (mot de passe de JALON_ADMIN_PASSWORD).`
		);
	}
	const seeded = await seedIfEmpty(db);
	if (seeded) console.log(`Jalon: base vide, mission CUF 2025 créée (${seeded}).`);
	// Demo accounts, one per role, only for development and tests.
	if (process.env.JALON_DEMO_USERS === '1') {
		const cuf = await db.mission.findFirst({
			where: { clientOrganisation: 'Cités Unies France' },
			orderBy: { createdAt: 'asc' }
		});
		if (cuf) await ensureDemoUsers(db, cuf.id);
	}
};

/** Reads the session cookie into `locals.user`. */
const session: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const token = event.cookies.get(SESSION_COOKIE) ?? null;
	event.locals.sessionToken = token;
	event.locals.user = token ? await validateSession(await getDatabase(), token) : null;
	if (event.locals.serverTiming) event.locals.serverTiming.session = performance.now() - started;
	if (token && !event.locals.user) event.cookies.delete(SESSION_COOKIE, { path: '/' });
	return resolve(event);
};

const PASSWORD_PAGE = '/account/password';
const OPEN_PATHS = ['/login', '/api/health', '/api/bench/floor', '/favicon.svg'];

/** Pages need a signed-in user; the API answers 401 itself (per procedure). */
const requireLogin: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname;
	// Calendar feeds authenticate with the token in their URL (calendar applications cannot log in).
	const open =
		OPEN_PATHS.includes(path) || path.startsWith('/api/') || path.startsWith('/_app/') || path.startsWith('/calendar/');
	if (!event.locals.user && !open) {
		redirect(303, `/login?redirectTo=${encodeURIComponent(path + event.url.search)}`);
	}
	// A one-time password leads to its change before anything else (the API refuses the rest itself).
	if (event.locals.user?.mustChangePassword && !open && path !== PASSWORD_PAGE && path !== '/logout') {
		redirect(303, PASSWORD_PAGE);
	}
	return resolve(event);
};

/** Every write (form post or JSON API call) must come from this site's origin (http/same-origin.ts). */
const sameOriginWrites: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	const expected = serverOrigin({
		url,
		configured: Boolean(process.env.ORIGIN || process.env.PROTOCOL_HEADER),
		encrypted: event.platform?.req ? 'encrypted' in event.platform.req.socket : undefined
	});
	const crossOrigin = isCrossOriginWrite({
		method: request.method,
		origin: request.headers.get('origin'),
		fetchSite: request.headers.get('sec-fetch-site'),
		expected
	});
	if (crossOrigin) {
		return new Response(
			JSON.stringify({ error: { message: 'Requête d’une autre origine refusée.', appCode: 'FORBIDDEN_ORIGIN' } }),
			{
				status: 403,
				headers: { 'content-type': 'application/json' }
			}
		);
	}
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	return response;
};

const pageValidators = new PageValidators();

/**
 * A reload of an unchanged mission page: 304 before the load and the rendering run, when this
 * process sent that tag for the same user, address and day and the database has not changed
 * since (http/page-validators.ts). Runs after the session check (its own write comes first).
 */
const notModified: Handle = async ({ event, resolve }) => {
	const context = pageValidators.context(event);
	if (context === null) return resolve(event);
	const stamp = await sqliteOf(await getDatabase()).changeStamp();
	const tag = pageValidators.unchanged(event.request, context, stamp);
	if (tag !== null) return notModifiedResponse(tag);
	const response = await resolve(event);
	pageValidators.remember(response, context, stamp);
	return response;
};

/**
 * The bench (JALON_BENCH=1) reads where a page's time to first byte goes: Server-Timing with the
 * session check, the page's load (which sets locals.serverTiming.load) and the rest (rendering).
 */
const serverTiming: Handle = async ({ event, resolve }) => {
	if (process.env.JALON_BENCH !== '1') return resolve(event);
	const started = performance.now();
	const timing: Record<string, number> = (event.locals.serverTiming = {});
	const response = await resolve(event);
	const total = performance.now() - started;
	const render = total - (timing.session ?? 0) - (timing.load ?? 0);
	const entries = { ...timing, render, total };
	const value = Object.entries(entries).map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`);
	// Rendered responses have mutable headers; a static file's may not.
	try {
		response.headers.append('server-timing', value.join(', '));
	} catch {
		/* immutable headers: no timing */
	}
	return response;
};

/** Pages, tRPC's JSON and text exports compressed (the built JS and CSS are precompressed). */
const compression: Handle = async ({ event, resolve }) => compressResponse(event.request, await resolve(event));

/** A body left unread by the answer is drained or the connection closed (http/unread-body.ts). */
const unreadBody: Handle = async ({ event, resolve }) => settleUnreadBody(event.request, await resolve(event));

export const handle = sequence(
	unreadBody,
	compression,
	serverTiming,
	sameOriginWrites,
	session,
	requireLogin,
	securityHeaders,
	notModified
);
