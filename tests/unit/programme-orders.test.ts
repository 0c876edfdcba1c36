// An order's steps in working days from J (quote 10, validation 10 more, purchase order 15 more),
// across Christmas and New Year; the plan a quote describes; SIRET keys; the report's totals.
import { describe, expect, it } from 'vitest';
import { orderSteps, quotePlan, workingDaysAfter, type QuoteLineInput } from '$lib/domain/programme-orders';
import { isValidSiret, missionConsumption } from '$lib/domain/programme-envelope';
import { buildProgrammeReport, type ReportOrder } from '$lib/domain/programme-report';

const open = { status: 'REQUESTED' as const, quoteSentOn: null, decidedOn: null, purchaseOrderOn: null };

describe('order steps in working days', () => {
	it('dates the steps from J across Christmas and New Year', () => {
		// J = Monday 15 December 2025: 25 December and 1 January are holidays, weekends skipped.
		const steps = orderSteps({ ...open, requestedOn: '2025-12-15' }, '2025-12-15');
		expect(steps.map((s) => [s.key, s.dueDate])).toEqual([
			['QUOTE', '2025-12-30'],
			['VALIDATION', '2026-01-14'],
			['PURCHASE_ORDER', '2026-02-04']
		]);
		expect(steps.every((s) => !s.late)).toBe(true);
	});

	it('starts each clock when the previous step was done, and flags late steps', () => {
		const steps = orderSteps(
			{
				status: 'QUOTED',
				requestedOn: '2025-12-15',
				quoteSentOn: '2026-01-02',
				decidedOn: null,
				purchaseOrderOn: null
			},
			'2026-01-20'
		);
		// Quote sent on 2 January: 3 days after its deadline.
		expect(steps[0]).toMatchObject({ dueDate: '2025-12-30', doneOn: '2026-01-02', late: true });
		// Validation: 10 working days after 2 January = 16 January, still open on the 20th.
		expect(steps[1]).toMatchObject({ dueDate: '2026-01-16', doneOn: null, late: true });
		expect(steps[2]!.dueDate).toBe('2026-02-06');
	});

	it('stops at the refusal', () => {
		const steps = orderSteps(
			{
				status: 'REFUSED',
				requestedOn: '2025-12-15',
				quoteSentOn: '2025-12-22',
				decidedOn: '2025-12-23',
				purchaseOrderOn: null
			},
			'2026-03-01'
		);
		expect(steps.map((s) => s.key)).toEqual(['QUOTE', 'VALIDATION']);
		expect(steps.some((s) => s.late)).toBe(false);
	});
});

const line = (
	phase: string,
	days: number,
	deliverable: string | null,
	kind: QuoteLineInput['kind'] = 'PROFILE_DAY'
) => ({
	label: `${phase} ${days} j`,
	phase,
	deliverable,
	quantityHundredths: days * 100,
	unitPriceHtCents: 800_00,
	kind
});

describe('plan of a quote', () => {
	it('runs phases one after another, lines side by side, deliverables 10 or 20 working days after their phase', () => {
		const lines = [
			line('Diagnostic', 3, 'Rapport de diagnostic'),
			line('Diagnostic', 5, null),
			line('Plan d’action', 2, 'Plan')
		];
		const plan = quotePlan('2025-12-22', lines, 10);
		// 22 December + 5 working days (25 December off): 22, 23, 24, 26, 29.
		expect(plan.phases[0]).toMatchObject({ startDate: '2025-12-22', endDate: '2025-12-29' });
		// Next phase: 30, 31 December (1 January off).
		expect(plan.phases[1]).toMatchObject({ startDate: '2025-12-30', endDate: '2025-12-31' });
		expect(plan.workEndDate).toBe('2025-12-31');
		expect(plan.deliverables).toEqual([
			{ title: 'Rapport de diagnostic', afterPhase: 'Diagnostic', dueDate: '2026-01-13' },
			{ title: 'Plan', afterPhase: 'Plan d’action', dueDate: '2026-01-15' }
		]);
		expect(quotePlan('2025-12-22', lines, 20).deliverables[1]!.dueDate).toBe('2026-01-29');
		expect(plan.totalHtCents).toBe(10 * 800_00);
		expect(workingDaysAfter('2025-12-22', '2026-01-15')).toBe(16);
	});

	it('starts on the next working day when the start is a holiday, and prices half days', () => {
		const plan = quotePlan('2026-01-01', [{ ...line('Formation', 1, null, 'TRAINING'), quantityHundredths: 150 }], 10);
		expect(plan.phases[0]).toMatchObject({ startDate: '2026-01-02', endDate: '2026-01-05' });
		expect(plan.totalHtCents).toBe(1_200_00);
	});
});

