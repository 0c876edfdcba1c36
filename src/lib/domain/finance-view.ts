// The finance page's figures for one mission, computed from stored rows and the mission plan:
// tranches with their life cycle, the cost plan against the cap, actuals, funders, cash flow.
import {
	costFigures,
	daysCost,
	splitBetweenFunders,
	splitRowsByTotals,
	withVat,
	type Funder,
	type Profile
} from './cost-plan';
import type { IsoDate } from './dates';
import { effectiveEcbRates, nextMissingHalfYear } from './ecb-rates';
import { delayOverLegal } from './payment-terms';
import { budgetGauge, gauge, DEFAULT_PAYMENT_DELAY_DAYS, paymentDueDate, type TrancheLifecycleStatus } from './finance';
import type { CashEvent } from './cash-flow-chart';
import {
	latePaymentInterestWithPayments,
	type BuyerKind,
	type LatePaymentInterest,
	type LatePeriod
} from './late-payment';
import type { MissionPlan } from './mission-plan';
import { costsByOutline } from './outline';
import type { Cents } from './money';
import type { TrancheKind } from './tranche-kinds';

export interface FinanceRows {
	payments: { id: string; trancheId: string; paidOn: IsoDate; amountCents: Cents }[];
	profiles: (Profile & { sortOrder: number })[];
	costLines: {
		id: string;
		phaseId: string | null;
		profileId: string | null;
		label: string;
		dayHundredths: number;
		fixedAmountHtCents: Cents;
	}[];
	timeEntries: { id: string; profileId: string; phaseId: string | null; weekStart: IsoDate; dayHundredths: number }[];
	expenses: { id: string; phaseId: string | null; label: string; incurredOn: IsoDate; amountHtCents: Cents }[];
	funders: (Funder & { id: string; sortOrder: number })[];
	/** ECB main refinancing rates by half-year start, for late-payment interest. */
	ecbRates?: { halfYearStart: IsoDate; rateBp: number }[];
	approvals: {
		id: string;
		kind: string;
		planAmountCents: Cents;
		overCents: Cents;
		comment: string | null;
		actorName: string | null;
		createdAt: string;
	}[];
}

export interface FinanceTranche {
	id: string;
	label: string;
	percentBp: number;
	/** Avance, acompte or solde, and its French name. */
	kind: TrancheKind;
	kindLabel: string;
	/**
	 * On the contract's basis (`contractBasis`): the share before the advance is taken back and
	 * the advance taken back on it. The invoice (HT, VAT, TTC below) is their difference.
	 */
	grossCents: Cents;
	advanceRecoveredCents: Cents;
	triggerLabel: string;
	expectedDate: IsoDate | null;
	triggerReached: boolean;
	amountHtCents: Cents;
	vatCents: Cents;
	amountTtcCents: Cents;
	invoiceNumber: string | null;
	invoiceDate: IsoDate | null;
	/** The delay its invoice was issued under (null until invoiced). */
	paymentDelayDays: number | null;
	dueDate: IsoDate | null;
	paidCents: Cents;
	outstandingCents: Cents;
	status: TrancheLifecycleStatus;
	statusLabel: string;
	payments: { id: string; paidOn: IsoDate; amountCents: Cents }[];
	funderShares: Cents[];
	/** Interest and recovery fee owed today on an overdue tranche; null otherwise. */
	lateInterest: (LatePaymentInterest & { periods: LatePeriod[] }) | null;
}

export interface CashFlowPoint {
	month: string;
	expectedCents: Cents;
	receivedCents: Cents;
	cumulativeExpectedCents: Cents;
	cumulativeReceivedCents: Cents;
}

