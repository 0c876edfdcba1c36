import { describe, expect, it } from 'vitest';
import { boundedTrpcRequest, MAX_INPUT_DEPTH, nestsDeeperThan } from './structured-input';

const nested = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

describe('nestsDeeperThan', () => {
	it('counts objects and arrays, and stops at the limit', () => {
		expect(nestsDeeperThan(nested(3), 3)).toBe(false);
		expect(nestsDeeperThan(nested(4), 3)).toBe(true);
		expect(nestsDeeperThan('[[[1]],[[2]]]', 3)).toBe(false);
		expect(nestsDeeperThan('[[[[1]]]]', 3)).toBe(true);
		// 200 000 levels in one pass, no recursion (a recursive walk overflows the stack).
		expect(nestsDeeperThan(nested(200_000), MAX_INPUT_DEPTH)).toBe(true);
	});

	it('ignores brackets inside strings, escaped quotes included', () => {
		expect(nestsDeeperThan(JSON.stringify({ name: '{'.repeat(500) }), 1)).toBe(false);
		expect(nestsDeeperThan(JSON.stringify({ name: '\\"[[[[[' }), 1)).toBe(false);
		expect(nestsDeeperThan(JSON.stringify({ a: '"\\', b: [[1]] }), 2)).toBe(true);
	});
});

describe('boundedTrpcRequest', () => {
	const post = (body: string) =>
		new Request('http://jalon.local/api/trpc/documents.importMission', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body
		});

	it('passes an ordinary body on unchanged', async () => {
		const body = JSON.stringify({ document: { tasks: [{ name: 'Cadrage', links: [[1, 2]] }] } });
		const { request, refusal } = await boundedTrpcRequest(post(body));
		expect(refusal).toBeNull();
		expect(await request.text()).toBe(body);
	});

	it('refuses a deep body and hands tRPC an empty input instead', async () => {
		const { request, refusal } = await boundedTrpcRequest(post(`{"document":${nested(6000)}}`));
		expect(refusal?.code).toBe('VALIDATION');
		expect(refusal?.message).toMatch(/imbriquées sur plus de 64 niveaux/);
		expect(await request.text()).toBe('{}');
	});

	it('refuses a deep GET input and drops it from the address', async () => {
		const url = `http://jalon.local/api/trpc/missions.get?input=${encodeURIComponent(nested(100))}`;
		const { request, refusal } = await boundedTrpcRequest(new Request(url));
		expect(refusal?.code).toBe('VALIDATION');
		expect(new URL(request.url).searchParams.has('input')).toBe(false);
	});
});
