// Late-payment interest on an overdue tranche, as French law sets it. Public buyer: the ECB main
// refinancing rate in force on the first day of the half-year + 8 points (Code de la commande
// publique, R. 2192-31). Between companies: the contract's rate, else the ECB rate + 10 points
// (Code de commerce, L. 441-10). Interest runs per day from the day after the due date; a flat
// 40 € recovery fee is owed on every late invoice.
import { addCalendarDays, daysBetween, type IsoDate } from './dates';
import { formatPercent, type BasisPoints, type Cents } from './money';

export type BuyerKind = 'PUBLIC' | 'COMPANY';

export const buyerKindLabels: Record<BuyerKind, string> = {
	PUBLIC: 'Acheteur public',
	COMPANY: 'Entreprise'
};

/** Legal maximum payment delay for French public buyers. */
export const PUBLIC_BUYER_MAX_DELAY_DAYS = 30;
export const RECOVERY_FEE_CENTS: Cents = 4000;
const PUBLIC_MARGIN_BP = 800;
const COMPANY_MARGIN_BP = 1000;

/** The first day of the half-year a date falls in: 1 January or 1 July. */
export function halfYearStart(date: IsoDate): IsoDate {
	return `${date.slice(0, 4)}-${Number(date.slice(5, 7)) <= 6 ? '01' : '07'}-01`;
}

export function halfYearLabel(start: IsoDate): string {
	return `${start.slice(5, 7) === '01' ? '1er' : '2d'} semestre ${start.slice(0, 4)}`;
}

export interface LatePaymentTerms {
	buyerKind: BuyerKind;
	/** The contract's own rate (companies only); null: ECB + 10 points. */
	contractRateBp: BasisPoints | null;
	/** ECB main refinancing rate by half-year start ("2026-01-01" → 215 for 2,15 %). */
	ecbRates: ReadonlyMap<IsoDate, BasisPoints>;
}

export interface LatePaymentInterest {
	daysLate: number;
	/** Annual rate applied; null when the ECB rate of that half-year is not entered yet. */
	rateBp: BasisPoints | null;
	interestCents: Cents;
	feeCents: Cents;
	/** How the rate was set, in French ("BCE 2,15 % (1er semestre 2026) + 8 points"). */
	explanation: string;
}

/**
 * Interest owed today on `outstandingCents` unpaid since `dueDate` (late from the next day),
 * prorated per day over a 365-day year and rounded to the cent; null when not late.
 */
export function latePaymentInterest(
	outstandingCents: Cents,
	dueDate: IsoDate,
	today: IsoDate,
	terms: LatePaymentTerms
): LatePaymentInterest | null {
	const daysLate = daysBetween(dueDate, today);
	if (daysLate <= 0 || outstandingCents <= 0) return null;
	const halfYear = halfYearStart(addCalendarDays(dueDate, 1));
	let rateBp: BasisPoints | null;
	let explanation: string;
	if (terms.buyerKind === 'COMPANY' && terms.contractRateBp != null) {
		rateBp = terms.contractRateBp;
		explanation = `taux contractuel ${formatPercent(rateBp)}`;
	} else {
		const ecb = terms.ecbRates.get(halfYear);
		const margin = terms.buyerKind === 'PUBLIC' ? PUBLIC_MARGIN_BP : COMPANY_MARGIN_BP;
		rateBp = ecb == null ? null : ecb + margin;
		explanation =
			ecb == null
				? `taux BCE du ${halfYearLabel(halfYear)} à saisir`
				: `BCE ${formatPercent(ecb)} (${halfYearLabel(halfYear)}) + ${margin / 100} points`;
	}
	const interestCents = rateBp == null ? 0 : Math.round((outstandingCents * rateBp * daysLate) / (10_000 * 365));
	return { daysLate, rateBp, interestCents, feeCents: RECOVERY_FEE_CENTS, explanation };
}

/** A warning when a public buyer's payment delay is over the legal 30 days. */
export function paymentDelayWarning(buyerKind: BuyerKind, delayDays: number): string | null {
	return buyerKind === 'PUBLIC' && delayDays > PUBLIC_BUYER_MAX_DELAY_DAYS
		? `Délai de paiement de ${delayDays} jours : un acheteur public doit payer sous ${PUBLIC_BUYER_MAX_DELAY_DAYS} jours au plus.`
		: null;
}
