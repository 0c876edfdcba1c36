// Hostile requests against the started production server (issue 22, items 7, 9 and 11): a deeply
// nested body once stopped the process, a broken multipart log-in answered 500, a refused upload
// left its body on the keep-alive connection, and a write from the same host over the other
// scheme was accepted.
import net from 'node:net';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { generatedMission } from '../../bench/data';

const baseUrl = inject('baseUrl');
const { hostname, port } = new URL(baseUrl);

async function logIn(email: string, password: string): Promise<string> {
	const response = await fetch(`${baseUrl}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
		body: new URLSearchParams({ email, password }).toString()
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error(`log-in of ${email} failed (${response.status})`);
	return cookie;
}

let admin: string;
beforeAll(async () => {
	admin = await logIn('admin@e2e.jalon.fr', 'admin-e2e-password');
});

interface TrpcError {
	message: string;
	data: { appCode: string; httpStatus: number };
}

async function post(path: string, body: string, headers: Record<string, string> = {}) {
	const response = await fetch(`${baseUrl}${path}`, {
		method: 'POST',
		headers: { cookie: admin, origin: baseUrl, 'content-type': 'application/json', ...headers },
		body
	});
	return { status: response.status, text: await response.text() };
}

const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

async function healthy(): Promise<boolean> {
	return fetch(`${baseUrl}/api/health`).then(
		(r) => r.ok,
		() => false
	);
}

describe('deeply nested input (item 7)', () => {
	it('refuses a 36 KB import nesting 6 000 levels with a typed error, and keeps serving', async () => {
		const body = `{"document":${nested(6000)}}`;
		expect(body.length).toBeGreaterThan(36_000);
		const { status, text } = await post('/api/trpc/documents.importMission', body);
		expect(status).toBe(400);
		const { error } = JSON.parse(text) as { error: TrpcError };
		expect(error.data.appCode).toBe('VALIDATION');
		expect(error.message).toMatch(/imbriquées sur plus de 64 niveaux/);
		expect(await healthy()).toBe(true);
	});

	it('after an import has run (a worker is idle), refuses 8 000 and 20 000 levels alike', async () => {
		const imported = await post(
			'/api/trpc/documents.importMission',
			JSON.stringify({ document: generatedMission('Profondeur', 10, 77, true) })
		);
		expect(imported.status).toBe(200);
		for (const levels of [8000, 20_000]) {
			const { status, text } = await post('/api/trpc/documents.importMission', `{"document":${nested(levels)}}`);
			expect(status).toBe(400);
			expect((JSON.parse(text) as { error: TrpcError }).error.data.appCode).toBe('VALIDATION');
			expect(await healthy()).toBe(true);
		}
	});

	it('refuses every call of a batch carrying a deep input, in tRPC’s batch format', async () => {
		const body = JSON.stringify({ '0': { content: 'x' }, '1': { document: 'x' } }).replace('"x"', nested(100));
		const { status, text } = await post('/api/trpc/documents.importProject,documents.importMission?batch=1', body);
		expect(status).toBe(400);
		const errors = JSON.parse(text) as { error: TrpcError }[];
		expect(errors).toHaveLength(2);
		for (const { error } of errors) expect(error.data.appCode).toBe('VALIDATION');
	});

	it('refuses a deep query input in the address', async () => {
		const response = await fetch(`${baseUrl}/api/trpc/missions.get?input=${encodeURIComponent(nested(1000))}`, {
			headers: { cookie: admin }
		});
		expect(response.status).toBe(400);
		const { error } = (await response.json()) as { error: TrpcError };
		expect(error.message).toMatch(/imbriquées/);
	});

	it('refuses a GanttProject file nesting tasks 50 000 levels deep, in French', async () => {
		const depth = 50_000;
		const content =
			'<?xml version="1.0" encoding="UTF-8"?><project name="p" version="3.0"><tasks>' +
			'<task id="1" name="t" start="2026-01-05" duration="1">'.repeat(depth) +
			'</task>'.repeat(depth) +
			'</tasks></project>';
		const { status, text } = await post(
			'/api/trpc/documents.importProject',
			JSON.stringify({ content, clientOrganisation: 'Client', budgetCapCents: 100_000 })
		);
		expect(status).toBe(400);
		const { error } = JSON.parse(text) as { error: TrpcError };
		expect(error.data.appCode).toBe('VALIDATION');
		expect(error.message).toMatch(/illisible/);
		expect(await healthy()).toBe(true);
	});
});

describe('forms and refused uploads (item 9)', () => {
	it('answers a broken multipart log-in with a French 400, not a 500', async () => {
		const broken = (accept: string) =>
			fetch(`${baseUrl}/login`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: baseUrl, accept, 'content-type': 'multipart/form-data; boundary=x' },
				body: '--x\r\nbroken'
			});
		// A browser's form post: the page again, with the message.
		const page = await broken('text/html');
		expect(page.status).toBe(400);
		expect(await page.text()).toContain('Formulaire illisible');
		// An enhanced post (SvelteKit's JSON answer): a failure 400, never an error 500.
		const enhanced = await broken('application/json');
		const result = (await enhanced.json()) as { type: string; status: number; data: string };
		expect(result).toMatchObject({ type: 'failure', status: 400 });
		expect(result.data).toContain('Formulaire illisible');
	});

	/** One HTTP/1.1 response read off a raw socket: status, headers, and whether the server closes. */
	function readResponse(socket: net.Socket): Promise<{ status: number; headers: string; closed: boolean }> {
		return new Promise((resolve, reject) => {
			let data = Buffer.alloc(0);
			const done = (closed: boolean) => {
				socket.off('data', onData);
				socket.off('close', onClose);
				socket.off('error', onError);
				const text = data.toString('latin1');
				const end = text.indexOf('\r\n\r\n');
				resolve({ status: Number(text.slice(9, 12)), headers: text.slice(0, end).toLowerCase(), closed });
			};
			const complete = () => {
				const text = data.toString('latin1');
				const end = text.indexOf('\r\n\r\n');
				if (end < 0) return false;
				const head = text.slice(0, end).toLowerCase();
				const length = /content-length: *(\d+)/.exec(head);
				if (length) return data.length >= end + 4 + Number(length[1]);
				return /transfer-encoding: *chunked/.test(head) ? text.endsWith('0\r\n\r\n') : false;
			};
			const onData = (chunk: Buffer) => {
				data = Buffer.concat([data, chunk]);
				if (complete()) done(false);
			};
			const onClose = () => (complete() ? done(true) : reject(new Error(`connection closed: ${data.toString()}`)));
			const onError = (error: Error) => reject(error);
			socket.on('data', onData);
			socket.on('close', onClose);
			socket.on('error', onError);
		});
	}

	/**
	 * Sends a 980 KB upload the server refuses, then, as a keep-alive client does, its next request
	 * on the same connection (or on a new one when the server said it closes this one).
	 */
	async function refusedUploadThenHealth(path: string, origin: string) {
		const socket = net.connect(Number(port), hostname);
		await new Promise((resolve) => socket.once('connect', resolve));
		const body = Buffer.alloc(980_000, 'a');
		const head =
			`POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: ${origin}\r\nCookie: ${admin}\r\n` +
			`Content-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`;
		const first = readResponse(socket);
		socket.write(head);
		socket.write(body);
		const refused = await first;
		let next = socket;
		if (/connection: *close/.test(refused.headers)) {
			// The server closes this connection: the client's next request goes on a new one.
			if (!refused.closed) await new Promise((resolve) => socket.once('close', resolve));
			next = net.connect(Number(port), hostname);
			await new Promise((resolve) => next.once('connect', resolve));
		}
		const second = readResponse(next);
		next.write(`GET /api/health HTTP/1.1\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`);
		const health = await second;
		next.destroy();
		socket.destroy();
		return { refused: refused.status, health: health.status };
	}

	it('serves the next request of a keep-alive connection after refusing an upload for its origin', async () => {
		const result = await refusedUploadThenHealth('/api/trpc/documents.importProject', 'http://evil.example');
		expect(result).toEqual({ refused: 403, health: 200 });
	});

	it('serves the next request after an upload to an address that does not exist', async () => {
		const result = await refusedUploadThenHealth('/nowhere', baseUrl);
		expect(result).toEqual({ refused: 404, health: 200 });
	});
});

describe('same-origin writes (item 11)', () => {
	it('refuses a write whose Origin differs from the server’s only by its scheme', async () => {
		const other = baseUrl.replace(/^http:/, 'https:');
		const refused = await post('/api/trpc/tasks.update', '{}', { origin: other });
		expect(refused.status).toBe(403);
		expect(JSON.parse(refused.text).error.appCode).toBe('FORBIDDEN_ORIGIN');
		const login = await fetch(`${baseUrl}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: other },
			body: 'email=admin%40e2e.jalon.fr&password=admin-e2e-password'
		});
		expect(login.status).toBe(403);
		expect(login.headers.get('set-cookie')).toBeNull();
	});

	it('lets the same write from the server’s own origin through to the procedure', async () => {
		const accepted = await post('/api/trpc/tasks.update', '{}');
		expect(accepted.status).toBe(400);
		expect((JSON.parse(accepted.text) as { error: TrpcError }).error.data.appCode).toBe('VALIDATION');
	});
});
