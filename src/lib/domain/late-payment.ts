// Late-payment interest on an overdue tranche, as French law sets it. Public buyer: the ECB main
// refinancing rate in force on the first day of the half-year + 8 points (Code de la commande
// publique, R. 2192-31). Between companies: the contract's rate, else the ECB rate + 10 points
// (Code de commerce, L. 441-10). Interest runs per day from the day after the due date until the
// day of payment included, on what is still unpaid: a partial payment lowers the base from the
// day after it. A flat 40 € recovery fee is owed on every late invoice.
import { addCalendarDays, daysBetween, type IsoDate } from './dates';
import { formatEuros, formatPercent, type BasisPoints, type Cents } from './money';

export type BuyerKind = 'PUBLIC' | 'COMPANY';

export const buyerKindLabels: Record<BuyerKind, string> = {
	PUBLIC: 'Acheteur public',
	COMPANY: 'Entreprise'
};

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

/** A stretch of days late on the same unpaid amount. */
export interface LatePeriod {
	/** First and last late day of the stretch, both included. */
	from: IsoDate;
	to: IsoDate;
	days: number;
	baseCents: Cents;
}

/**
 * The late days of an invoice of `amountCents` due on `dueDate`, cut at each payment: each stretch
 * runs on what was unpaid, the day of a payment still on the amount before it. Up to `today`
 * while something is unpaid, else up to the last payment.
 */
export function latePeriods(
	amountCents: Cents,
	payments: readonly { paidOn: IsoDate; amountCents: Cents }[],
	dueDate: IsoDate,
	today: IsoDate
): LatePeriod[] {
	const sorted = payments.filter((p) => p.paidOn <= today).sort((a, b) => a.paidOn.localeCompare(b.paidOn));
	let base = amountCents;
	let from = addCalendarDays(dueDate, 1);
	const periods: LatePeriod[] = [];
	for (const payment of sorted) {
		if (base <= 0) break;
		if (payment.paidOn >= from) {
			periods.push({ from, to: payment.paidOn, days: daysBetween(from, payment.paidOn) + 1, baseCents: base });
			from = addCalendarDays(payment.paidOn, 1);
		}
		base -= payment.amountCents;
	}
	if (base > 0 && today >= from) periods.push({ from, to: today, days: daysBetween(from, today) + 1, baseCents: base });
	return periods;
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
	return latePaymentInterestWithPayments(outstandingCents, [], dueDate, today, terms);
}

/**
 * Interest on an invoice of `amountCents` paid in parts: exact per stretch between payments
 * (see latePeriods), rounded to the cent once, at the rate of the half-year the delay started
 * in; null when nothing was ever late.
 */
export function latePaymentInterestWithPayments(
	amountCents: Cents,
	payments: readonly { paidOn: IsoDate; amountCents: Cents }[],
	dueDate: IsoDate,
	today: IsoDate,
	terms: LatePaymentTerms
): (LatePaymentInterest & { periods: LatePeriod[] }) | null {
	const periods = latePeriods(amountCents, payments, dueDate, today);
	if (periods.length === 0) return null;
	const daysLate = daysBetween(dueDate, periods.at(-1)!.to);
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
	const centDays = periods.reduce((sum, p) => sum + p.baseCents * p.days, 0);
	const interestCents = rateBp == null ? 0 : Math.round((centDays * rateBp) / (10_000 * 365));
	return { daysLate, rateBp, interestCents, feeCents: RECOVERY_FEE_CENTS, explanation, periods };
}

/** The stretches in French, for a reader to check the sum: "6 000,00 € pendant 10 j, puis …". */
export function describeLatePeriods(periods: readonly LatePeriod[]): string {
	return periods.map((p) => `${formatEuros(p.baseCents)} pendant ${p.days} j`).join(', puis ');
}
