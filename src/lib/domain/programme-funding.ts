// Funding rule of a support scheme: a service for a member beneficiary is funded 80 % by the
// scheme and 20 % by the beneficiary, 50 / 50 for a non-member, and no service may cost more than
// the scheme's ceiling. Shares are exact to the cent per tranche and in total; what no funder
// covers (a funder's own ceiling, shares under 100 %) is an explicit "non financé" line.
import { BASIS_POINTS_PER_UNIT, type BasisPoints, type Cents } from './money';
import { splitByPercentages } from './tranches';
import { ceilingMessage } from './programme-admission';

export interface FundingRule {
	memberShareBp: BasisPoints;
	nonMemberShareBp: BasisPoints;
	/** The most one service may cost, on the programme's basis; null: no ceiling. */
	serviceCeilingCents: Cents | null;
}

export interface FundingParty {
	name: string;
	shareBp: BasisPoints;
	/** The most this funder pays for the service; null: no limit. */
	ceilingCents: Cents | null;
}

export class FundingRuleError extends Error {
	constructor(
		readonly code: 'ABOVE_CEILING' | 'INVALID_AMOUNT' | 'SHARES_ABOVE_100',
		message: string
	) {
		super(message);
		this.name = 'FundingRuleError';
	}
}

/** The scheme's share for this beneficiary, and the beneficiary's (the rest). */
export function schemeParties(
	rule: FundingRule,
	who: { schemeName: string; beneficiaryName: string; isMember: boolean }
): FundingParty[] {
	const schemeShare = who.isMember ? rule.memberShareBp : rule.nonMemberShareBp;
	return [
		{ name: who.schemeName, shareBp: schemeShare, ceilingCents: null },
		{ name: who.beneficiaryName, shareBp: BASIS_POINTS_PER_UNIT - schemeShare, ceilingCents: null }
	];
}

/** Refuses a service above the ceiling, saying the ceiling and the excess. */
export function checkServiceCeiling(serviceCents: Cents, ceilingCents: Cents | null, basis: 'HT' | 'TTC'): void {
	if (!Number.isInteger(serviceCents) || serviceCents < 0) {
		throw new FundingRuleError('INVALID_AMOUNT', 'Le montant de la prestation doit être un montant positif.');
	}
	if (ceilingCents !== null && serviceCents > ceilingCents) {
		throw new FundingRuleError('ABOVE_CEILING', ceilingMessage(serviceCents, ceilingCents, basis));
	}
}

export interface FundingLine {
	name: string;
	shareBp: BasisPoints;
	totalCents: Cents;
	perTranche: Cents[];
}

export interface FundingPlan {
	serviceCents: Cents;
	trancheCents: Cents[];
	funders: FundingLine[];
	/** What no funder covers, per tranche and in total (zeros when fully funded). */
	unfunded: { totalCents: Cents; perTranche: Cents[] };
}

/** Each funder's total: share of the service rounded down, the rounding to the last funder, then ceilings. */
function funderTotals(serviceCents: Cents, parties: readonly FundingParty[]): Cents[] {
	const shareSum = parties.reduce((sum, p) => sum + p.shareBp, 0);
	if (shareSum > BASIS_POINTS_PER_UNIT) {
		throw new FundingRuleError('SHARES_ABOVE_100', 'Les parts des financeurs dépassent 100 %.');
	}
	const totals = parties.map((p) => Math.floor((serviceCents * p.shareBp) / BASIS_POINTS_PER_UNIT));
	// Only a full 100 % gives the rounding cent to a funder; otherwise it stays unfunded.
	if (shareSum === BASIS_POINTS_PER_UNIT && totals.length > 0) {
		totals[totals.length - 1]! += serviceCents - totals.reduce((a, b) => a + b, 0);
	}
	return totals.map((total, i) => Math.min(total, parties[i]!.ceilingCents ?? total));
}

/**
 * Splits the tranches between parties whose totals are known, so that each tranche adds up to its
 * amount, each party to its total, and no cell is negative: each tranche but the last gives every
 * party its proportional share rounded down (within what it has left), the leftover cents go to the
 * largest remainders that still have room, and the last tranche takes what is left.
 */
export function splitTranchesByTotals(trancheCents: readonly Cents[], totals: readonly Cents[]): Cents[][] {
	const grand = totals.reduce((a, b) => a + b, 0);
	if (grand !== trancheCents.reduce((a, b) => a + b, 0)) throw new RangeError('Totals and tranches differ.');
	const left = [...totals];
	return trancheCents.map((amount, row) => {
		if (row === trancheCents.length - 1) return [...left];
		const exact = totals.map((total) => (grand === 0 ? 0 : (amount * total) / grand));
		const cells = exact.map((x, i) => Math.min(Math.floor(x), left[i]!));
		let leftover = amount - cells.reduce((a, b) => a + b, 0);
		const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
		while (leftover > 0) {
			let gave = false;
			for (const { i } of byRemainder) {
				if (leftover === 0) break;
				if (cells[i]! < left[i]!) {
					cells[i]! += 1;
					leftover -= 1;
					gave = true;
				}
			}
			if (!gave) throw new RangeError('No room left for the tranche.');
		}
		cells.forEach((cell, i) => (left[i]! -= cell));
		return cells;
	});
}

/**
 * The funding of one service: refused above the ceiling; each funder's share per tranche and in
 * total; the unfunded remainder, per tranche and in total.
 */
export function fundingPlan(
	serviceCents: Cents,
	parties: readonly FundingParty[],
	tranchePercentages: readonly BasisPoints[],
	ceiling: { cents: Cents | null; basis: 'HT' | 'TTC' } = { cents: null, basis: 'HT' }
): FundingPlan {
	checkServiceCeiling(serviceCents, ceiling.cents, ceiling.basis);
	const percentages = tranchePercentages.length > 0 ? tranchePercentages : [BASIS_POINTS_PER_UNIT];
	const trancheCents = splitByPercentages(serviceCents, percentages);
	const totals = funderTotals(serviceCents, parties);
	const unfundedTotal = serviceCents - totals.reduce((a, b) => a + b, 0);
	const grid = splitTranchesByTotals(trancheCents, [...totals, unfundedTotal]);
	return {
		serviceCents,
		trancheCents,
		funders: parties.map((p, i) => ({
			name: p.name,
			shareBp: p.shareBp,
			totalCents: totals[i]!,
			perTranche: grid.map((row) => row[i]!)
		})),
		unfunded: { totalCents: unfundedTotal, perTranche: grid.map((row) => row[parties.length]!) }
	};
}
