import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressResponse } from '$lib/server/http/compression';

const page = '<!doctype html>' + '<div class="row">Tâche</div>'.repeat(200);
const request = (acceptEncoding?: string, method = 'GET') =>
	new Request('http://localhost/missions/1', {
		method,
		headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}
	});
const html = (body = page, headers: Record<string, string> = {}) =>
	new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });

describe('compressResponse', () => {
	it('sends brotli to a client that takes it, and the bytes come back the same', async () => {
		const response = compressResponse(request('gzip, deflate, br, zstd'), html());
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('vary')).toMatch(/Accept-Encoding/);
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBeLessThan(Buffer.byteLength(page) / 5);
		expect(brotliDecompressSync(bytes).toString('utf8')).toBe(page);
	});

	it('gzips a page for a client that accepts gzip but not brotli, and the bytes come back the same', async () => {
		const response = compressResponse(request('gzip, deflate, br;q=0'), html());
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('vary')).toMatch(/Accept-Encoding/);
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBeLessThan(Buffer.byteLength(page) / 5);
		expect(gunzipSync(bytes).toString('utf8')).toBe(page);
	});

	it('leaves the body alone for a client without gzip, or with gzip;q=0', async () => {
		for (const accept of [undefined, 'deflate', 'gzip;q=0, br;q=0']) {
			const response = compressResponse(request(accept), html());
			expect(response.headers.get('content-encoding')).toBeNull();
			expect(await response.text()).toBe(page);
		}
	});

	it('skips small bodies, binary types, already-encoded bodies, HEAD and 304', () => {
		expect(
			compressResponse(request('gzip'), html('ok', { 'content-length': '2' })).headers.get('content-encoding')
		).toBeNull();
		const pdf = new Response(page, { headers: { 'content-type': 'application/pdf' } });
		expect(compressResponse(request('gzip'), pdf).headers.get('content-encoding')).toBeNull();
		const encoded = html(page, { 'content-encoding': 'br' });
		expect(compressResponse(request('gzip'), encoded).headers.get('content-encoding')).toBe('br');
		expect(compressResponse(request('gzip', 'HEAD'), html()).headers.get('content-encoding')).toBeNull();
		expect(compressResponse(request('gzip'), new Response(null, { status: 304 })).status).toBe(304);
	});

	it('compresses tRPC JSON', () => {
		const json = () =>
			new Response(JSON.stringify({ rows: Array.from({ length: 100 }, (_, i) => ({ i })) }), {
				headers: { 'content-type': 'application/json' }
			});
		expect(compressResponse(request('gzip'), json()).headers.get('content-encoding')).toBe('gzip');
		expect(compressResponse(request('br'), json()).headers.get('content-encoding')).toBe('br');
	});
});
