// The 6-monthly report of a framework agreement (or of any period): business volume overall and
// per beneficiary (SIRET) by month, quarter and year; every order of the period with its dates,
// status and amounts; the split over the price list (BPU); late steps and late deliverables. The
// volume counts an order once committed (quote validated), on its purchase-order date or else its
// validation date.
import { orderSteps, orderStatusLabels, type OrderDates, type OrderStep } from './programme-orders';
import { deliverableTimeliness, type DeliverableDates } from './dashboard';
import { deliverableStatusLabels } from './labels';
import type { IsoDate } from './dates';
import type { Cents } from './money';

export interface ReportOrder extends OrderDates {
	id: string;
	number: number;
	title: string;
	beneficiaryId: string;
	totalHtCents: Cents;
	lines: { code: string; label: string; quantityHundredths: number; amountHtCents: Cents }[];
	/** The deliverables of the mission the order created (none before its quote is validated). */
	deliverables?: ReportDeliverable[];
}

export interface ReportDeliverable extends DeliverableDates {
	number: number;
	title: string;
}

export interface LateDeliverable {
	orderNumber: number;
	orderTitle: string;
	beneficiary: string;
	number: number;
	title: string;
	status: string;
	dueDate: IsoDate;
	/** First hand-in, or else validation; null while outstanding. */
	doneOn: IsoDate | null;
	lateDays: number;
	/** "échéance dépassée de 3 j", "remis avec 2 j de retard"… */
	standing: string;
}

export interface ReportBeneficiary {
	id: string;
	name: string;
	siret: string | null;
}

export interface VolumeRow {
	period: string;
	htCents: Cents;
}

export interface ProgrammeReport {
	from: IsoDate;
	to: IsoDate;
	totalHtCents: Cents;
	byMonth: VolumeRow[];
	byQuarter: VolumeRow[];
	byYear: VolumeRow[];
	beneficiaries: (ReportBeneficiary & {
		totalHtCents: Cents;
		byMonth: VolumeRow[];
		byQuarter: VolumeRow[];
		byYear: VolumeRow[];
	})[];
	orders: {
		id: string;
		number: number;
		title: string;
		beneficiary: string;
		siret: string | null;
		status: string;
		requestedOn: IsoDate;
		quoteSentOn: IsoDate | null;
		decidedOn: IsoDate | null;
		purchaseOrderOn: IsoDate | null;
		totalHtCents: Cents;
		/** Counted in the period's volume. */
		counted: boolean;
		lateSteps: string[];
		/** "Livrable 2 (échéance dépassée de 3 j)" */
		lateDeliverables: string[];
	}[];
	priceLines: { code: string; label: string; quantityHundredths: number; htCents: Cents }[];
	lateSteps: { orderNumber: number; step: string; dueDate: IsoDate; doneOn: IsoDate | null }[];
	lateDeliverables: LateDeliverable[];
}

/** The date an order counts in the volume, or null while it is not committed. */
export function commitmentDate(order: OrderDates): IsoDate | null {
	if (order.status !== 'VALIDATED' && order.status !== 'ORDERED') return null;
	return order.purchaseOrderOn ?? order.decidedOn;
}

