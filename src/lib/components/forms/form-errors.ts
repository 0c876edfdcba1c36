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

/**
 * Validates a form's input with its API schema, then sends it. Errors found before sending
 * (`known`, for fields the schema cannot read, such as an amount typed as text) are reported with
 * the schema's; after sending, the API's French messages are reported the same way.
 *
 * `schema` is a loader (`() => import('$lib/schemas').then((s) => s.x)`): zod and the schemas
 * weigh ~27 KiB gzip, so they are not part of any page's scripts; a form starts loading them once
 * it is on screen (`preloadSchema`). If they cannot be loaded, the input goes to the server, which
 * validates it anyway.
 */
/** Schemas loaded, by loader: a submit then validates at once, as when they were bundled. */
const ready = new WeakMap<() => Promise<unknown>, unknown>();

/** Starts loading a form's schema when the form is drawn, so that a submit finds it ready. */
export function preloadSchema(schema: () => Promise<unknown>): void {
	schema().then(
		(loaded) => ready.set(schema, loaded),
		() => {
			/* submitValidated tries again, and sends the input without it if it still fails */
		}
	);
}

export async function submitValidated<S extends z.ZodType, R>(
	schema: () => Promise<S>,
	input: unknown,
	send: (data: z.output<S>) => Promise<R>,
	known: FieldErrors = {}
): Promise<{ ok: true; result: R } | { ok: false; errors: FieldErrors }> {
	const loaded = (ready.get(schema) as S | undefined) ?? (await schema().catch(() => null));
	const parsed = loaded ? loaded.safeParse(input) : { success: true as const, data: input as z.output<S> };
	if (!parsed.success || Object.keys(known).length > 0) {
		return { ok: false, errors: { ...(parsed.success ? {} : zodFieldErrors(parsed.error)), ...known } };
	}
	try {
		return { ok: true, result: await send(parsed.data) };
	} catch (error) {
		return { ok: false, errors: apiFieldErrors(error) };
	}
}
