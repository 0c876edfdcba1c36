import { describe, expect, it } from 'vitest';
import { nameRows, portfolioOpening } from '$lib/components/programmes/portfolio-view';

describe('portfolioOpening', () => {
	const spans = [
		{ start: '2018-03-01', end: '2019-06-30' },
		{ start: '2025-09-01', end: '2027-02-28' }
	];

	it('opens a month before today when today is within the missions', () => {
		expect(portfolioOpening(spans, '2026-12-08')).toBe('2026-11-08');
	});

	it('opens on the first mission when today is outside their span', () => {
		expect(portfolioOpening(spans, '2030-01-01')).toBe('2018-03-01');
		expect(portfolioOpening(spans, '2017-01-01')).toBe('2018-03-01');
		expect(portfolioOpening([{ start: '2026-12-01', end: '2026-12-31' }], '2026-12-08')).toBe('2026-12-01');
		expect(portfolioOpening([], '2026-12-08')).toBeNull();
	});
});

describe('nameRows', () => {
	it('gives missions their title and other rows their name, unescaped', () => {
		const rows = [
			{ id: 'm_a', name: '▸ Étude &#38; conseil — prochain jalon : …' },
			{ id: 'p_1', name: 'Phase &#60;1&#62;' }
		];
		expect(nameRows(rows, new Map([['a', 'Étude & conseil']]))).toEqual([
			{ id: 'm_a', missionId: 'a', name: 'Étude & conseil' },
			{ id: 'p_1', missionId: null, name: 'Phase <1>' }
		]);
	});
});
