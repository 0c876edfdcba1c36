// An API refusal met while loading a page or a file becomes an HTTP error, never a 500.
import { isHttpError } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { pageError } from '$lib/server/page-error';

function statusOf(cause: unknown): number | null {
	try {
		pageError(cause);
	} catch (thrown) {
		return isHttpError(thrown) ? thrown.status : null;
	}
	return null;
}

describe('pageError', () => {
	it('answers 400 to a malformed input (an id of 70 characters in the address)', () => {
		expect(statusOf(new TRPCError({ code: 'BAD_REQUEST', message: 'Identifiant trop long.' }))).toBe(400);
	});

	it('keeps 404, 403 and 401', () => {
		expect(statusOf(new TRPCError({ code: 'NOT_FOUND' }))).toBe(404);
		expect(statusOf(new TRPCError({ code: 'FORBIDDEN' }))).toBe(403);
		expect(statusOf(new TRPCError({ code: 'UNAUTHORIZED' }))).toBe(401);
	});

	it('answers 413 to a plan beyond the limits and 503 to heavy work refused for now (the MS Project export answered 500)', () => {
		expect(statusOf(new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: 'Plan trop long : …' }))).toBe(413);
		expect(statusOf(new TRPCError({ code: 'TIMEOUT', message: 'Trop long.' }))).toBe(503);
		expect(statusOf(new TRPCError({ code: 'TOO_MANY_REQUESTS', message: 'Occupé.' }))).toBe(503);
	});
});
