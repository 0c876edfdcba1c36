// The cost plan priced like a consultant's offer: days per profile at a day rate HT, plus fixed
// costs; actuals from the time-entry grid and expenses; estimate at completion per phase.
// Days are hundredths of a day (1,5 j = 150) so every product stays an integer of cents.
import { BASIS_POINTS_PER_UNIT, ttcFromHt, type BasisPoints, type Cents } from './money';

export interface Profile {
	id: string;
	name: string;
	dayRateHtCents: Cents;
}

export interface PlannedLine {
	phaseId: string | null;
	profileId: string | null;
	dayHundredths: number;
	fixedAmountHtCents: Cents;
}

export interface SpentDays {
	phaseId: string | null;
	profileId: string;
	dayHundredths: number;
}

export interface SpentExpense {
	phaseId: string | null;
	amountHtCents: Cents;
}

/** Days × day rate, rounded to the cent. */
export function daysCost(dayHundredths: number, dayRateHtCents: Cents): Cents {
	return Math.round((dayHundredths * dayRateHtCents) / 100);
}

export interface CostFigures {
	plannedHtCents: Cents;
	spentHtCents: Cents;
	remainingHtCents: Cents;
	/** Spent plus what is left of the plan (never less than what was spent). */
	estimateAtCompletionHtCents: Cents;
}

/**
 * Planned, spent, remaining and estimate at completion, per phase (key: phase id, or '' for lines
 * not tied to a phase) and for the mission. Per phase and profile, the remaining plan is the
 * planned days not spent yet; per phase, remaining fixed costs are the planned ones not incurred.
 */
export function costFigures(
	profiles: readonly Profile[],
	planned: readonly PlannedLine[],
	spentDays: readonly SpentDays[],
	expenses: readonly SpentExpense[]
): { byPhase: Map<string, CostFigures>; total: CostFigures } {
	const rate = new Map(profiles.map((p) => [p.id, p.dayRateHtCents]));
	const key = (phaseId: string | null, profileId: string | null) => `${phaseId ?? ''}|${profileId ?? ''}`;
	const plannedDays = new Map<string, number>();
	const spent = new Map<string, number>();
	const plannedFixed = new Map<string, Cents>();
	const spentFixed = new Map<string, Cents>();
	const add = <K>(map: Map<K, number>, k: K, v: number) => map.set(k, (map.get(k) ?? 0) + v);

	for (const line of planned) {
		if (line.profileId && line.dayHundredths) add(plannedDays, key(line.phaseId, line.profileId), line.dayHundredths);
		if (line.fixedAmountHtCents) add(plannedFixed, line.phaseId ?? '', line.fixedAmountHtCents);
	}
	for (const entry of spentDays) add(spent, key(entry.phaseId, entry.profileId), entry.dayHundredths);
	for (const expense of expenses) add(spentFixed, expense.phaseId ?? '', expense.amountHtCents);

	const byPhase = new Map<string, CostFigures>();
	const figures = (phase: string) => {
		let f = byPhase.get(phase);
		if (!f) {
			f = { plannedHtCents: 0, spentHtCents: 0, remainingHtCents: 0, estimateAtCompletionHtCents: 0 };
			byPhase.set(phase, f);
		}
		return f;
	};
	for (const k of new Set([...plannedDays.keys(), ...spent.keys()])) {
		const [phase = '', profileId = ''] = k.split('|');
		const dayRate = rate.get(profileId) ?? 0;
		const p = plannedDays.get(k) ?? 0;
		const s = spent.get(k) ?? 0;
		const f = figures(phase);
		f.plannedHtCents += daysCost(p, dayRate);
		f.spentHtCents += daysCost(s, dayRate);
		f.remainingHtCents += daysCost(Math.max(0, p - s), dayRate);
	}
	for (const phase of new Set([...plannedFixed.keys(), ...spentFixed.keys()])) {
		const p = plannedFixed.get(phase) ?? 0;
		const s = spentFixed.get(phase) ?? 0;
		const f = figures(phase);
		f.plannedHtCents += p;
		f.spentHtCents += s;
		f.remainingHtCents += Math.max(0, p - s);
	}
	const total: CostFigures = {
		plannedHtCents: 0,
		spentHtCents: 0,
		remainingHtCents: 0,
		estimateAtCompletionHtCents: 0
	};
	for (const f of byPhase.values()) {
		f.estimateAtCompletionHtCents = f.spentHtCents + f.remainingHtCents;
		total.plannedHtCents += f.plannedHtCents;
		total.spentHtCents += f.spentHtCents;
		total.remainingHtCents += f.remainingHtCents;
		total.estimateAtCompletionHtCents += f.estimateAtCompletionHtCents;
	}
	return { byPhase, total };
}

export function withVat(htCents: Cents, vatRate: BasisPoints): { htCents: Cents; vatCents: Cents; ttcCents: Cents } {
	const ttcCents = ttcFromHt(htCents, vatRate);
	return { htCents, vatCents: ttcCents - htCents, ttcCents };
}

export interface Funder {
	name: string;
	shareBp: BasisPoints;
	ceilingCents: Cents | null;
}

/**
 * Each funder's part of an amount: shares by percentage (remainder to the last funder), a funder's
 * part limited to its ceiling, and what a ceiling cuts off carried by the funders without one,
 * in order (the organisation usually pays what the support scheme does not).
 */
export function splitBetweenFunders(amountCents: Cents, funders: readonly Funder[]): Cents[] {
	if (funders.length === 0) return [];
	const total = funders.reduce((sum, f) => sum + f.shareBp, 0);
	if (total !== BASIS_POINTS_PER_UNIT) throw new RangeError('Les parts des financeurs doivent totaliser 100 %.');
	const parts = funders.map((f) => Math.floor((amountCents * f.shareBp) / BASIS_POINTS_PER_UNIT));
	parts[parts.length - 1]! += amountCents - parts.reduce((a, b) => a + b, 0);
	let excess = 0;
	funders.forEach((f, i) => {
		if (f.ceilingCents !== null && parts[i]! > f.ceilingCents) {
			excess += parts[i]! - f.ceilingCents;
			parts[i] = f.ceilingCents;
		}
	});
	for (let i = 0; i < funders.length && excess > 0; i += 1) {
		if (funders[i]!.ceilingCents === null) {
			parts[i]! += excess;
			excess = 0;
		}
	}
	return parts;
}

/**
 * Splits several amounts (the tranches) between funders whose totals are already known, so that
 * every row adds up to its amount and every funder's column adds up to its total: rows are shared
 * in proportion to the totals (rounded down, remainder to the last funder) and the last row takes
 * what is left of each total. Requires the totals to add up to the sum of the amounts.
 */
export function splitRowsByTotals(amounts: readonly Cents[], totals: readonly Cents[]): Cents[][] {
	const grand = totals.reduce((a, b) => a + b, 0);
	if (grand !== amounts.reduce((a, b) => a + b, 0)) throw new RangeError('Totals and amounts differ.');
	const given = totals.map(() => 0);
	return amounts.map((amount, row) => {
		const shares =
			row === amounts.length - 1
				? totals.map((total, i) => total - given[i]!)
				: totals.map((total) => (grand === 0 ? 0 : Math.floor((amount * total) / grand)));
		if (row < amounts.length - 1) shares[shares.length - 1]! += amount - shares.reduce((a, b) => a + b, 0);
		shares.forEach((share, i) => (given[i]! += share));
		return shares;
	});
}
