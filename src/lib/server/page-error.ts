// Turns an API refusal met while loading a page into the matching HTTP error page, in French.
import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

/** `what` names the page's object for a 404 (« Programme introuvable. »); a mission by default. */
export function pageError(cause: unknown, what = 'Mission'): never {
	if (cause instanceof TRPCError) {
		if (cause.code === 'NOT_FOUND') error(404, { message: `${what} introuvable.` });
		if (cause.code === 'FORBIDDEN') error(403, { message: cause.message });
		if (cause.code === 'UNAUTHORIZED') error(401, { message: cause.message });
		// Heavy work refused (a plan beyond the limits, a job too slow, workers busy): its French message.
		if (cause.code === 'PAYLOAD_TOO_LARGE') error(413, { message: cause.message });
		if (cause.code === 'TIMEOUT' || cause.code === 'TOO_MANY_REQUESTS') error(503, { message: cause.message });
		// A malformed address (an id of 65 characters, a filter of 41): the input's French messages.
		if (cause.code === 'BAD_REQUEST') {
			const issues = cause.cause instanceof ZodError ? cause.cause.issues.map((issue) => issue.message) : [];
			error(400, { message: issues.length > 0 ? issues.join(' ') : 'Adresse invalide.' });
		}
	}
	throw cause;
}
