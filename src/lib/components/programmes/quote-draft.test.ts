import { describe, expect, it } from 'vitest';
import { draftAmounts, draftToInput, parseQuantity } from './quote-draft';

const priceList = [
	{ id: 'exp', code: 'EXP', label: 'Expert', unit: 'jour', unitPriceHtCents: 1_000_00 },
	{ id: 'for', code: 'FOR', label: 'Formation', unit: 'session', unitPriceHtCents: 1_234_56 }
];

describe('quote draft', () => {
	it('reads French quantities', () => {
		expect(parseQuantity('1,5')).toBe(150);
		expect(parseQuantity(' 2 ')).toBe(200);
		expect(parseQuantity('0')).toBeNull();
		expect(parseQuantity('1,234')).toBeNull();
		expect(parseQuantity('deux')).toBeNull();
	});

	it('totals quantities × unit prices as the server does, skipping incomplete lines', () => {
		const { amounts, totalHtCents } = draftAmounts(
			[
				{ priceLineId: 'exp', phase: 'A', deliverable: '', quantity: '2,5' },
				{ priceLineId: 'for', phase: 'B', deliverable: 'Bilan', quantity: '0,5' },
				{ priceLineId: '', phase: 'B', deliverable: '', quantity: '1' }
			],
			priceList
		);
		expect(amounts).toEqual([2_500_00, 617_28, null]);
		expect(totalHtCents).toBe(3_117_28);
	});

	it('turns the draft into the API’s lines, or says which line is incomplete', () => {
		expect(draftToInput([{ priceLineId: 'exp', phase: ' A ', deliverable: '', quantity: '1' }])).toEqual({
			ok: true,
			lines: [{ priceLineId: 'exp', phase: 'A', deliverable: null, quantityHundredths: 100 }]
		});
		expect(draftToInput([{ priceLineId: 'exp', phase: 'A', deliverable: '', quantity: 'x' }])).toEqual({
			ok: false,
			message: 'Ligne 1 : quantité invalide (exemple : 2 ou 1,5).'
		});
		expect(draftToInput([])).toMatchObject({ ok: false });
	});
});
