// Bounds on the structured input a request may carry (tRPC's JSON bodies and GET inputs), checked
// on the raw text before anything parses, walks or clones it: a 36 KB body nesting 6 000 levels
// overflowed the stack of the structured clone that hands an import to its worker thread, and the
// process exited. Jalon's deepest real input (a mission document in a tRPC batch) nests 7 levels.

/** Objects and arrays nested deeper than this are refused. */
export const MAX_INPUT_DEPTH = 64;
/**
 * Bytes of a tRPC body: an imported file (5 MB at most, heavy/limits.ts) with its JSON escapes.
 * adapter-node's BODY_SIZE_LIMIT (scripts/start.js) refuses larger bodies while they are read.
 */
export const MAX_INPUT_BYTES = 6_000_000;

export interface InputRefusal {
	code: 'VALIDATION' | 'TOO_LARGE';
	message: string;
}

export const TOO_DEEP: InputRefusal = {
	code: 'VALIDATION',
	message: `Requête refusée : ses données sont imbriquées sur plus de ${MAX_INPUT_DEPTH} niveaux.`
};
export const TOO_LARGE: InputRefusal = {
	code: 'TOO_LARGE',
	message: `Requête trop volumineuse : ${MAX_INPUT_BYTES / 1_000_000} Mo au plus.`
};

/**
 * Whether a JSON text nests objects or arrays deeper than `limit`: one pass over its characters,
 * no recursion, brackets inside strings ignored. A malformed text is left to the JSON parser.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // backslash: the next character is escaped
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x7b || c === 0x5b) {
			if (++depth > limit) return true;
		} else if (c === 0x7d || c === 0x5d) depth--;
	}
	return false;
}

/** The refusal of a JSON text beyond the bounds, or null. */
export function checkJsonText(text: string): InputRefusal | null {
	if (Buffer.byteLength(text) > MAX_INPUT_BYTES) return TOO_LARGE;
	return nestsDeeperThan(text, MAX_INPUT_DEPTH) ? TOO_DEEP : null;
}

/** Whether an error is adapter-node's refusal of a body over BODY_SIZE_LIMIT (SvelteKitError 413). */
function isTooLarge(error: unknown): boolean {
	return (error as { status?: number } | null)?.status === 413;
}

/**
 * A tRPC request whose input is within the bounds, or a refusal and a stand-in request carrying no
 * input (the tRPC handler then answers each call of the batch with the refusal, in its format).
 */
export async function boundedTrpcRequest(
	request: Request
): Promise<{ request: Request; refusal: InputRefusal | null }> {
	const url = new URL(request.url);
	const input = url.searchParams.get('input');
	const queryRefusal = input === null ? null : checkJsonText(input);
	if (request.method !== 'POST' || request.body === null) {
		if (!queryRefusal) return { request, refusal: null };
		url.searchParams.delete('input');
		return { request: new Request(url, { method: request.method, headers: request.headers }), refusal: queryRefusal };
	}
	let text: string;
	let refusal = queryRefusal;
	try {
		text = await request.text();
	} catch (error) {
		if (!isTooLarge(error)) throw error;
		text = '';
		refusal = TOO_LARGE;
	}
	refusal ??= checkJsonText(text);
	if (refusal) url.searchParams.delete('input');
	const headers = new Headers(request.headers);
	headers.delete('content-length');
	return {
		request: new Request(url, { method: 'POST', headers, body: refusal ? '{}' : text }),
		refusal
	};
}
