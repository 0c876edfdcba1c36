import { describe, expect, test } from 'vitest';
import { costFigures, daysCost, splitBetweenFunders, withVat } from '$lib/domain/cost-plan';

const profiles = [
	{ id: 'expert', name: 'Expert', dayRateHtCents: 90_000 },
	{ id: 'junior', name: 'Junior', dayRateHtCents: 45_000 }
];

describe('cost plan', () => {
	test('days in hundredths times a day rate, to the cent', () => {
		expect(daysCost(150, 90_000)).toBe(135_000);
		expect(daysCost(33, 45_001)).toBe(14_850);
	});

	test('sums planned, spent, remaining and estimate at completion per phase and for the mission', () => {
		const { byPhase, total } = costFigures(
			profiles,
			[
				{ phaseId: 'audit', profileId: 'expert', dayHundredths: 500, fixedAmountHtCents: 0 },
				{ phaseId: 'audit', profileId: 'junior', dayHundredths: 400, fixedAmountHtCents: 0 },
				{ phaseId: 'audit', profileId: null, dayHundredths: 0, fixedAmountHtCents: 30_000 },
				{ phaseId: 'roadmap', profileId: 'expert', dayHundredths: 300, fixedAmountHtCents: 0 }
			],
			[
				// Expert overran the audit by a day; junior spent 2 of 4 days.
				{ phaseId: 'audit', profileId: 'expert', dayHundredths: 600 },
				{ phaseId: 'audit', profileId: 'junior', dayHundredths: 200 }
			],
			[{ phaseId: 'audit', amountHtCents: 12_000 }]
		);
		const audit = byPhase.get('audit')!;
		expect(audit.plannedHtCents).toBe(450_000 + 180_000 + 30_000);
		expect(audit.spentHtCents).toBe(540_000 + 90_000 + 12_000);
		// Expert has nothing left, junior 2 days, travel 180 €.
		expect(audit.remainingHtCents).toBe(90_000 + 18_000);
		expect(audit.estimateAtCompletionHtCents).toBe(642_000 + 108_000);
		expect(byPhase.get('roadmap')).toEqual({
			plannedHtCents: 270_000,
			spentHtCents: 0,
			remainingHtCents: 270_000,
			estimateAtCompletionHtCents: 270_000
		});
		expect(total.plannedHtCents).toBe(930_000);
		expect(total.estimateAtCompletionHtCents).toBe(750_000 + 270_000);
	});

	test('VAT on a plan total', () => {
		expect(withVat(1_666_667, 2000)).toEqual({ htCents: 1_666_667, vatCents: 333_333, ttcCents: 2_000_000 });
	});
});

describe('co-financing', () => {
	test('80 / 20 split adds up to the amount', () => {
		const parts = splitBetweenFunders(600_001, [
			{ name: 'Dispositif', shareBp: 8000, ceilingCents: null },
			{ name: 'Collectivité', shareBp: 2000, ceilingCents: null }
		]);
		expect(parts).toEqual([480_000, 120_001]);
	});

	test('a ceiling caps the scheme and the organisation pays the rest', () => {
		const parts = splitBetweenFunders(1_000_000, [
			{ name: 'Dispositif', shareBp: 8000, ceilingCents: 500_000 },
			{ name: 'Collectivité', shareBp: 2000, ceilingCents: null }
		]);
		expect(parts).toEqual([500_000, 500_000]);
	});

	test('shares must sum to 100 %', () => {
		expect(() =>
			splitBetweenFunders(100, [
				{ name: 'A', shareBp: 5000, ceilingCents: null },
				{ name: 'B', shareBp: 4000, ceilingCents: null }
			])
		).toThrow('100 %');
	});
});

describe('funders across tranches', async () => {
	const { splitRowsByTotals } = await import('$lib/domain/cost-plan');

	test('rows add up to each tranche and columns to each funder total, to the cent', () => {
		const amounts = [600_001, 800_000, 599_999];
		const totals = splitBetweenFunders(2_000_000, [
			{ name: 'Dispositif', shareBp: 8000, ceilingCents: 1_000_000 },
			{ name: 'Commune', shareBp: 2000, ceilingCents: null }
		]);
		expect(totals).toEqual([1_000_000, 1_000_000]);
		const rows = splitRowsByTotals(amounts, totals);
		rows.forEach((row, i) => expect(row.reduce((a, b) => a + b)).toBe(amounts[i]));
		expect(rows.reduce((sum, row) => sum + row[0]!, 0)).toBe(1_000_000);
		expect(rows.reduce((sum, row) => sum + row[1]!, 0)).toBe(1_000_000);
		expect(rows[0]).toEqual([300_000, 300_001]);
	});
});
