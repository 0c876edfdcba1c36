// Compresses what the server renders (HTML pages, tRPC's JSON, exports as text). adapter-node
// serves the built JS and CSS itself, precompressed (svelte.config.js), but never compresses what
// SvelteKit renders: a 3 000-task mission page went out as 1.35 MB of HTML.
// Brotli when the client takes it (every current browser, over HTTP too): at quality 3 the 3 000-task
// page (362 KB) is 95 KB in ~3 ms, where gzip's default level made 108 KB in ~8 ms.
import { Duplex } from 'node:stream';
import zlib from 'node:zlib';

/** Types worth compressing; images, PDF and XLSX are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg\+xml)/;

/** Below this, gzip's header and the CPU cost outweigh the bytes saved. */
const MIN_BYTES = 1024;

/** Brotli's quality: 3 compresses better than gzip -6 in a third of its time (4 and up cost several times more). */
const BROTLI_QUALITY = 3;

/** Whether Accept-Encoding takes `coding` (by name or `*`, with no q=0). */
function accepts(acceptEncoding: string | null, coding: 'br' | 'gzip'): boolean {
	if (!acceptEncoding) return false;
	return acceptEncoding.split(',').some((part) => {
		const [name, ...params] = part.trim().split(';');
		if (name?.trim().toLowerCase() !== coding && name?.trim() !== '*') return false;
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return !q || Number(q.slice(2)) > 0;
	});
}

/** The encoder for the best coding the client takes, or null. */
function encoderFor(acceptEncoding: string | null): { coding: string; stream: () => ReadableWritablePair } | null {
	if (accepts(acceptEncoding, 'br'))
		return {
			coding: 'br',
			stream: () =>
				Duplex.toWeb(
					zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
				) as unknown as ReadableWritablePair
		};
	if (accepts(acceptEncoding, 'gzip'))
		return { coding: 'gzip', stream: () => new CompressionStream('gzip') as unknown as ReadableWritablePair };
	return null;
}

/** The response compressed (brotli or gzip) when the client accepts it and it is worth it; otherwise unchanged. */
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
	const encoder = encoderFor(request.headers.get('accept-encoding'));
	if (!encoder)
		return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
	headers.set('content-encoding', encoder.coding);
	headers.delete('content-length');
	const body = response.body.pipeThrough(encoder.stream() as ReadableWritablePair<Uint8Array, Uint8Array>);
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
