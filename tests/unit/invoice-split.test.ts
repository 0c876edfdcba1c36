// Tranches that are each a valid invoice (VAT on the HT, rounded to the cent) and add up exactly
// to the contract amount on its basis: the splits and rates the issue lists, and a sweep.
import { describe, expect, it } from 'vitest';
import { invoiceFromHt, splitIntoInvoices } from '$lib/domain/tranches';

const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);
const SPLITS: Record<string, number[]> = {
	'30/40/30': [3000, 4000, 3000],
	'33/33/34': [3300, 3300, 3400],
	'33,33/33,33/33,34': [3333, 3333, 3334],
	'1 tranche': [10_000],
	'12 tranches': [...Array.from({ length: 11 }, () => 833), 10_000 - 11 * 833]
};
const RATES: Record<string, number> = { '20 %': 2000, '10 %': 1000, '5,5 %': 550, '0 %': 0 };

/** Every problem with a split: an invoice whose VAT is not its HT × rate rounded, or sums off. */
function problems(amount: { cents: number; basis: 'HT' | 'TTC' }, rate: number, percentages: number[]): string[] {
	const split = splitIntoInvoices(amount, rate, percentages);
	const out: string[] = [];
	for (const [i, inv] of split.invoices.entries()) {
		const vat = Math.round((inv.htCents * rate) / 10_000);
		if (inv.vatCents !== vat || inv.ttcCents !== inv.htCents + inv.vatCents || inv.htCents < 0)
			out.push(`tranche ${i + 1}: ${inv.htCents} HT + ${inv.vatCents} TVA = ${inv.ttcCents}`);
	}
	const onBasis = split.invoices.map((i) => (amount.basis === 'HT' ? i.htCents : i.ttcCents));
	if (sum(onBasis) !== amount.cents) out.push(`somme ${sum(onBasis)} ≠ ${amount.cents} ${amount.basis}`);
	if (split.gapCents !== 0) out.push(`écart ${split.gapCents}`);
	if (split.invoices.length !== percentages.length) out.push('nombre de tranches');
	if (sum(split.invoices.map((i) => i.ttcCents)) !== split.total.ttcCents) out.push('total TTC');
	if (sum(split.invoices.map((i) => i.htCents)) !== split.total.htCents) out.push('total HT');
	// Each tranche stays within two cents of its exact share; the last takes the rounded-down cents.
	for (const [i, p] of percentages.entries()) {
		if (
			Math.abs(onBasis[i]! - (amount.cents * p) / 10_000) >
			2 + (i === percentages.length - 1 ? 2 * percentages.length : 0)
		)
			out.push(`tranche ${i + 1} loin de sa part : ${onBasis[i]}`);
	}
	return out;
}

describe('splitIntoInvoices', () => {
	it('gives the CUF mission (20 000 € TTC, 20 %, 30/40/30) three valid invoices adding up to 20 000,00 € TTC', () => {
		const split = splitIntoInvoices({ cents: 2_000_000, basis: 'TTC' }, 2000, [3000, 4000, 3000]);
		expect(split.invoices).toEqual([
			{ htCents: 500_000, vatCents: 100_000, ttcCents: 600_000 },
			// 6 666,66 € HT would give 7 999,99 € TTC: 6 666,67 € HT gives 8 000,00 €.
			{ htCents: 666_667, vatCents: 133_333, ttcCents: 800_000 },
			{ htCents: 500_000, vatCents: 100_000, ttcCents: 600_000 }
		]);
		expect(split.total).toEqual({ htCents: 1_666_667, vatCents: 333_333, ttcCents: 2_000_000 });
		expect(split.gapCents).toBe(0);
	});

	it('moves a cent to another tranche when a share is no invoice total (0,03 € TTC at 20 %)', () => {
		// 0,02 € HT → 0,02 € TTC; 0,03 € HT → 0,04 € TTC: nothing gives 0,03 €.
		expect(invoiceFromHt(2, 2000).ttcCents).toBe(2);
		expect(invoiceFromHt(3, 2000).ttcCents).toBe(4);
		const split = splitIntoInvoices({ cents: 6, basis: 'TTC' }, 2000, [5000, 5000]);
		expect(sum(split.invoices.map((i) => i.ttcCents))).toBe(6);
		expect(split.invoices.map((i) => i.ttcCents).sort()).toEqual([2, 4]);
	});

	it('says so when a single tranche cannot total the amount exactly', () => {
		const split = splitIntoInvoices({ cents: 3, basis: 'TTC' }, 2000, [10_000]);
		expect(split.invoices).toEqual([{ htCents: 2, vatCents: 0, ttcCents: 2 }]);
		expect(split.gapCents).toBe(1);
	});

	for (const [splitName, percentages] of Object.entries(SPLITS)) {
		for (const [rateName, rate] of Object.entries(RATES)) {
			it(`${splitName} at ${rateName}: valid invoices adding up exactly, on an HT or a TTC amount`, () => {
				const failures: string[] = [];
				const amounts = [
					2_000_000,
					1_666_667,
					1_234_567,
					99_999,
					10_000_000_000,
					...Array.from({ length: 400 }, (_, i) => 1000 + i * 37)
				];
				for (const cents of amounts) {
					for (const basis of ['HT', 'TTC'] as const) {
						// One tranche cannot reach a TTC no invoice gives: checked apart above.
						if (basis === 'TTC' && percentages.length === 1) {
							const only = splitIntoInvoices({ cents, basis }, rate, percentages).invoices[0]!;
							if (only.ttcCents > cents || cents - only.ttcCents > 1) failures.push(`${cents} TTC → ${only.ttcCents}`);
							continue;
						}
						for (const p of problems({ cents, basis }, rate, percentages)) failures.push(`${cents} ${basis}: ${p}`);
					}
				}
				expect(failures).toEqual([]);
			});
		}
	}
});
