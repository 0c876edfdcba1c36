// Payment tranches from signature to payment, and the budget against its cap. Amounts are cents;
// the tranche's life cycle is prévue → exigible (trigger reached) → facturée → payée, with
// "en retard" when it is not fully paid after its due date (invoice date + payment delay).
import { addCalendarDays, type IsoDate } from './dates';
import { formatEuros, htFromTtc, ttcFromHt, BASIS_POINTS_PER_UNIT, type BasisPoints, type Cents } from './money';
import { trancheStatusLabels, type TrancheLifecycleStatus, type TrancheStatus } from './labels';
import { splitIntoInvoices, type InvoiceAmounts, type InvoiceSplit } from './tranches';
import {
	defaultKinds,
	scheduleAmounts,
	scheduleProblem,
	type ScheduleAmounts,
	type ScheduleProblem,
	type TrancheKind
} from './tranche-kinds';

/** Legal maximum payment delay for French public buyers (Code de la commande publique). */
export const DEFAULT_PAYMENT_DELAY_DAYS = 30;

export type StoredTrancheStatus = TrancheStatus;
export type { TrancheLifecycleStatus };
export const trancheLifecycleLabels = trancheStatusLabels;

export interface TrancheLedger {
	status: StoredTrancheStatus;
	amountTtcCents: Cents;
	invoiceNumber: string | null;
	invoiceDate: IsoDate | null;
	paidCents: Cents;
	lastPaymentDate: IsoDate | null;
}

export class TrancheTransitionError extends Error {
	constructor(
		readonly code:
			| 'NOT_DUE_YET'
			| 'ALREADY_INVOICED'
			| 'NOT_INVOICED'
			| 'ALREADY_PAID'
			| 'OVERPAYMENT'
			| 'INVALID_AMOUNT'
			| 'PAYMENT_BEFORE_INVOICE',
		message: string
	) {
		super(message);
		this.name = 'TrancheTransitionError';
	}
}

/**
 * The amount the tranches add up to: the contract amount (HT) once recorded, else the cap on its
 * own basis (for the CUF mission, 20 000,00 € TTC).
 */
export function contractReference(mission: {
	contractAmountHtCents?: Cents | null;
	budgetCapCents: Cents;
	capBasis: 'HT' | 'TTC';
}): { cents: Cents; basis: 'HT' | 'TTC'; isCap: boolean } {
	return mission.contractAmountHtCents != null
		? { cents: mission.contractAmountHtCents, basis: 'HT', isCap: false }
		: { cents: mission.budgetCapCents, basis: mission.capBasis, isCap: true };
}

/**
 * Each tranche as a valid invoice, adding up exactly to the reference on its basis. Given their
 * types (avance, acompte, solde), the advance is recovered on the later tranches: see
 * scheduleAmounts for the gross, recovered and net amounts.
 */
export function trancheAmounts(
	reference: { cents: Cents; basis: 'HT' | 'TTC' },
	vatRate: BasisPoints,
	percentages: readonly BasisPoints[]
): InvoiceSplit;
export function trancheAmounts(
	reference: { cents: Cents; basis: 'HT' | 'TTC' },
	vatRate: BasisPoints,
	tranches: readonly { percentBp: BasisPoints; kind: TrancheKind }[]
): ScheduleAmounts;
export function trancheAmounts(
	reference: { cents: Cents; basis: 'HT' | 'TTC' },
	vatRate: BasisPoints,
	tranches: readonly BasisPoints[] | readonly { percentBp: BasisPoints; kind: TrancheKind }[]
): InvoiceSplit | ScheduleAmounts {
	if (tranches.every((t) => typeof t === 'number')) return splitIntoInvoices(reference, vatRate, tranches);
	return scheduleAmounts(reference, vatRate, tranches as readonly { percentBp: BasisPoints; kind: TrancheKind }[]);
}

/** What the tranches add up to (or the contract alone, without tranches), as invoices read. */
export interface ContractAmounts extends InvoiceAmounts {
	basis: 'HT' | 'TTC';
	/** True while no contract amount is recorded: the cap stands in for it. */
	isCap: boolean;
	/** Cents the invoices fall short of the reference when no valid invoices reach it exactly. */
	gapCents: Cents;
}

/**
 * The contract's amounts (HT, VAT, TTC) as its invoices add up, and each tranche's amounts when
 * the schedule is valid: the one computation behind the finance page, the mission page and a
 * programme's committed amount. Tranches without a type are acompte, the last one solde.
 */
export function contractAmounts(
	mission: {
		contractAmountHtCents?: Cents | null;
		budgetCapCents: Cents;
		capBasis: 'HT' | 'TTC';
		vatRateBp: BasisPoints;
	},
	tranches: readonly { percentBp: BasisPoints; kind?: TrancheKind; label?: string }[]
): { contract: ContractAmounts; schedule: ScheduleAmounts | null; problem: ScheduleProblem | null } {
	const defaults = defaultKinds(tranches.length);
	const typed = tranches.map((t, i) => ({ ...t, kind: t.kind ?? defaults[i]! }));
	const problem = typed.length > 0 ? scheduleProblem(typed) : null;
	const reference = contractReference(mission);
	const schedule = typed.length > 0 && !problem ? scheduleAmounts(reference, mission.vatRateBp, typed) : null;
	const split = schedule?.split ?? splitIntoInvoices(reference, mission.vatRateBp, [BASIS_POINTS_PER_UNIT]);
	return {
		contract: { ...split.total, basis: reference.basis, isCap: reference.isCap, gapCents: split.gapCents },
		schedule,
		problem
	};
}

