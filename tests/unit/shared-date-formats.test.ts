import { describe, expect, it } from 'vitest';
import { withSharedDateFormats } from '$lib/components/gantt/shared-date-formats';

describe('withSharedDateFormats', () => {
	it('shares one formatter per set of arguments while drawing, with the same output', () => {
		const date = new Date(2026, 1, 9);
		const expected = new Intl.DateTimeFormat('fr', { month: 'long' }).format(date);
		const [a, b, c] = withSharedDateFormats(() => [
			new Intl.DateTimeFormat('fr', { month: 'long' }),
			new Intl.DateTimeFormat('fr', { month: 'long' }),
			new Intl.DateTimeFormat('fr', { month: 'short' })
		]);
		expect(a).toBe(b);
		expect(a).not.toBe(c);
		expect(a!.format(date)).toBe(expected);
		expect(c!.format(date)).toBe(new Intl.DateTimeFormat('fr', { month: 'short' }).format(date));
		expect(a).toBeInstanceOf(Intl.DateTimeFormat);
	});

	it('puts the original constructor back, even when drawing throws', () => {
		const original = Intl.DateTimeFormat;
		expect(() =>
			withSharedDateFormats(() => {
				throw new Error('draw failed');
			})
		).toThrow('draw failed');
		expect(Intl.DateTimeFormat).toBe(original);
		expect(new Intl.DateTimeFormat('fr')).not.toBe(new Intl.DateTimeFormat('fr'));
	});
});