describe('beneficiaries and envelope', () => {
	it('checks a SIRET’s Luhn key', () => {
		expect(isValidSiret('73282932000074')).toBe(true);
		expect(isValidSiret('73282932000075')).toBe(false);
		expect(isValidSiret('7328293200007')).toBe(false);
		// La Poste's establishments follow their own rule.
		expect(isValidSiret('35600000049837')).toBe(true);
	});

	it('counts a signed mission on the envelope’s basis, and what is invoiced and paid', () => {
		const mission = {
			status: 'ACTIVE' as const,
			budgetCapCents: 12_000_00,
			capBasis: 'TTC' as const,
			vatRateBp: 2000,
			contractAmountHtCents: 10_000_00,
			tranches: [
				{ percentBp: 3000, status: 'PAID' as const },
				{ percentBp: 7000, status: 'PLANNED' as const }
			],
			paidTtcCents: 3_600_00
		};
		expect(missionConsumption(mission, 'HT')).toEqual({
			committedCents: 10_000_00,
			invoicedCents: 3_000_00,
			paidCents: 3_000_00
		});
		expect(missionConsumption(mission, 'TTC')).toEqual({
			committedCents: 12_000_00,
			invoicedCents: 3_600_00,
			paidCents: 3_600_00
		});
		expect(missionConsumption({ ...mission, status: 'DRAFT' }, 'HT').committedCents).toBe(0);
	});
});

describe('the 6-monthly report', () => {
	const order = (
		n: number,
		beneficiaryId: string,
		decidedOn: string | null,
		totalHtCents: number,
		status: ReportOrder['status']
	): ReportOrder => ({
		id: `o${n}`,
		number: n,
		title: `Commande ${n}`,
		beneficiaryId,
		requestedOn: '2026-01-05',
		quoteSentOn: '2026-01-09',
		decidedOn,
		purchaseOrderOn: null,
		status,
		totalHtCents,
		lines: [
			{ code: 'EXP', label: 'Expert', quantityHundredths: 100, amountHtCents: totalHtCents - 1_000_00 },
			{ code: 'FOR', label: 'Formation', quantityHundredths: 100, amountHtCents: 1_000_00 }
		]
	});
	const orders = [
		order(1, 'a', '2026-01-15', 5_000_00, 'VALIDATED'),
		order(2, 'b', '2026-04-02', 7_500_50, 'ORDERED'),
		order(3, 'a', '2026-06-30', 3_000_00, 'VALIDATED'),
		order(4, 'b', '2026-01-20', 9_999_00, 'REFUSED'),
		order(5, 'a', '2026-07-01', 4_000_00, 'VALIDATED')
	];
	const beneficiaries = [
		{ id: 'a', name: 'CHU de Lyon', siret: '73282932000074' },
		{ id: 'b', name: 'Université', siret: null }
	];

	it('totals equal the sum of the counted orders, overall, by month, quarter, year, beneficiary and BPU line', () => {
		const report = buildProgrammeReport(orders, beneficiaries, '2026-01-01', '2026-06-30', '2026-07-15');
		const counted = report.orders.filter((o) => o.counted);
		expect(counted.map((o) => o.number)).toEqual([1, 2, 3]);
		const sum = counted.reduce((s, o) => s + o.totalHtCents, 0);
		expect(report.totalHtCents).toBe(sum);
		expect(sum).toBe(15_500_50);
		for (const rows of [report.byMonth, report.byQuarter, report.byYear, report.priceLines]) {
			expect(rows.reduce((s, r) => s + r.htCents, 0)).toBe(sum);
		}
		expect(report.beneficiaries.reduce((s, b) => s + b.totalHtCents, 0)).toBe(sum);
		expect(report.byQuarter).toEqual([
			{ period: '2026-T1', htCents: 5_000_00 },
			{ period: '2026-T2', htCents: 10_500_50 }
		]);
		expect(report.beneficiaries.find((b) => b.id === 'a')).toMatchObject({
			siret: '73282932000074',
			totalHtCents: 8_000_00
		});
		// The refused order is listed, not counted.
		expect(report.orders.find((o) => o.number === 4)).toMatchObject({ counted: false, status: 'Devis refusé' });
	});
});
