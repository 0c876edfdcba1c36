// A change of payment delay: the legal maximum for the buyer, with its article, and the issued
// invoices whose due date it would move.
import { describe, expect, it } from 'vitest';
import { delayOverLegal, describeRedating, legalPaymentDelay, termsChange } from '$lib/domain/payment-terms';

describe('legal payment delay', () => {
	it('is 30 days for a public buyer and 60 between companies, each with its article', () => {
		expect(legalPaymentDelay('PUBLIC').maxDays).toBe(30);
		expect(legalPaymentDelay('PUBLIC').rule).toContain('R. 2192-10');
		expect(legalPaymentDelay('COMPANY').maxDays).toBe(60);
		expect(legalPaymentDelay('COMPANY').rule).toContain('L. 441-10');
		expect(legalPaymentDelay('COMPANY').rule).toContain('45 jours fin de mois');
	});

	it('flags a delay over it, not one at it, nor 0 days', () => {
		expect(delayOverLegal('PUBLIC', 30)).toBeNull();
		expect(delayOverLegal('PUBLIC', 0)).toBeNull();
		expect(delayOverLegal('PUBLIC', 45)).toBe(
			'Délai de paiement de 45 jours : au-delà du maximum légal, un acheteur public paie sous 30 jours au plus (Code de la commande publique, art. L. 2192-10 et R. 2192-10).'
		);
		expect(delayOverLegal('COMPANY', 60)).toBeNull();
		expect(delayOverLegal('COMPANY', 61)).toContain('Code de commerce, art. L. 441-10');
	});
});

describe('termsChange', () => {
	const invoices = [
		{ id: 'a', label: 'Signature', invoiceNumber: 'F-1', invoiceDate: '2025-12-01', paymentDelayDays: 30 },
		// Issued under 20 days by an earlier change.
		{ id: 'b', label: 'Mi-mission', invoiceNumber: null, invoiceDate: '2026-02-02', paymentDelayDays: 20 },
		// Recorded before delays were kept per invoice: the mission's.
		{ id: 'c', label: 'Solde', invoiceNumber: 'F-3', invoiceDate: '2026-03-02', paymentDelayDays: null }
	];

	it('lists the issued invoices whose due date a new delay would move', () => {
		const change = termsChange({ delayDays: 30, buyerKind: 'PUBLIC' }, { delayDays: 0, buyerKind: 'PUBLIC' }, invoices);
		expect(change.overLegal).toBeNull();
		expect(change.redated).toEqual([
			{ id: 'a', label: 'Signature', invoiceNumber: 'F-1', dueBefore: '2025-12-31', dueAfter: '2025-12-01' },
			{ id: 'b', label: 'Mi-mission', invoiceNumber: null, dueBefore: '2026-02-22', dueAfter: '2026-02-02' },
			{ id: 'c', label: 'Solde', invoiceNumber: 'F-3', dueBefore: '2026-04-01', dueAfter: '2026-03-02' }
		]);
		expect(describeRedating(change.redated)).toBe(
			'3 factures déjà émises changeraient d’échéance (F-1 : 31/12/2025 → 01/12/2025 ; Mi-mission : 22/02/2026 → 02/02/2026 ; F-3 : 01/04/2026 → 02/03/2026).'
		);
		// Back to 20 days: the invoice issued under 20 stays where it is.
		const back = termsChange({ delayDays: 30, buyerKind: 'PUBLIC' }, { delayDays: 20, buyerKind: 'PUBLIC' }, invoices);
		expect(back.redated.map((r) => r.id)).toEqual(['a', 'c']);
	});

	it('flags the rule a new delay or a new buyer breaks, not terms left as they were', () => {
		expect(
			termsChange({ delayDays: 30, buyerKind: 'PUBLIC' }, { delayDays: 45, buyerKind: 'PUBLIC' }, []).overLegal
		).toContain('30 jours au plus');
		expect(
			termsChange({ delayDays: 45, buyerKind: 'COMPANY' }, { delayDays: 45, buyerKind: 'PUBLIC' }, []).overLegal
		).toContain('R. 2192-10');
		expect(
			termsChange({ delayDays: 45, buyerKind: 'PUBLIC' }, { delayDays: 45, buyerKind: 'PUBLIC' }, []).overLegal
		).toBeNull();
		expect(
			termsChange({ delayDays: 30, buyerKind: 'COMPANY' }, { delayDays: 60, buyerKind: 'COMPANY' }, []).overLegal
		).toBeNull();
	});
});