export function paymentDueDate(invoiceDate: IsoDate, paymentDelayDays: number): IsoDate {
	return addCalendarDays(invoiceDate, paymentDelayDays);
}

export function outstandingCents(ledger: TrancheLedger): Cents {
	return Math.max(0, ledger.amountTtcCents - ledger.paidCents);
}

/**
 * The status a person reads. `triggerReached`: the trigger milestone's date has come, or the
 * trigger deliverable is validated.
 */
export function lifecycleStatus(
	ledger: TrancheLedger,
	triggerReached: boolean,
	paymentDelayDays: number,
	today: IsoDate
): TrancheLifecycleStatus {
	if (ledger.status === 'PAID' || (ledger.paidCents > 0 && outstandingCents(ledger) === 0)) return 'PAID';
	// A tranche the advance's recovery brings to 0 € is settled once invoiced: nothing to pay.
	if (ledger.status === 'INVOICED' && ledger.amountTtcCents === 0) return 'PAID';
	if (ledger.status === 'INVOICED' && ledger.invoiceDate) {
		if (today > paymentDueDate(ledger.invoiceDate, paymentDelayDays)) return 'OVERDUE';
		return ledger.paidCents > 0 ? 'PARTIALLY_PAID' : 'INVOICED';
	}
	return triggerReached || ledger.status === 'DUE' ? 'DUE' : 'PLANNED';
}

/** Records the invoice: only a tranche whose trigger is reached, and only once. */
export function invoiceTranche(
	ledger: TrancheLedger,
	triggerReached: boolean,
	invoice: { invoiceNumber: string; invoiceDate: IsoDate }
): TrancheLedger {
	if (ledger.status === 'INVOICED' || ledger.status === 'PAID') {
		throw new TrancheTransitionError(
			'ALREADY_INVOICED',
			`Cette tranche est déjà facturée (facture ${ledger.invoiceNumber ?? '?'}).`
		);
	}
	if (!triggerReached && ledger.status !== 'DUE') {
		throw new TrancheTransitionError(
			'NOT_DUE_YET',
			'Cette tranche n’est pas encore exigible : son déclencheur n’est pas atteint.'
		);
	}
	return { ...ledger, status: 'INVOICED', invoiceNumber: invoice.invoiceNumber, invoiceDate: invoice.invoiceDate };
}

/** Records a payment, possibly partial; a payment above what is outstanding is refused. */
export function recordPayment(ledger: TrancheLedger, payment: { date: IsoDate; amountCents: Cents }): TrancheLedger {
	if (ledger.status === 'PAID')
		throw new TrancheTransitionError('ALREADY_PAID', 'Cette tranche est déjà entièrement payée.');
	if (ledger.status !== 'INVOICED' || !ledger.invoiceDate) {
		throw new TrancheTransitionError('NOT_INVOICED', 'Une tranche doit être facturée avant d’être payée.');
	}
	if (!Number.isInteger(payment.amountCents) || payment.amountCents <= 0) {
		throw new TrancheTransitionError('INVALID_AMOUNT', 'Le montant payé doit être positif.');
	}
	if (payment.date < ledger.invoiceDate) {
		throw new TrancheTransitionError('PAYMENT_BEFORE_INVOICE', 'La date de paiement précède la date de facture.');
	}
	const outstanding = outstandingCents(ledger);
	if (payment.amountCents > outstanding) {
		throw new TrancheTransitionError('OVERPAYMENT', `Le paiement dépasse le reste dû (${formatEuros(outstanding)}).`);
	}
	const paidCents = ledger.paidCents + payment.amountCents;
	return {
		...ledger,
		paidCents,
		lastPaymentDate: payment.date,
		status: paidCents === ledger.amountTtcCents ? 'PAID' : 'INVOICED'
	};
}

export interface BudgetGauge {
	/** The cap and the amount compared on the cap's own basis (HT or TTC). */
	basis: 'HT' | 'TTC';
	capCents: Cents;
	amountCents: Cents;
	remainingCents: Cents;
	overCents: Cents;
	usedBp: BasisPoints;
}

/** Compares an HT amount with the cap, on the basis the cap was given in. */
export function budgetGauge(
	amountHtCents: Cents,
	cap: { cents: Cents; basis: 'HT' | 'TTC' },
	vatRate: BasisPoints
): BudgetGauge {
	return gauge(cap.basis === 'HT' ? amountHtCents : ttcFromHt(amountHtCents, vatRate), cap.cents, cap.basis);
}

/** An amount against a ceiling already expressed on the same basis. */
export function gauge(amountCents: Cents, capCents: Cents, basis: 'HT' | 'TTC'): BudgetGauge {
	return {
		basis,
		capCents,
		amountCents,
		remainingCents: Math.max(0, capCents - amountCents),
		overCents: Math.max(0, amountCents - capCents),
		usedBp: capCents > 0 ? Math.round((amountCents * BASIS_POINTS_PER_UNIT) / capCents) : 0
	};
}

/** The HT amount that exactly fills a cap (used as the default contract amount). */
export function capInHt(cap: { cents: Cents; basis: 'HT' | 'TTC' }, vatRate: BasisPoints): Cents {
	return cap.basis === 'HT' ? cap.cents : htFromTtc(cap.cents, vatRate);
}
