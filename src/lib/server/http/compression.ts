// Compresses what the server renders (HTML pages, tRPC's JSON, exports as text). adapter-node
// serves the built JS and CSS itself, precompressed (svelte.config.js), but never compresses what
// SvelteKit renders: a 3 000-task mission page went out as 1.35 MB of HTML.

/** Types worth compressing; images, PDF and XLSX are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg\+xml)/;

/** Below this, gzip's header and the CPU cost outweigh the bytes saved. */
const MIN_BYTES = 1024;

function acceptsGzip(acceptEncoding: string | null): boolean {
	if (!acceptEncoding) return false;
	return acceptEncoding.split(',').some((part) => {
		const [coding, ...params] = part.trim().split(';');
		if (coding?.trim().toLowerCase() !== 'gzip' && coding?.trim() !== '*') return false;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return !q || Number(q.slice(2)) > 0;
	});
}

/** The response gzipped when the client accepts it and it is worth it; otherwise unchanged. */
export function compressResponse(request: Request, response: Response): Response {
	if (!response.body || request.method === 'HEAD') return response;
	if (response.status < 200 || response.status === 204 || response.status === 206 || response.status === 304)
		return response;
	if (response.headers.has('content-encoding')) return response;
	if (!COMPRESSIBLE.test(response.headers.get('content-type') ?? '')) return response;
	const length = response.headers.get('content-length');
	if (length !== null && Number(length) < MIN_BYTES) return response;
	const headers = new Headers(response.headers);
	// Caches must keep the compressed and plain forms apart, whether or not this one is compressed.
	headers.append('vary', 'Accept-Encoding');
	if (!acceptsGzip(request.headers.get('accept-encoding')))
		return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	const body = response.body.pipeThrough(
		new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>
	);
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
