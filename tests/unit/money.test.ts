import { describe, expect, it } from 'vitest';
import {
	formatEuros,
	formatPercent,
	htFromTtc,
	parseEurosToCents,
	parsePercentToBasisPoints,
	ttcFromHt
} from '$lib/domain/money';

/** Intl separates thousands with U+202F and puts U+00A0 before "€" and "%". */
const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('htFromTtc', () => {
	it('turns the CUF cap of 20 000 € TTC at 20 % into 16 666,67 € HT', () => {
		// 2 000 000 / 1.2 = 1 666 666.67 → rounded to the cent.
		expect(htFromTtc(2_000_000, 2000)).toBe(1_666_667);
	});

	it('is exact when the division is', () => {
		expect(htFromTtc(120_000, 2000)).toBe(100_000);
		expect(htFromTtc(1055, 550)).toBe(1000);
		expect(htFromTtc(0, 2000)).toBe(0);
		expect(htFromTtc(50_000, 0)).toBe(50_000);
	});

	it('rounds half away from zero', () => {
		// 3 / 1.2 = 2.5 exactly.
		expect(htFromTtc(3, 2000)).toBe(3);
		expect(htFromTtc(-3, 2000)).toBe(-3);
		// 4 / 1.2 = 3.33…
		expect(htFromTtc(4, 2000)).toBe(3);
	});
});

describe('ttcFromHt', () => {
	it('adds VAT and rounds to the cent', () => {
		expect(ttcFromHt(100_000, 2000)).toBe(120_000);
		expect(ttcFromHt(1_666_667, 2000)).toBe(2_000_000); // 2 000 000.4
		expect(ttcFromHt(1000, 550)).toBe(1055);
		expect(ttcFromHt(3, 2000)).toBe(4); // 3.6
		expect(ttcFromHt(50_000, 0)).toBe(50_000);
	});

	it('rounds half away from zero', () => {
		// 5 × 1.1 = 5.5 exactly.
		expect(ttcFromHt(5, 1000)).toBe(6);
		expect(ttcFromHt(-5, 1000)).toBe(-6);
		// 1 × 1.5 = 1.5 exactly.
		expect(ttcFromHt(1, 5000)).toBe(2);
	});

	it('round-trips the cap: TTC → HT → TTC', () => {
		expect(ttcFromHt(htFromTtc(2_000_000, 2000), 2000)).toBe(2_000_000);
	});
});

describe('formatEuros', () => {
	it('writes "6 000,00 €" with non-breaking spaces', () => {
		const text = formatEuros(600_000);
		expect(plainSpaces(text)).toBe('6 000,00 €');
		// No ordinary space: an amount never wraps across two lines.
		expect(text).not.toContain(' ');
	});

	it('writes large, small and zero amounts', () => {
		expect(plainSpaces(formatEuros(2_000_000))).toBe('20 000,00 €');
		expect(plainSpaces(formatEuros(1_666_667))).toBe('16 666,67 €');
		expect(plainSpaces(formatEuros(166_667))).toBe('1 666,67 €');
		expect(plainSpaces(formatEuros(5))).toBe('0,05 €');
		expect(plainSpaces(formatEuros(0))).toBe('0,00 €');
	});

	it('writes negative amounts with a minus sign', () => {
		expect(plainSpaces(formatEuros(-1250))).toMatch(/^[-\u2212]12,50 €$/);
	});
});

describe('formatPercent', () => {
	it('writes French percentages with a non-breaking space', () => {
		expect(formatPercent(2000)).toBe('20\u00a0%');
		expect(formatPercent(3333)).toBe('33,33\u00a0%');
		expect(formatPercent(550)).toBe('5,5\u00a0%');
		expect(formatPercent(10_000)).toBe('100\u00a0%');
	});
});

describe('parseEurosToCents', () => {
	it('reads whole amounts, with or without thousands separators', () => {
		expect(parseEurosToCents('20000')).toBe(2_000_000);
		expect(parseEurosToCents('20 000')).toBe(2_000_000);
		expect(parseEurosToCents('20\u202f000')).toBe(2_000_000);
	});

	it('reads decimals with a comma or a dot', () => {
		expect(parseEurosToCents('20000,50')).toBe(2_000_050);
		expect(parseEurosToCents('20000.5')).toBe(2_000_050);
		expect(parseEurosToCents('0,05')).toBe(5);
		expect(parseEurosToCents('12,3')).toBe(1230);
	});

	it('reads what formatEuros writes', () => {
		expect(parseEurosToCents('1 666,67 €')).toBe(166_667);
		for (const cents of [0, 5, 166_667, 600_000, 2_000_000]) {
			expect(parseEurosToCents(formatEuros(cents))).toBe(cents);
		}
	});

	it('reads negative amounts', () => {
		expect(parseEurosToCents('-12,34')).toBe(-1234);
		expect(parseEurosToCents('-0,5')).toBe(-50);
	});

	it('returns null for anything that is not an amount', () => {
		expect(parseEurosToCents('')).toBeNull();
		expect(parseEurosToCents('€')).toBeNull();
		expect(parseEurosToCents('abc')).toBeNull();
		expect(parseEurosToCents('12,345')).toBeNull(); // no fraction of a cent
		expect(parseEurosToCents('12,3,4')).toBeNull();
		expect(parseEurosToCents('1.000,00')).toBeNull();
		expect(parseEurosToCents(',50')).toBeNull();
		expect(parseEurosToCents('12-3')).toBeNull();
	});
});

describe('parsePercentToBasisPoints', () => {
	it('reads percentages into basis points', () => {
		expect(parsePercentToBasisPoints('20')).toBe(2000);
		expect(parsePercentToBasisPoints('5,5')).toBe(550);
		expect(parsePercentToBasisPoints('33.33')).toBe(3333);
		expect(parsePercentToBasisPoints('33,33 %')).toBe(3333);
		expect(parsePercentToBasisPoints('20\u00a0%')).toBe(2000);
		expect(parsePercentToBasisPoints('100')).toBe(10_000);
		expect(parsePercentToBasisPoints('0')).toBe(0);
	});

	it('does not lose a basis point to floating point', () => {
		// 0.29 × 100 and 4.35 × 100 are 28.999… and 434.999… in binary floating point.
		expect(parsePercentToBasisPoints('0,29')).toBe(29);
		expect(parsePercentToBasisPoints('4.35')).toBe(435);
		expect(parsePercentToBasisPoints('0.01')).toBe(1);
	});

	it('reads what formatPercent writes', () => {
		for (const rate of [0, 550, 2000, 3333, 10_000]) {
			expect(parsePercentToBasisPoints(formatPercent(rate))).toBe(rate);
		}
	});

	it('returns null for negative, over-precise or non-numeric input', () => {
		expect(parsePercentToBasisPoints('-5')).toBeNull();
		expect(parsePercentToBasisPoints('33,333')).toBeNull();
		expect(parsePercentToBasisPoints('abc')).toBeNull();
		expect(parsePercentToBasisPoints('')).toBeNull();
		expect(parsePercentToBasisPoints('%')).toBeNull();
	});
});
