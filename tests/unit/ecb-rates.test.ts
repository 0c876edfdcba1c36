// The ECB's main refinancing rate ships with Jalon: the rate in force on 1 January or 1 July of each
// half-year since 2008 comes from the table of its changes, and an entered rate wins.
import { describe, expect, it } from 'vitest';
import {
	ECB_MRO_CHANGES,
	ecbRateInForce,
	effectiveEcbRates,
	nextMissingHalfYear,
	publishedHalfYearRates
} from '$lib/domain/ecb-rates';

describe('ECB main refinancing rate', () => {
	it('lists its changes in order, each a real change', () => {
		for (let i = 1; i < ECB_MRO_CHANGES.length; i++) {
			expect(ECB_MRO_CHANGES[i]![0] > ECB_MRO_CHANGES[i - 1]![0]).toBe(true);
			expect(ECB_MRO_CHANGES[i]![1]).not.toBe(ECB_MRO_CHANGES[i - 1]![1]);
		}
	});

	it('gives the rate in force on a day: the new rate from the day it takes effect', () => {
		expect(ecbRateInForce('2016-03-15')).toBe(5);
		expect(ecbRateInForce('2016-03-16')).toBe(0);
		expect(ecbRateInForce('2022-07-26')).toBe(0);
		expect(ecbRateInForce('2022-07-27')).toBe(50);
		expect(ecbRateInForce('2023-09-20')).toBe(450);
		expect(ecbRateInForce('2024-09-18')).toBe(365);
		expect(ecbRateInForce('2025-02-05')).toBe(290);
		expect(ecbRateInForce('2025-06-10')).toBe(240);
		expect(ecbRateInForce('2025-06-11')).toBe(215);
		// Beyond the last known day, nobody knows: an administrator enters it.
		expect(ecbRateInForce('2026-07-01')).toBeNull();
	});

	it('derives the rate of each half-year from the one in force on its first day', () => {
		const rates = publishedHalfYearRates();
		// The figures published for French late-payment interest, half-year by half-year.
		expect(Object.fromEntries([...rates].filter(([start]) => start >= '2022-01-01'))).toEqual({
			'2022-01-01': 0,
			'2022-07-01': 0,
			'2023-01-01': 250,
			'2023-07-01': 400,
			'2024-01-01': 450,
			'2024-07-01': 425,
			'2025-01-01': 315,
			'2025-07-01': 215,
			'2026-01-01': 215
		});
		expect(rates.get('2008-01-01')).toBe(400);
		expect(rates.get('2008-07-01')).toBe(400);
		expect(rates.get('2009-01-01')).toBe(250);
		expect(rates.get('2009-07-01')).toBe(100);
		expect(rates.get('2011-07-01')).toBe(125);
		expect(rates.get('2012-07-01')).toBe(100);
		expect(rates.get('2013-01-01')).toBe(75);
		expect(rates.get('2014-07-01')).toBe(15);
		expect(rates.get('2015-01-01')).toBe(5);
		expect(rates.get('2016-07-01')).toBe(0);
		expect(rates.size).toBe(37);
	});

	it('puts the entered rates on top of the published ones, and says which is which', () => {
		const rates = effectiveEcbRates([
			{ halfYearStart: '2025-07-01', rateBp: 300 },
			{ halfYearStart: '2026-07-01', rateBp: 200 }
		]);
		expect(rates.find((r) => r.halfYearStart === '2025-01-01')).toEqual({
			halfYearStart: '2025-01-01',
			rateBp: 315,
			source: 'PUBLISHED'
		});
		expect(rates.find((r) => r.halfYearStart === '2025-07-01')).toEqual({
			halfYearStart: '2025-07-01',
			rateBp: 300,
			source: 'ENTERED'
		});
		expect(rates.at(-1)).toEqual({ halfYearStart: '2026-07-01', rateBp: 200, source: 'ENTERED' });
	});

	it('names the half-year an administrator should enter next, up to today', () => {
		expect(nextMissingHalfYear(effectiveEcbRates([]), '2026-03-01')).toBeNull();
		expect(nextMissingHalfYear(effectiveEcbRates([]), '2026-12-08')).toBe('2026-07-01');
		expect(nextMissingHalfYear(effectiveEcbRates([{ halfYearStart: '2026-07-01', rateBp: 200 }]), '2027-02-01')).toBe(
			'2027-01-01'
		);
	});
});
