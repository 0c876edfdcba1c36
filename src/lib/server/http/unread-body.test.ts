import { describe, expect, it } from 'vitest';
import { settleUnreadBody } from './unread-body';

/** A request whose body arrives in chunks, recording how much of it was read. */
function upload(bytes: number, chunk = 64_000, declare = true) {
	let sent = 0;
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (sent >= bytes) return controller.close();
			const size = Math.min(chunk, bytes - sent);
			sent += size;
			controller.enqueue(new Uint8Array(size));
		}
	});
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (declare) headers['content-length'] = String(bytes);
	const request = new Request('http://jalon.local/api/trpc/x', {
		method: 'POST',
		headers,
		body,
		duplex: 'half'
	} as RequestInit);
	return { request, read: () => sent };
}

const refusal = () => new Response('{}', { status: 403 });

describe('settleUnreadBody', () => {
	it('reads and drops the rest of a small refused upload, and keeps the connection', async () => {
		const { request, read } = upload(980_000);
		const response = await settleUnreadBody(request, refusal());
		expect(read()).toBe(980_000);
		expect(response.headers.get('connection')).toBeNull();
		expect(response.status).toBe(403);
	});

	it('closes the connection instead of reading a declared body over the bound', async () => {
		const { request, read } = upload(5_000_000);
		const response = await settleUnreadBody(request, refusal(), { maxBytes: 1_000_000, maxMs: 2_000 });
		expect(read()).toBeLessThan(1_000_000);
		expect(response.headers.get('connection')).toBe('close');
	});

	it('stops reading an undeclared body past the bound and closes the connection', async () => {
		const { request, read } = upload(5_000_000, 64_000, false);
		const response = await settleUnreadBody(request, refusal(), { maxBytes: 1_000_000, maxMs: 2_000 });
		expect(read()).toBeLessThan(1_200_000);
		expect(response.headers.get('connection')).toBe('close');
	});

	it('leaves alone a request whose body was read, and one without a body', async () => {
		const { request } = upload(10);
		await request.arrayBuffer();
		expect((await settleUnreadBody(request, refusal())).headers.get('connection')).toBeNull();
		const get = new Request('http://jalon.local/');
		expect((await settleUnreadBody(get, refusal())).headers.get('connection')).toBeNull();
	});
});