export function buildFinanceView(plan: MissionPlan, rows: FinanceRows, today: IsoDate) {
	const { mission } = plan;
	const vat = mission.vatRateBp;
	const delay = mission.paymentDelayDays ?? DEFAULT_PAYMENT_DELAY_DAYS;
	const buyerKind: BuyerKind = mission.buyerKind === 'COMPANY' ? 'COMPANY' : 'PUBLIC';
	// The ECB's published rates, with what an administrator entered on top.
	const ecbRates = effectiveEcbRates(rows.ecbRates ?? []);
	const lateTerms = {
		buyerKind,
		contractRateBp: mission.latePaymentRateBp ?? null,
		ecbRates: new Map(ecbRates.map((r) => [r.halfYearStart, r.rateBp]))
	};
	const cap = { cents: mission.budgetCapCents, basis: mission.capBasis };
	const contract = plan.contract;
	const funders = [...rows.funders].sort((a, b) => a.sortOrder - b.sortOrder);
	const fundersBalanced = funders.length === 0 || funders.reduce((s, f) => s + f.shareBp, 0) === 10_000;

	// Status, trigger, invoice and due date come from the plan: one derivation for every page.
	const tranches: FinanceTranche[] = plan.tranches.map((t) => {
		const payments = rows.payments
			.filter((p) => p.trancheId === t.id)
			.sort((a, b) => a.paidOn.localeCompare(b.paidOn))
			.map(({ id, paidOn, amountCents }) => ({ id, paidOn, amountCents }));
		return {
			id: t.id,
			label: t.label,
			percentBp: t.percentBp,
			kind: t.kind,
			kindLabel: t.kindLabel,
			grossCents: t.grossCents,
			advanceRecoveredCents: t.advanceRecoveredCents,
			triggerLabel: t.triggerLabel,
			expectedDate: t.expectedDate,
			triggerReached: t.triggerReached,
			amountHtCents: t.amountHtCents,
			vatCents: t.vatCents,
			amountTtcCents: t.amountTtcCents,
			invoiceNumber: t.invoiceNumber,
			invoiceDate: t.invoiceDate,
			paymentDelayDays: t.paymentDelayDays ?? null,
			dueDate: t.dueDate,
			paidCents: t.paidCents,
			outstandingCents: Math.max(0, t.amountTtcCents - t.paidCents),
			status: t.status,
			statusLabel: t.statusLabel,
			payments,
			funderShares: [] as Cents[],
			// Exact per stretch between partial payments; a tranche paid late still owes it.
			lateInterest:
				t.dueDate && (t.status === 'OVERDUE' || t.status === 'PAID')
					? latePaymentInterestWithPayments(t.amountTtcCents, payments, t.dueDate, today, lateTerms)
					: null
		};
	});

	// The scheme's ceiling applies to the mission; each tranche is then shared so rows and
	// columns both add up (see splitRowsByTotals).
	const contractTtcForFunders =
		tranches.length > 0 ? tranches.reduce((s, t) => s + t.amountTtcCents, 0) : contract.ttcCents;
	const funderTotals = fundersBalanced && funders.length > 0 ? splitBetweenFunders(contractTtcForFunders, funders) : [];
	if (
		tranches.length > 0 &&
		funderTotals.length > 0 &&
		funderTotals.reduce((a, b) => a + b, 0) === contractTtcForFunders
	) {
		const rowsByTranche = splitRowsByTotals(
			tranches.map((t) => t.amountTtcCents),
			funderTotals
		);
		tranches.forEach((t, i) => (t.funderShares = rowsByTranche[i]!));
	}

	const figures = costFigures(rows.profiles, rows.costLines, rows.timeEntries, rows.expenses);
	const planned = withVat(figures.total.plannedHtCents, vat);
	const phaseName = new Map(plan.tasks.filter((t) => t.kind === 'PHASE').map((t) => [t.id, t.name]));
	const rate = new Map(rows.profiles.map((p) => [p.id, p.dayRateHtCents]));

	// Expected cash: each tranche on its payment due date (or its trigger's date + the delay
	// when not invoiced yet); received cash: the payments, by month.
	const byDay = new Map<IsoDate, CashEvent>();
	const onDay = (date: IsoDate) => {
		let e = byDay.get(date);
		if (!e) byDay.set(date, (e = { date, expectedCents: 0, receivedCents: 0 }));
		return e;
	};
	const byMonth = new Map<string, { expected: Cents; received: Cents }>();
	const bucket = (date: IsoDate) => {
		const key = date.slice(0, 7);
		let b = byMonth.get(key);
		if (!b) byMonth.set(key, (b = { expected: 0, received: 0 }));
		return b;
	};
	for (const t of tranches) {
		const expectedOn = t.dueDate ?? (t.expectedDate ? paymentDueDate(t.expectedDate, delay) : null);
		if (expectedOn) {
			bucket(expectedOn).expected += t.amountTtcCents;
			onDay(expectedOn).expectedCents += t.amountTtcCents;
		}
		for (const p of t.payments) {
			bucket(p.paidOn).received += p.amountCents;
			onDay(p.paidOn).receivedCents += p.amountCents;
		}
	}
	let cumulativeExpected = 0;
	let cumulativeReceived = 0;
	const cashFlow: CashFlowPoint[] = [...byMonth.keys()].sort().map((month) => {
		const b = byMonth.get(month)!;
		cumulativeExpected += b.expected;
		cumulativeReceived += b.received;
		return {
			month,
			expectedCents: b.expected,
			receivedCents: b.received,
			cumulativeExpectedCents: cumulativeExpected,
			cumulativeReceivedCents: cumulativeReceived
		};
	});

	const contractTtcCents = contract.ttcCents;
	const delayWarning = delayOverLegal(buyerKind, delay);
	return {
		mission,
		paymentDelayDays: delay,
		buyerKind,
		latePaymentRateBp: mission.latePaymentRateBp ?? null,
		/** The ECB rate of every half-year, published or entered (which wins). */
		ecbRates,
		/** The half-year up to today whose ECB rate nobody knows yet, for the administrator. */
		ecbRateMissing: nextMissingHalfYear(ecbRates, today),
		/** Plain-French warnings about the terms (a delay over the legal maximum, with its article). */
		termsWarnings: delayWarning ? [delayWarning] : [],
		contract: { htCents: contract.htCents, vatCents: contract.vatCents, ttcCents: contract.ttcCents },
		contractBasis: contract.basis,
		contractGapCents: contract.gapCents,
		contractIsCap: contract.isCap,
		contractGauge: gauge(cap.basis === 'HT' ? contract.htCents : contract.ttcCents, cap.cents, cap.basis),
		receivedGauge: gauge(
			tranches.reduce((s, t) => s + t.paidCents, 0),
			contractTtcCents,
			'TTC'
		),
		tranches,
		totals: {
			invoicedCents: tranches.filter((t) => t.invoiceDate).reduce((s, t) => s + t.amountTtcCents, 0),
			receivedCents: tranches.reduce((s, t) => s + t.paidCents, 0),
			outstandingCents: contractTtcCents - tranches.reduce((s, t) => s + t.paidCents, 0),
			overdueCents: tranches.filter((t) => t.status === 'OVERDUE').reduce((s, t) => s + t.outstandingCents, 0),
			lateInterestCents: tranches.reduce(
				(s, t) => s + (t.lateInterest ? t.lateInterest.interestCents + t.lateInterest.feeCents : 0),
				0
			)
		},
		costPlan: {
			profiles: rows.profiles,
			lines: rows.costLines.map((line) => ({
				...line,
				phaseName: line.phaseId ? (phaseName.get(line.phaseId) ?? '?') : 'Mission',
				profileName: rows.profiles.find((p) => p.id === line.profileId)?.name ?? null,
				amountHtCents:
					(line.profileId ? daysCost(line.dayHundredths, rate.get(line.profileId) ?? 0) : 0) + line.fixedAmountHtCents
			})),
			planned,
			gauge: budgetGauge(figures.total.plannedHtCents, cap, vat),
			// Each phase with the costs of its sub-phases rolled up, in outline order (domain/outline.ts).
			byPhase: costsByOutline(figures.byPhase, plan.tasks).map(({ phaseId, level, figures: f }) => ({
				phaseId: phaseId || null,
				phaseName: phaseId ? (phaseName.get(phaseId) ?? '?') : 'Mission (hors phase)',
				level,
				...f
			})),
			total: figures.total,
			estimateAtCompletion: withVat(figures.total.estimateAtCompletionHtCents, vat),
			approvals: rows.approvals.filter((a) => a.kind !== 'CONTRACT')
		},
		/** Every confirmed overrun of the cap (cost plan and market amount), oldest first. */
		overCapApprovals: rows.approvals,
		timeEntries: rows.timeEntries,
		expenses: rows.expenses,
		funders,
		fundersBalanced,
		funderTotals,
		cashFlow,
		/** Expected and received cash by day, for a chart on a real time axis. */
		cashEvents: [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date))
	};
}

export type FinanceView = ReturnType<typeof buildFinanceView>;
