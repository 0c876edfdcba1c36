// The funding rule of a support scheme: member 80 / 20, non-member 50 / 50, a ceiling per
// service, shares exact to the cent per tranche and in total, the unfunded remainder explicit.
import { describe, expect, it } from 'vitest';
import {
	fundingPlan,
	FundingRuleError,
	schemeParties,
	splitTranchesByTotals,
	type FundingRule
} from '$lib/domain/programme-funding';

const CUF: FundingRule = { memberShareBp: 8000, nonMemberShareBp: 5000, serviceCeilingCents: 15_000_00 };
const TRANCHES_30_40_30 = [3000, 4000, 3000];
const parties = (isMember: boolean) =>
	schemeParties(CUF, { schemeName: 'Dispositif CUF', beneficiaryName: 'Ville de Lyon', isMember });
const ceiling = { cents: CUF.serviceCeilingCents, basis: 'HT' as const };

function expectExactSums(plan: ReturnType<typeof fundingPlan>) {
	const rows = [...plan.funders.map((f) => f.perTranche), plan.unfunded.perTranche];
	plan.trancheCents.forEach((amount, k) => expect(rows.reduce((s, r) => s + r[k]!, 0)).toBe(amount));
	for (const f of [...plan.funders, plan.unfunded]) {
		expect(f.perTranche.reduce((a, b) => a + b, 0)).toBe(f.totalCents);
		for (const cell of f.perTranche) expect(cell).toBeGreaterThanOrEqual(0);
	}
	expect(plan.trancheCents.reduce((a, b) => a + b, 0)).toBe(plan.serviceCents);
}

describe('funding rule of a support scheme', () => {
	it('funds a member authority 80 % by the scheme and 20 % by the authority, per tranche and in total', () => {
		const plan = fundingPlan(10_000_00, parties(true), TRANCHES_30_40_30, ceiling);
		expect(plan.funders.map((f) => [f.name, f.shareBp, f.totalCents])).toEqual([
			['Dispositif CUF', 8000, 8_000_00],
			['Ville de Lyon', 2000, 2_000_00]
		]);
		expect(plan.funders[0]!.perTranche).toEqual([2_400_00, 3_200_00, 2_400_00]);
		expect(plan.funders[1]!.perTranche).toEqual([600_00, 800_00, 600_00]);
		expect(plan.unfunded).toEqual({ totalCents: 0, perTranche: [0, 0, 0] });
		expectExactSums(plan);
	});

	it('funds a non-member 50 / 50', () => {
		const plan = fundingPlan(9_000_00, parties(false), TRANCHES_30_40_30, ceiling);
		expect(plan.funders.map((f) => f.totalCents)).toEqual([4_500_00, 4_500_00]);
		expect(plan.funders.map((f) => f.shareBp)).toEqual([5000, 5000]);
		expectExactSums(plan);
	});

	it('accepts a service exactly at the ceiling', () => {
		const plan = fundingPlan(15_000_00, parties(true), TRANCHES_30_40_30, ceiling);
		expect(plan.funders[0]!.totalCents).toBe(12_000_00);
		expectExactSums(plan);
	});

	it('refuses a service above the ceiling, in French, with the ceiling and the excess', () => {
		let error: unknown;
		try {
			fundingPlan(16_000_00, parties(true), TRANCHES_30_40_30, ceiling);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(FundingRuleError);
		expect((error as FundingRuleError).code).toBe('ABOVE_CEILING');
		const message = (error as Error).message.replace(/[\u202f\u00a0]/g, ' ');
		expect(message).toContain('plafond de 15 000,00 € HT');
		expect(message).toContain('de 1 000,00 €');
		// One cent over is over.
		expect(() => fundingPlan(15_000_01, parties(true), TRANCHES_30_40_30, ceiling)).toThrow(/0,01/);
	});

	it('shows what a funder’s own ceiling leaves unfunded, per tranche and in total, never as a blank', () => {
		const capped = [
			{ name: 'Dispositif', shareBp: 8000, ceilingCents: 6_000_00 },
			{ name: 'Commune', shareBp: 2000, ceilingCents: null }
		];
		const plan = fundingPlan(10_000_00, capped, TRANCHES_30_40_30);
		expect(plan.funders.map((f) => f.totalCents)).toEqual([6_000_00, 2_000_00]);
		expect(plan.unfunded.totalCents).toBe(2_000_00);
		expect(plan.unfunded.perTranche).toEqual([600_00, 800_00, 600_00]);
		expectExactSums(plan);
	});

	it('leaves the shares under 100 % unfunded (and the rounding cent with them)', () => {
		const plan = fundingPlan(100_01, [{ name: 'Dispositif', shareBp: 5000, ceilingCents: null }], [10_000]);
		expect(plan.funders[0]!.totalCents).toBe(50_00);
		expect(plan.unfunded.totalCents).toBe(50_01);
	});

	it('rounds to the cent over tranches: every tranche and every funder adds up exactly', () => {
		// 333,33 € in thirds: no share divides evenly.
		const plan = fundingPlan(333_33, parties(true), [3333, 3333, 3334]);
		expectExactSums(plan);
		expect(plan.funders[0]!.totalCents + plan.funders[1]!.totalCents).toBe(333_33);
		for (const service of [1, 2, 3, 7, 99, 100_01, 12_345_67]) {
			for (const tranches of [[10_000], [5000, 5000], [3333, 3333, 3334], [100, 9800, 100]]) {
				expectExactSums(fundingPlan(service, parties(false), tranches));
				expectExactSums(
					fundingPlan(
						service,
						[
							{ name: 'A', shareBp: 3334, ceilingCents: 1 },
							{ name: 'B', shareBp: 3333, ceilingCents: null },
							{ name: 'C', shareBp: 3333, ceilingCents: null }
						],
						tranches
					)
				);
			}
		}
	});

	it('never gives a negative cell where proportional rounding alone would', () => {
		// Three equal parties over three one-cent tranches: rounding down then "rest to the last"
		// would give the last tranche -1 for someone.
		const grid = splitTranchesByTotals([1, 1, 1], [1, 1, 1]);
		for (const row of grid) expect(row.reduce((a, b) => a + b, 0)).toBe(1);
		for (let i = 0; i < 3; i += 1) expect(grid.reduce((s, row) => s + row[i]!, 0)).toBe(1);
		for (const cell of grid.flat()) expect(cell).toBeGreaterThanOrEqual(0);
	});
});
