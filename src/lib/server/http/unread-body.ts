// A request answered without reading its body (a write refused for its origin, an unknown page, a
// method a page does not take) leaves the rest of that body on the keep-alive connection: the
// client's next request on it waited 4.5 s, then was reset. Before the answer goes out, the rest
// is read and dropped when it is small and arrives quickly; otherwise the answer closes the
// connection (`Connection: close`), so the client opens a new one for its next request.

/** At most this many bytes are read and dropped; a larger rest closes the connection instead. */
export const MAX_DRAIN_BYTES = 1_000_000;
/** A rest that takes longer to arrive closes the connection instead. */
export const MAX_DRAIN_MS = 2_000;

/** Reads and drops a body; true when it ended within the bounds. */
async function drain(body: ReadableStream<Uint8Array>, maxBytes: number, maxMs: number): Promise<boolean> {
	const reader = body.getReader();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<'late'>((resolve) => {
		timer = setTimeout(() => resolve('late'), maxMs);
	});
	let read = 0;
	try {
		for (;;) {
			const chunk = await Promise.race([reader.read(), late]);
			if (chunk === 'late') return false;
			if (chunk.done) return true;
			read += chunk.value.byteLength;
			if (read > maxBytes) return false;
		}
	} catch {
		// The body failed (over BODY_SIZE_LIMIT, connection lost): nothing more to read.
		return false;
	} finally {
		clearTimeout(timer);
		try {
			reader.releaseLock();
		} catch {
			// a read still pending on an older runtime: the connection is closed anyway
		}
	}
}

/**
 * The response to send for a request whose body may still be unread: unchanged when the body was
 * read (or there is none) or could be drained; with `Connection: close` otherwise.
 */
export async function settleUnreadBody(
	request: Request,
	response: Response,
	bounds: { maxBytes: number; maxMs: number } = { maxBytes: MAX_DRAIN_BYTES, maxMs: MAX_DRAIN_MS }
): Promise<Response> {
	if (!request.body || request.bodyUsed) return response;
	const declared = Number(request.headers.get('content-length'));
	const drained = !(declared > bounds.maxBytes) && (await drain(request.body, bounds.maxBytes, bounds.maxMs));
	if (drained) return response;
	try {
		response.headers.set('connection', 'close');
		return response;
	} catch {
		// Immutable headers (a fetched or redirect response): the same answer with headers of its own.
		const headers = new Headers(response.headers);
		headers.set('connection', 'close');
		return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
	}
}
