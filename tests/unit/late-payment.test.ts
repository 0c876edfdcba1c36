// Late-payment interest as French law sets it: the half-year's ECB rate + 8 points (public buyer)
// or + 10 points / the contract's rate (companies), per day, plus the flat 40 € fee.
import { describe, expect, it } from 'vitest';
import { halfYearStart, latePaymentInterest, paymentDelayWarning } from '$lib/domain/late-payment';

const ecbRates = new Map([
	['2025-07-01', 215],
	['2026-01-01', 200]
]);

describe('latePaymentInterest', () => {
	it('public buyer: ECB of the half-year the delay starts in + 8 points, per day', () => {
		// Due 28/12/2025, late from 29/12/2025 (2nd half of 2025: 2,15 %): 10,15 % a year.
		const i = latePaymentInterest(600_000, '2025-12-28', '2026-01-27', {
			buyerKind: 'PUBLIC',
			contractRateBp: null,
			ecbRates
		})!;
		expect(i.daysLate).toBe(30);
		expect(i.rateBp).toBe(1015);
		// 6 000 € × 10,15 % × 30 / 365 = 50,05 €.
		expect(i.interestCents).toBe(Math.round((600_000 * 1015 * 30) / 3_650_000));
		expect(i.interestCents).toBe(5005);
		expect(i.feeCents).toBe(4000);
		expect(i.explanation.replace(/[\u00a0\u202f]/g, ' ')).toBe('BCE 2,15 % (2d semestre 2025) + 8 points');
	});

	it('the half-year is the one of the first late day', () => {
		expect(halfYearStart('2025-12-31')).toBe('2025-07-01');
		expect(halfYearStart('2026-01-01')).toBe('2026-01-01');
		const i = latePaymentInterest(100_000, '2025-12-31', '2026-01-10', {
			buyerKind: 'PUBLIC',
			contractRateBp: null,
			ecbRates
		})!;
		expect(i.rateBp).toBe(1000);
	});

	it('between companies: the contract rate, or ECB + 10 points', () => {
		const terms = { buyerKind: 'COMPANY' as const, ecbRates };
		expect(latePaymentInterest(100_000, '2026-02-01', '2026-03-03', { ...terms, contractRateBp: 1200 })!.rateBp).toBe(
			1200
		);
		expect(latePaymentInterest(100_000, '2026-02-01', '2026-03-03', { ...terms, contractRateBp: null })!.rateBp).toBe(
			1200
		);
		expect(latePaymentInterest(100_000, '2026-02-01', '2026-03-03', { ...terms, contractRateBp: 900 })!.rateBp).toBe(
			900
		);
	});

	it('is not due on the due date itself, and says when the ECB rate is missing', () => {
		expect(
			latePaymentInterest(100_000, '2026-02-01', '2026-02-01', { buyerKind: 'PUBLIC', contractRateBp: null, ecbRates })
		).toBeNull();
		const i = latePaymentInterest(100_000, '2026-08-01', '2026-08-11', {
			buyerKind: 'PUBLIC',
			contractRateBp: null,
			ecbRates
		})!;
		expect(i).toMatchObject({ rateBp: null, interestCents: 0, feeCents: 4000 });
		expect(i.explanation).toBe('taux BCE du 2d semestre 2026 à saisir');
	});
});

describe('paymentDelayWarning', () => {
	it('warns a public buyer over 30 days only', () => {
		expect(paymentDelayWarning('PUBLIC', 30)).toBeNull();
		expect(paymentDelayWarning('PUBLIC', 45)).toBe(
			'Délai de paiement de 45 jours : un acheteur public doit payer sous 30 jours au plus.'
		);
		expect(paymentDelayWarning('COMPANY', 60)).toBeNull();
	});
});
