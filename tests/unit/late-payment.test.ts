// Late-payment interest as French law sets it: the half-year's ECB rate + 8 points (public buyer)
// or + 10 points / the contract's rate (companies), per day, plus the flat 40 € fee.
import { describe, expect, it } from 'vitest';
import {
	halfYearStart,
	latePaymentInterest,
	latePaymentInterestWithPayments,
	latePeriods,
	describeLatePeriods
} from '$lib/domain/late-payment';

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

describe('interest after partial payments', () => {
	const terms = { buyerKind: 'PUBLIC' as const, contractRateBp: null, ecbRates };

	it('cuts the late days at each payment, the day of payment counting on the amount before it', () => {
		// 6 000 € due 28/12/2025; 2 000 € paid 07/01/2026, 1 000 € paid 17/01/2026; today 27/01/2026.
		const payments = [
			{ paidOn: '2026-01-17', amountCents: 100_000 },
			{ paidOn: '2026-01-07', amountCents: 200_000 }
		];
		expect(latePeriods(600_000, payments, '2025-12-28', '2026-01-27')).toEqual([
			{ from: '2025-12-29', to: '2026-01-07', days: 10, baseCents: 600_000 },
			{ from: '2026-01-08', to: '2026-01-17', days: 10, baseCents: 400_000 },
			{ from: '2026-01-18', to: '2026-01-27', days: 10, baseCents: 300_000 }
		]);
		const i = latePaymentInterestWithPayments(600_000, payments, '2025-12-28', '2026-01-27', terms)!;
		expect(i.daysLate).toBe(30);
		// 10,15 % a year on 6 000 € × 10 d + 4 000 € × 10 d + 3 000 € × 10 d = 130 000 €·d: 36,15 €,
		// where today's unpaid 3 000 € over the 30 days would give 25,03 €.
		expect(i.interestCents).toBe(Math.round((13_000_000 * 1015) / 3_650_000));
		expect(i.interestCents).toBe(3615);
		expect(latePaymentInterest(300_000, '2025-12-28', '2026-01-27', terms)!.interestCents).toBe(2503);
		expect(describeLatePeriods(i.periods).replace(/[\u00a0\u202f]/g, ' ')).toBe(
			'6 000,00 € pendant 10 j, puis 4 000,00 € pendant 10 j, puis 3 000,00 € pendant 10 j'
		);
	});

	it('a payment before the due date lowers the base from the first late day', () => {
		const i = latePaymentInterestWithPayments(
			600_000,
			[{ paidOn: '2025-12-20', amountCents: 500_000 }],
			'2025-12-28',
			'2026-01-27',
			terms
		)!;
		expect(i.periods).toEqual([{ from: '2025-12-29', to: '2026-01-27', days: 30, baseCents: 100_000 }]);
		expect(i.interestCents).toBe(Math.round((100_000 * 30 * 1015) / 3_650_000));
	});

	it('stops at the payment of the rest: a tranche paid late owes interest up to that day', () => {
		const payments = [
			{ paidOn: '2026-01-02', amountCents: 400_000 },
			{ paidOn: '2026-01-05', amountCents: 200_000 }
		];
		const i = latePaymentInterestWithPayments(600_000, payments, '2025-12-28', '2026-03-01', terms)!;
		expect(i.daysLate).toBe(8);
		expect(i.periods.map((p) => [p.days, p.baseCents])).toEqual([
			[5, 600_000],
			[3, 200_000]
		]);
		expect(i.interestCents).toBe(Math.round(((600_000 * 5 + 200_000 * 3) * 1015) / 3_650_000));
		// Paid in full on time: nothing late.
		expect(
			latePaymentInterestWithPayments(
				600_000,
				[{ paidOn: '2025-12-28', amountCents: 600_000 }],
				'2025-12-28',
				'2026-03-01',
				terms
			)
		).toBeNull();
	});
});
