import { describe, expect, it } from 'vitest';
import { isCrossOriginWrite, serverOrigin } from './same-origin';

// adapter-node without $ORIGIN builds https://<host> whatever the connection is.
const adapterUrl = new URL('https://jalon.local:3000/api/trpc/tasks.update');

describe('serverOrigin', () => {
	it('takes the scheme from the connection under adapter-node, not its https guess', () => {
		expect(serverOrigin({ url: adapterUrl, configured: false, encrypted: false })).toBe('http://jalon.local:3000');
		expect(serverOrigin({ url: adapterUrl, configured: false, encrypted: true })).toBe('https://jalon.local:3000');
	});

	it('trusts the URL when $ORIGIN or $PROTOCOL_HEADER set it, and under vite dev', () => {
		const proxied = new URL('https://jalon.example.org/login');
		expect(serverOrigin({ url: proxied, configured: true, encrypted: false })).toBe('https://jalon.example.org');
		const dev = new URL('http://localhost:5173/login');
		expect(serverOrigin({ url: dev, configured: false })).toBe('http://localhost:5173');
	});
});

describe('isCrossOriginWrite', () => {
	const expected = 'http://jalon.local:3000';
	const write = (origin: string | null, fetchSite: string | null = null, method = 'POST') =>
		isCrossOriginWrite({ method, origin, fetchSite, expected });

	it('accepts a write from the same scheme, host and port, and one without Origin', () => {
		expect(write('http://jalon.local:3000')).toBe(false);
		expect(write('HTTP://Jalon.Local:3000')).toBe(false);
		expect(write(null)).toBe(false);
		expect(write(null, 'same-origin')).toBe(false);
	});

	it('refuses a write whose origin differs only by its scheme', () => {
		expect(write('https://jalon.local:3000')).toBe(true);
	});

	it('refuses another host or port, an opaque or unreadable origin, and a cross-site fetch', () => {
		expect(write('http://evil.example:3000')).toBe(true);
		expect(write('http://jalon.local:3001')).toBe(true);
		expect(write('http://jalon.local')).toBe(true);
		expect(write('null')).toBe(true);
		expect(write('not a url')).toBe(true);
		expect(write(null, 'cross-site')).toBe(true);
	});

	it('never refuses a read', () => {
		expect(write('https://evil.example', 'cross-site', 'GET')).toBe(false);
		expect(write('https://evil.example', 'cross-site', 'HEAD')).toBe(false);
	});
});
