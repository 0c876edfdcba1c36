// Turns an API refusal met while loading a page into the matching HTTP error page, in French.
import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';

export function pageError(cause: unknown): never {
	if (cause instanceof TRPCError) {
		if (cause.code === 'NOT_FOUND') error(404, { message: 'Mission introuvable.' });
		if (cause.code === 'FORBIDDEN') error(403, { message: cause.message });
		if (cause.code === 'UNAUTHORIZED') error(401, { message: cause.message });
		// A malformed id in the address (over 64 characters…): the input's French message, not a 500.
		if (cause.code === 'BAD_REQUEST') error(400, { message: 'Adresse invalide.' });
	}
	throw cause;
}