const quarterOf = (date: IsoDate) => `${date.slice(0, 4)}-T${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

function volumes(entries: { date: IsoDate; cents: Cents }[], key: (d: IsoDate) => string): VolumeRow[] {
	const map = new Map<string, Cents>();
	for (const e of entries) map.set(key(e.date), (map.get(key(e.date)) ?? 0) + e.cents);
	return [...map].sort(([a], [b]) => a.localeCompare(b)).map(([period, htCents]) => ({ period, htCents }));
}

function allVolumes(entries: { date: IsoDate; cents: Cents }[]) {
	return {
		byMonth: volumes(entries, (d) => d.slice(0, 7)),
		byQuarter: volumes(entries, quarterOf),
		byYear: volumes(entries, (d) => d.slice(0, 4))
	};
}

/**
 * The order's deliverables late and concerning the period: due by its end and still outstanding
 * at its start (not handed in before it). Late as of today, as the dashboard's flags are.
 */
function lateDeliverablesOf(order: ReportOrder, from: IsoDate, to: IsoDate, today: IsoDate) {
	return (order.deliverables ?? []).flatMap((d) => {
		const doneOn = d.submittedOn ?? d.validatedOn ?? null;
		if (d.contractualDeadline > to || (doneOn !== null && doneOn < from)) return [];
		const standing = deliverableTimeliness(d, today);
		return standing.lateDays > 0 ? [{ d, doneOn, standing }] : [];
	});
}

export function buildProgrammeReport(
	orders: readonly ReportOrder[],
	beneficiaries: readonly ReportBeneficiary[],
	from: IsoDate,
	to: IsoDate,
	today: IsoDate
): ProgrammeReport {
	const inPeriod = (d: IsoDate | null) => d !== null && d >= from && d <= to;
	const counted = orders.filter((o) => inPeriod(commitmentDate(o)));
	const lateWork = new Map(orders.map((o) => [o, lateDeliverablesOf(o, from, to, today)]));
	// Listed: requested, decided or ordered in the period, counted, or with a deliverable late in it.
	const listed = orders.filter(
		(o) =>
			inPeriod(o.requestedOn) ||
			inPeriod(o.quoteSentOn) ||
			inPeriod(o.decidedOn) ||
			inPeriod(o.purchaseOrderOn) ||
			lateWork.get(o)!.length > 0
	);
	const entries = (list: readonly ReportOrder[]) =>
		list.map((o) => ({ date: commitmentDate(o)!, cents: o.totalHtCents }));
	const byName = new Map(beneficiaries.map((b) => [b.id, b]));
	const lateOf = (o: ReportOrder): OrderStep[] => orderSteps(o, today).filter((s) => s.late);
	const lateDeliverables: LateDeliverable[] = [...orders]
		.sort((a, b) => a.number - b.number)
		.flatMap((o) =>
			lateWork.get(o)!.map(({ d, doneOn, standing }) => ({
				orderNumber: o.number,
				orderTitle: o.title,
				beneficiary: byName.get(o.beneficiaryId)?.name ?? '?',
				number: d.number,
				title: d.title,
				status: deliverableStatusLabels[d.status],
				dueDate: d.contractualDeadline,
				doneOn,
				lateDays: standing.lateDays,
				standing: standing.label
			}))
		);
	const priceLines = new Map<string, { code: string; label: string; quantityHundredths: number; htCents: Cents }>();
	for (const o of counted) {
		for (const l of o.lines) {
			const row = priceLines.get(l.code) ?? { code: l.code, label: l.label, quantityHundredths: 0, htCents: 0 };
			row.quantityHundredths += l.quantityHundredths;
			row.htCents += l.amountHtCents;
			priceLines.set(l.code, row);
		}
	}
	return {
		from,
		to,
		totalHtCents: counted.reduce((s, o) => s + o.totalHtCents, 0),
		...allVolumes(entries(counted)),
		beneficiaries: beneficiaries
			.map((b) => {
				const mine = counted.filter((o) => o.beneficiaryId === b.id);
				return { ...b, totalHtCents: mine.reduce((s, o) => s + o.totalHtCents, 0), ...allVolumes(entries(mine)) };
			})
			.filter((b) => b.totalHtCents > 0 || listed.some((o) => o.beneficiaryId === b.id)),
		orders: [...new Set([...listed, ...counted])]
			.sort((a, b) => a.number - b.number)
			.map((o) => ({
				id: o.id,
				number: o.number,
				title: o.title,
				beneficiary: byName.get(o.beneficiaryId)?.name ?? '?',
				siret: byName.get(o.beneficiaryId)?.siret ?? null,
				status: orderStatusLabels[o.status],
				requestedOn: o.requestedOn,
				quoteSentOn: o.quoteSentOn,
				decidedOn: o.decidedOn,
				purchaseOrderOn: o.purchaseOrderOn,
				totalHtCents: o.totalHtCents,
				counted: counted.includes(o),
				lateSteps: lateOf(o).map((s) => s.label),
				lateDeliverables: lateDeliverables
					.filter((d) => d.orderNumber === o.number)
					.map((d) => `Livrable ${d.number} (${d.standing})`)
			})),
		priceLines: [...priceLines.values()].sort((a, b) => a.code.localeCompare(b.code)),
		lateSteps: listed.flatMap((o) =>
			lateOf(o).map((s) => ({ orderNumber: o.number, step: s.label, dueDate: s.dueDate, doneOn: s.doneOn }))
		),
		lateDeliverables
	};
}
