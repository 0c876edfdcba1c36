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

/** What an invoice reads: VAT computed on the HT amount and rounded to the cent, TTC = HT + VAT. */
export interface InvoiceAmounts {
	htCents: Cents;
	vatCents: Cents;
	ttcCents: Cents;
}

export function invoiceFromHt(htCents: Cents, vatRate: BasisPoints): InvoiceAmounts {
	const vatCents = Math.round((htCents * vatRate) / BASIS_POINTS_PER_UNIT);
	return { htCents, vatCents, ttcCents: htCents + vatCents };
}

/** The largest HT whose invoice totals at most `ttcCents` TTC. */
export function htForTtcAtMost(ttcCents: Cents, vatRate: BasisPoints): Cents {
	let ht = Math.max(0, Math.floor((ttcCents * BASIS_POINTS_PER_UNIT) / (BASIS_POINTS_PER_UNIT + vatRate)));
	while (invoiceFromHt(ht + 1, vatRate).ttcCents <= ttcCents) ht++;
	while (ht > 0 && invoiceFromHt(ht, vatRate).ttcCents > ttcCents) ht--;
	return ht;
}

export interface InvoiceSplit {
	basis: 'HT' | 'TTC';
	invoices: InvoiceAmounts[];
	total: InvoiceAmounts;
	/**
	 * Cents by which the invoices fall short of a TTC total no set of valid invoices can reach
	 * (a single tranche whose TTC no HT gives, or VAT above 50 %); 0 otherwise.
	 */
	gapCents: Cents;
}

function totalOf(invoices: readonly InvoiceAmounts[]): InvoiceAmounts {
	return invoices.reduce(
		(t, i) => ({
			htCents: t.htCents + i.htCents,
			vatCents: t.vatCents + i.vatCents,
			ttcCents: t.ttcCents + i.ttcCents
		}),
		{ htCents: 0, vatCents: 0, ttcCents: 0 }
	);
}

/**
 * Splits a contract amount into tranches that are each a valid invoice (VAT on the HT, rounded
 * to the cent) and add up exactly to the amount on its own basis: HT shares when the amount is
 * HT; when it is TTC, TTC shares whose HT is chosen so HT + VAT gives that TTC. Some TTC amounts
 * are no invoice's total (at 20 %, 0,03 € is not: 0,02 € HT gives 0,02 € and 0,03 € HT 0,04 €),
 * so a tranche may carry a cent more or less than its exact share.
 */
export function splitIntoInvoices(
	amount: { cents: Cents; basis: 'HT' | 'TTC' },
	vatRate: BasisPoints,
	percentages: readonly BasisPoints[]
): InvoiceSplit {
	return invoicesForShares(splitByPercentages(amount.cents, percentages), amount.basis, vatRate);
}

/**
 * Valid invoices for shares already cut on the amount's basis (they add up to the amount): HT
 * shares are invoiced as they are; TTC shares as explained above.
 */
export function invoicesForShares(shares: readonly Cents[], basis: 'HT' | 'TTC', vatRate: BasisPoints): InvoiceSplit {
	const amount = { cents: shares.reduce((sum, s) => sum + s, 0), basis };
	if (amount.basis === 'HT') {
		const invoices = shares.map((ht) => invoiceFromHt(ht, vatRate));
		return { basis: 'HT', invoices, total: totalOf(invoices), gapCents: 0 };
	}
	const hts = shares.map((ttc) => htForTtcAtMost(ttc, vatRate));
	const ttcOf = (i: number, delta = 0) => invoiceFromHt(hts[i]! + delta, vatRate).ttcCents;
	let deficit = amount.cents - hts.reduce((sum, _, i) => sum + ttcOf(i), 0);
	// Each tranche fell at most one cent short of its share: give the missing cents back to the
	// tranches they leave closest to their shares.
	const last = hts.length - 1;
	while (deficit > 0) {
		const step = (i: number) => ttcOf(i, 1) - ttcOf(i);
		// The tranche that ends up closest to its exact share, the last one on a tie.
		let raised = -1;
		for (let i = last; i >= 0; i--) {
			if (step(i) > deficit) continue;
			if (raised < 0 || ttcOf(i, 1) - shares[i]! < ttcOf(raised, 1) - shares[raised]!) raised = i;
		}
		if (raised >= 0) {
			deficit -= step(raised);
			hts[raised]!++;
			continue;
		}
		// One cent left and every next invoice is two cents up: raise one by two, lower another by one.
		const lowered = hts.findLastIndex((ht, i) => ht > 0 && ttcOf(i) - ttcOf(i, -1) === 1);
		const up = hts.findLastIndex((_, i) => i !== lowered && step(i) === 2);
		if (lowered < 0 || up < 0) break;
		hts[up]!++;
		hts[lowered]!--;
		deficit -= 1;
	}
	const invoices = hts.map((ht) => invoiceFromHt(ht, vatRate));
	return { basis: 'TTC', invoices, total: totalOf(invoices), gapCents: amount.cents - totalOf(invoices).ttcCents };
}
