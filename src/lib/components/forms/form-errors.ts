// Collects French error messages by field, from the shared zod schemas (before sending) or from
// the API's answer (after), so forms show the same messages either way.
import type { z } from 'zod';
import { errorMessage, fieldErrors } from '$lib/trpc/client';

export type FieldErrors = Record<string, string>;

export function zodFieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const key = issue.path.join('.') || '_';
		out[key] ??= issue.message;
	}
	return out;
}

export function apiFieldErrors(error: unknown): FieldErrors {
	const out: FieldErrors = {};
	for (const [key, messages] of Object.entries(fieldErrors(error))) out[key] = messages[0] ?? '';
	if (Object.keys(out).length === 0) out._ = errorMessage(error);
	return out;
}
