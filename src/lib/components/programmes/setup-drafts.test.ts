import { describe, expect, it } from 'vitest';
import { beneficiaryDraft, beneficiaryInput, priceLineDraft, priceLineInput } from './setup-drafts';

describe('programme set-up drafts', () => {
	it('fills the beneficiary form from a row and sends empty fields as none', () => {
		const row = {
			name: 'CHU',
			siret: '73282932000074',
			isMember: true,
			contactName: null,
			contactEmail: 'a@chu.fr',
			contactPhone: null
		};
		expect(beneficiaryDraft(row)).toMatchObject({ siret: '73282932000074', contactName: '', isMember: true });
		expect(beneficiaryInput({ ...beneficiaryDraft(row), siret: '  ', contactName: ' M. Roux ' })).toEqual({
			...row,
			siret: null,
			contactName: 'M. Roux'
		});
		expect(beneficiaryDraft()).toMatchObject({ name: '', isMember: false });
	});

	it('shows a price the French way and reads it back to the cent', () => {
		const draft = priceLineDraft({
			code: 'EXP',
			label: 'Expert',
			kind: 'PROFILE_DAY',
			unit: 'jour',
			unitPriceHtCents: 120_050
		});
		expect(draft.price.replace(/[\u202f\u00a0]/g, ' ')).toBe('1 200,50');
		expect(priceLineInput(draft)).toEqual({
			ok: true,
			line: { code: 'EXP', label: 'Expert', kind: 'PROFILE_DAY', unit: 'jour', unitPriceHtCents: 120_050 }
		});
		expect(priceLineInput({ ...draft, price: '12,345' })).toMatchObject({ ok: false });
		expect(priceLineInput({ ...draft, price: '0' })).toMatchObject({ ok: false });
	});
});
