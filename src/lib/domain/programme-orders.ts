// Orders under a framework agreement: the need is expressed at J; the holder quotes within 10
// working days, the beneficiary validates within 10 more, the purchase order follows within 15
// more; deliverables are due 10 or 20 working days after the end of the work. A step's clock
// starts when the previous step was actually done (or, until then, at its deadline).
import { addWorkingDays, countWorkingDays } from './calendar';
import { addCalendarDays, type IsoDate } from './dates';
import type { Cents } from './money';

export const ORDER_DELAYS = { quote: 10, validation: 10, purchaseOrder: 15 } as const;
export const DELIVERABLE_DELAYS = [10, 20] as const;

export type OrderStatus = 'REQUESTED' | 'QUOTED' | 'VALIDATED' | 'REFUSED' | 'ORDERED' | 'CANCELLED';

export const orderStatusLabels: Record<OrderStatus, string> = {
	REQUESTED: 'Devis demandé',
	QUOTED: 'Devis envoyé',
	VALIDATED: 'Devis validé',
	REFUSED: 'Devis refusé',
	ORDERED: 'Bon de commande émis',
	CANCELLED: 'Annulée'
};

export interface OrderDates {
	status: OrderStatus;
	requestedOn: IsoDate;
	quoteSentOn: IsoDate | null;
	decidedOn: IsoDate | null;
	purchaseOrderOn: IsoDate | null;
}

export type OrderStepKey = 'QUOTE' | 'VALIDATION' | 'PURCHASE_ORDER';

export interface OrderStep {
	key: OrderStepKey;
	label: string;
	dueDate: IsoDate;
	doneOn: IsoDate | null;
	/** Done after its deadline, or still open after it. */
	late: boolean;
}

const STEP_LABELS: Record<OrderStepKey, string> = {
	QUOTE: 'Devis du titulaire',
	VALIDATION: 'Validation du devis',
	PURCHASE_ORDER: 'Bon de commande'
};

/** The dated steps of an order; a refused or cancelled order has no step after the refusal. */
export function orderSteps(order: OrderDates, today: IsoDate): OrderStep[] {
	const step = (key: OrderStepKey, dueDate: IsoDate, doneOn: IsoDate | null): OrderStep => ({
		key,
		label: STEP_LABELS[key],
		dueDate,
		doneOn,
		late: doneOn ? doneOn > dueDate : today > dueDate
	});
	const closed = order.status === 'CANCELLED';
	const quote = step('QUOTE', addWorkingDays(order.requestedOn, ORDER_DELAYS.quote), order.quoteSentOn);
	if (closed && !order.quoteSentOn) return [{ ...quote, late: false }];
	const validation = step(
		'VALIDATION',
		addWorkingDays(order.quoteSentOn ?? quote.dueDate, ORDER_DELAYS.validation),
		order.decidedOn
	);
	if (order.status === 'REFUSED' || closed) return [quote, validation];
	const purchaseOrder = step(
		'PURCHASE_ORDER',
		addWorkingDays(order.decidedOn ?? validation.dueDate, ORDER_DELAYS.purchaseOrder),
		order.purchaseOrderOn
	);
	return [quote, validation, purchaseOrder];
}

export interface QuoteLineInput {
	label: string;
	phase: string;
	deliverable: string | null;
	/** Days, sessions or units, in hundredths (1,5 j = 150). */
	quantityHundredths: number;
	unitPriceHtCents: Cents;
	/** Day lines and training sessions take working days on the plan; other lines (fees) do not. */
	kind: 'PROFILE_DAY' | 'TRAINING' | 'OTHER';
}

export function lineAmountCents(line: Pick<QuoteLineInput, 'quantityHundredths' | 'unitPriceHtCents'>): Cents {
	return Math.round((line.quantityHundredths * line.unitPriceHtCents) / 100);
}

export interface QuotePlan {
	totalHtCents: Cents;
	phases: {
		name: string;
		startDate: IsoDate;
		endDate: IsoDate;
		lines: { label: string; startDate: IsoDate; endDate: IsoDate; amountHtCents: Cents }[];
	}[];
	deliverables: { title: string; dueDate: IsoDate; afterPhase: string }[];
	workEndDate: IsoDate;
}

/** The working days a line occupies: its days (rounded up) or one per session; none for fees. */
function lineWorkingDays(line: QuoteLineInput): number {
	if (line.kind === 'OTHER') return 0;
	return Math.max(1, Math.ceil(line.quantityHundredths / 100));
}

/**
 * The plan a quote describes: phases one after the other from the start of the work, the lines
 * of a phase side by side (a phase lasts as long as its longest line), each deliverable due
 * `deliverableDelayDays` working days after the end of the last phase it belongs to.
 */
export function quotePlan(
	workStartDate: IsoDate,
	lines: readonly QuoteLineInput[],
	deliverableDelayDays: number
): QuotePlan {
	const phaseNames = [...new Set(lines.map((l) => l.phase))];
	let cursor = workStartDate;
	let workEndDate = workStartDate;
	const phases: QuotePlan['phases'] = [];
	const deliverablePhase = new Map<string, string>();
	for (const name of phaseNames) {
		const phaseLines = lines.filter((l) => l.phase === name);
		// The first working day of the phase: the start itself when it is one.
		const start = addWorkingDays(addCalendarDays(cursor, -1), 1);
		const planned = phaseLines.map((l) => {
			const days = lineWorkingDays(l);
			return {
				label: l.label,
				startDate: start,
				endDate: days === 0 ? start : addWorkingDays(start, days - 1),
				amountHtCents: lineAmountCents(l)
			};
		});
		const end = planned.reduce((max, l) => (l.endDate > max ? l.endDate : max), start);
		phases.push({ name, startDate: start, endDate: end, lines: planned });
		for (const l of phaseLines) if (l.deliverable) deliverablePhase.set(l.deliverable, name);
		workEndDate = end;
		cursor = addWorkingDays(end, 1);
	}
	const deliverables = [...deliverablePhase].map(([title, afterPhase]) => ({
		title,
		afterPhase,
		dueDate: addWorkingDays(phases.find((p) => p.name === afterPhase)!.endDate, deliverableDelayDays)
	}));
	return {
		totalHtCents: lines.reduce((sum, l) => sum + lineAmountCents(l), 0),
		phases,
		deliverables,
		workEndDate
	};
}

/** "N jours ouvrés après le démarrage" that lands on `date` (for a deliverable's rule). */
export function workingDaysAfter(kickoff: IsoDate, date: IsoDate): number {
	return date <= kickoff ? 0 : countWorkingDays(addCalendarDays(kickoff, 1), date);
}
