import { describe, expect, test } from 'vitest';
import {
	budgetGauge,
	capInHt,
	invoiceTranche,
	lifecycleStatus,
	outstandingCents,
	paymentDueDate,
	recordPayment,
	trancheAmounts,
	TrancheTransitionError,
	type TrancheLedger
} from '$lib/domain/finance';

const planned: TrancheLedger = {
	status: 'PLANNED',
	amountTtcCents: 600_000,
	invoiceNumber: null,
	invoiceDate: null,
	paidCents: 0,
	lastPaymentDate: null
};

function transitionCode(run: () => unknown): string | undefined {
	try {
		run();
	} catch (error) {
		if (error instanceof TrancheTransitionError) return error.code;
		throw error;
	}
	return undefined;
}

describe('tranche amounts', () => {
	test('20 000 € TTC at 20 %, 30/40/30: three valid invoices adding up to 20 000,00 € TTC', () => {
		expect(capInHt({ cents: 2_000_000, basis: 'TTC' }, 2000)).toBe(1_666_667);
		const split = trancheAmounts({ cents: 2_000_000, basis: 'TTC' }, 2000, [3000, 4000, 3000]);
		expect(split.invoices.map((i) => i.htCents)).toEqual([500_000, 666_667, 500_000]);
		expect(split.invoices.map((i) => i.ttcCents)).toEqual([600_000, 800_000, 600_000]);
		expect(split.total.ttcCents).toBe(2_000_000);
	});

	test('33/33/34 on an odd HT amount adds up exactly in HT, remainder on the last tranche', () => {
		const split = trancheAmounts({ cents: 1_000_001, basis: 'HT' }, 550, [3300, 3300, 3400]);
		expect(split.total.htCents).toBe(1_000_001);
		expect(split.invoices.slice(0, 2).map((i) => i.htCents)).toEqual([330_000, 330_000]);
		// Each TTC is its own HT plus VAT rounded: 330 000 × 5,5 % = 18 150.
		expect(split.invoices[0]).toEqual({ htCents: 330_000, vatCents: 18_150, ttcCents: 348_150 });
	});
});

describe('tranche life cycle', () => {
	test('prévue until its trigger is reached, then exigible', () => {
		expect(lifecycleStatus(planned, false, 30, '2025-12-01')).toBe('PLANNED');
		expect(lifecycleStatus(planned, true, 30, '2025-12-01')).toBe('DUE');
	});

	test('cannot be invoiced before its trigger', () => {
		expect(
			transitionCode(() => invoiceTranche(planned, false, { invoiceNumber: 'F-1', invoiceDate: '2025-11-28' }))
		).toBe('NOT_DUE_YET');
	});

	test('invoiced, then late the day after invoice date + payment delay', () => {
		const invoiced = invoiceTranche(planned, true, { invoiceNumber: 'F-2025-001', invoiceDate: '2025-11-28' });
		expect(paymentDueDate('2025-11-28', 30)).toBe('2025-12-28');
		expect(lifecycleStatus(invoiced, true, 30, '2025-12-28')).toBe('INVOICED');
		expect(lifecycleStatus(invoiced, true, 30, '2025-12-29')).toBe('OVERDUE');
		expect(
			transitionCode(() => invoiceTranche(invoiced, true, { invoiceNumber: 'F-2', invoiceDate: '2025-11-29' }))
		).toBe('ALREADY_INVOICED');
	});

	test('a partial payment leaves the rest outstanding; the full amount makes it paid', () => {
		const invoiced = invoiceTranche(planned, true, { invoiceNumber: 'F-1', invoiceDate: '2025-11-28' });
		const partly = recordPayment(invoiced, { date: '2025-12-10', amountCents: 200_000 });
		expect(outstandingCents(partly)).toBe(400_000);
		expect(lifecycleStatus(partly, true, 30, '2025-12-11')).toBe('PARTIALLY_PAID');
		// Still late when the rest is unpaid past the due date.
		expect(lifecycleStatus(partly, true, 30, '2026-01-05')).toBe('OVERDUE');
		const paid = recordPayment(partly, { date: '2025-12-20', amountCents: 400_000 });
		expect(paid.status).toBe('PAID');
		expect(lifecycleStatus(paid, true, 30, '2026-06-01')).toBe('PAID');
	});

	test('refuses paying a tranche that is not invoiced, paying too much, or paying before the invoice', () => {
		expect(transitionCode(() => recordPayment(planned, { date: '2025-12-01', amountCents: 1 }))).toBe('NOT_INVOICED');
		const invoiced = invoiceTranche(planned, true, { invoiceNumber: 'F-1', invoiceDate: '2025-11-28' });
		expect(transitionCode(() => recordPayment(invoiced, { date: '2025-12-01', amountCents: 600_001 }))).toBe(
			'OVERPAYMENT'
		);
		expect(transitionCode(() => recordPayment(invoiced, { date: '2025-12-01', amountCents: 0 }))).toBe(
			'INVALID_AMOUNT'
		);
		expect(transitionCode(() => recordPayment(invoiced, { date: '2025-11-27', amountCents: 100 }))).toBe(
			'PAYMENT_BEFORE_INVOICE'
		);
		const paid = recordPayment(invoiced, { date: '2025-12-01', amountCents: 600_000 });
		expect(transitionCode(() => recordPayment(paid, { date: '2025-12-02', amountCents: 1 }))).toBe('ALREADY_PAID');
	});
});

describe('budget gauge', () => {
	const cap = { cents: 2_000_000, basis: 'TTC' as const };

	test('a plan exactly at the cap leaves nothing and exceeds nothing', () => {
		const gauge = budgetGauge(1_666_667, cap, 2000);
		expect(gauge).toMatchObject({ amountCents: 2_000_000, remainingCents: 0, overCents: 0, usedBp: 10_000 });
	});

	test('one cent HT over the cap shows on the TTC basis', () => {
		// 16 666,68 € HT is 20 000,02 € TTC once VAT is rounded to the cent.
		const gauge = budgetGauge(1_666_668, cap, 2000);
		expect(gauge.overCents).toBe(2);
		expect(gauge.remainingCents).toBe(0);
	});

	test('an HT cap is compared in HT', () => {
		const gauge = budgetGauge(900_000, { cents: 1_000_000, basis: 'HT' }, 2000);
		expect(gauge).toMatchObject({ amountCents: 900_000, remainingCents: 100_000, usedBp: 9000 });
	});
});

describe('CSV for Excel in French', async () => {
	const { centsToCsvNumber, toCsv } = await import('$lib/domain/csv');

	test('BOM, semicolons, decimal comma, French dates, quoting', () => {
		expect(centsToCsvNumber(600_000)).toBe('6000,00');
		expect(centsToCsvNumber(5)).toBe('0,05');
		const csv = toCsv([
			['Tranche', 'Montant'],
			['Signature; 30 %', centsToCsvNumber(600_000)],
			['Date', '2025-12-15'],
			['Part', 33.5]
		]);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.slice(1).split('\r\n')).toEqual([
			'Tranche;Montant',
			'"Signature; 30 %";6000,00',
			'Date;15/12/2025',
			'Part;33,5',
			''
		]);
	});
});
