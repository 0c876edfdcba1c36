// A reload of an unchanged mission page answered 304 before its load and rendering run.
//
// SvelteKit tags each page with a hash of its HTML and answers 304 when the browser's copy has
// that tag, but only after loading and rendering the whole page again (the hash is of the result):
// 8–20 ms of a server's CPU for a 50- to 1 000-task plan, for an empty answer. The mission page's
// HTML is a function of the database, the signed-in user, the address and the day, nothing else
// (its code is this process's). So when this process sent a tag for the same user, address and
// day, and the database has not changed since (its change stamp: every write of this process, and
// every commit of another connection, moves it), the page would come out the same: 304 at once.
// Any write, to any row, makes the next request render again; SvelteKit's own check then still
// answers 304 if the HTML did not change, and the tag is remembered with the new stamp.
import { today } from '$lib/domain/dates';
import type { AuthUser } from '../auth/sessions';

/** Pages built from nothing but the database, the user, the address and the day. */
const VALIDATED_ROUTES: ReadonlySet<string> = new Set(['/missions/[id]']);

/** Tags remembered at most (the oldest forgotten first): a forgotten tag only costs a rendering. */
const MAX_TAGS = 1000;

interface PageRequest {
	request: Request;
	url: URL;
	route: { id: string | null };
	isDataRequest: boolean;
	locals: { user: AuthUser | null };
}

/** The tag of a single-tag If-None-Match, without a weak prefix (as SvelteKit compares them). */
function requestedTag(header: string | null): string | null {
	if (!header || header.includes(',')) return null;
	const tag = header.trim();
	return tag.startsWith('W/') ? tag.slice(2) : tag;
}

export class PageValidators {
	/** Tag and context → the database stamp the page was rendered at. */
	readonly #stamps = new Map<string, string>();

	/** The request's context, or null for requests whose page this does not vouch for. */
	context(event: PageRequest): string | null {
		const user = event.locals.user;
		if (event.request.method !== 'GET' || event.isDataRequest || !user) return null;
		if (!event.route.id || !VALIDATED_ROUTES.has(event.route.id)) return null;
		// The whole user (name and rights are in the page), the whole address (?phases=open unfolds).
		const { sessionId: _session, ...shown } = user;
		return JSON.stringify([shown, event.url.href, today()]);
	}

	/** The tag to answer 304 with: the browser's, if this process rendered it in this context at this stamp. */
	unchanged(request: Request, context: string, stamp: string): string | null {
		const tag = requestedTag(request.headers.get('if-none-match'));
		return tag !== null && this.#stamps.get(`${tag}\n${context}`) === stamp ? tag : null;
	}

	/**
	 * Notes the tag of a page rendered in this context, with the stamp read before its load ran:
	 * a write during the load makes the stamp older than the page, which only costs a rendering.
	 */
	remember(response: Response, context: string, stamp: string): void {
		const tag = response.headers.get('etag');
		if (response.status !== 200 || !tag) return;
		const key = `${tag}\n${context}`;
		this.#stamps.delete(key);
		if (this.#stamps.size >= MAX_TAGS) this.#stamps.delete(this.#stamps.keys().next().value!);
		this.#stamps.set(key, stamp);
	}
}

/** A 304 for the browser's copy: the tag, and Vary as the 200 had it (hooks compress pages). */
export function notModifiedResponse(tag: string): Response {
	return new Response(null, { status: 304, headers: { etag: tag, vary: 'Accept-Encoding' } });
}
