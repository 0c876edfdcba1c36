import { describe, expect, it } from 'vitest';
import { percentagesSumTo100, splitByPercentages } from '$lib/domain/tranches';

const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);

describe('percentagesSumTo100', () => {
	it('is true only for exactly 100 %', () => {
		expect(percentagesSumTo100([3000, 4000, 3000])).toBe(true);
		expect(percentagesSumTo100([3333, 3333, 3334])).toBe(true);
		expect(percentagesSumTo100([10_000])).toBe(true);
		expect(percentagesSumTo100([3333, 3333, 3333])).toBe(false);
		expect(percentagesSumTo100([3000, 4000, 3001])).toBe(false);
		expect(percentagesSumTo100([])).toBe(false);
	});
});

describe('splitByPercentages', () => {
	it('splits the CUF cap 30/40/30', () => {
		expect(splitByPercentages(2_000_000, [3000, 4000, 3000])).toEqual([600_000, 800_000, 600_000]);
	});

	it('gives the remainder of the HT cap to the last tranche', () => {
		// 1 666 667 × 30 % = 500 000.1 and × 40 % = 666 666.8: both rounded down.
		expect(splitByPercentages(1_666_667, [3000, 4000, 3000])).toEqual([500_000, 666_666, 500_001]);
	});

	it('splits 33.33/33.33/33.34 and 33/33/34 exactly', () => {
		expect(splitByPercentages(2_000_000, [3333, 3333, 3334])).toEqual([666_600, 666_600, 666_800]);
		expect(splitByPercentages(2_000_000, [3300, 3300, 3400])).toEqual([660_000, 660_000, 680_000]);
		// 100 cents: 33.33 and 33.33 round down to 33, the last takes 34.
		expect(splitByPercentages(100, [3333, 3333, 3334])).toEqual([33, 33, 34]);
		// 1 666 667 × 33.33 % = 555 500.11…; the last gets 1 666 667 − 2 × 555 500.
		expect(splitByPercentages(1_666_667, [3333, 3333, 3334])).toEqual([555_500, 555_500, 555_667]);
	});

	it('always adds up to the amount, whatever the amount', () => {
		const splits = [[3333, 3333, 3334], [3300, 3300, 3400], [3000, 4000, 3000], [1, 9999], [10_000]];
		const failures: string[] = [];
		for (const percentages of splits) {
			const amounts = [
				...Array.from({ length: 2_001 }, (_, i) => i),
				1_666_667,
				2_000_000,
				123_456_789,
				99_999_999_999
			];
			for (const amount of amounts) {
				const shares = splitByPercentages(amount, percentages);
				// Every share but the last is rounded down, so the last one never comes up short.
				const roundedDown = shares
					.slice(0, -1)
					.every((share, i) => share === Math.floor((amount * percentages[i]!) / 10_000));
				if (shares.length !== percentages.length || sum(shares) !== amount || !roundedDown) {
					failures.push(`${amount} × [${percentages.join(', ')}] → [${shares.join(', ')}]`);
				}
			}
		}
		expect(failures).toEqual([]);
	});

	it('gives the whole amount to a single 100 % tranche', () => {
		expect(splitByPercentages(1_666_667, [10_000])).toEqual([1_666_667]);
	});

	it('throws when the percentages do not add up to 100 %', () => {
		expect(() => splitByPercentages(2_000_000, [3000, 4000, 2000])).toThrow(RangeError);
		expect(() => splitByPercentages(2_000_000, [3333, 3333, 3333])).toThrow(
			'Les pourcentages doivent totaliser exactement 100 %.'
		);
		expect(() => splitByPercentages(2_000_000, [5000, 5001])).toThrow(RangeError);
		expect(() => splitByPercentages(2_000_000, [])).toThrow(RangeError);
	});
});
