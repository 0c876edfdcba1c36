// Payment tranches: percentages of the contract amount that must add up to exactly 100 %.
import type { BasisPoints, Cents } from './money';
import { BASIS_POINTS_PER_UNIT } from './money';

export function percentagesSumTo100(percentages: readonly BasisPoints[]): boolean {
	return percentages.reduce((sum, p) => sum + p, 0) === BASIS_POINTS_PER_UNIT;
}

/**
 * Splits an amount by percentages, each share rounded down to the cent, the remainder going to
 * the last share so the shares always add up to the amount exactly.
 */
export function splitByPercentages(amount: Cents, percentages: readonly BasisPoints[]): Cents[] {
	if (!percentagesSumTo100(percentages)) {
		throw new RangeError('Les pourcentages doivent totaliser exactement 100 %.');
	}
	const shares = percentages.map((p) => Math.floor((amount * p) / BASIS_POINTS_PER_UNIT));
	const allocated = shares.reduce((sum, s) => sum + s, 0);
	if (shares.length > 0) shares[shares.length - 1]! += amount - allocated;
	return shares;
}
