// The 6-monthly report of a framework agreement (or of any period): business volume overall and
// per beneficiary (SIRET) by month, quarter and year; every order of the period with its dates,
// status and amounts; the split over the price list (BPU); late steps. The volume counts an
// order once committed (quote validated), on its purchase-order date or else its validation date.
import { orderSteps, orderStatusLabels, type OrderDates, type OrderStep } from './programme-orders';
import type { IsoDate } from './dates';
import type { Cents } from './money';

export interface ReportOrder extends OrderDates {
	id: string;
	number: number;
	title: string;
	beneficiaryId: string;
	totalHtCents: Cents;
	lines: { code: string; label: string; quantityHundredths: number; amountHtCents: Cents }[];
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
	}[];
	priceLines: { code: string; label: string; quantityHundredths: number; htCents: Cents }[];
	lateSteps: { orderNumber: number; step: string; dueDate: IsoDate; doneOn: IsoDate | null }[];
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

export function buildProgrammeReport(
	orders: readonly ReportOrder[],
	beneficiaries: readonly ReportBeneficiary[],
	from: IsoDate,
	to: IsoDate,
	today: IsoDate
): ProgrammeReport {
	const inPeriod = (d: IsoDate | null) => d !== null && d >= from && d <= to;
	const counted = orders.filter((o) => inPeriod(commitmentDate(o)));
	// Listed: requested, decided or ordered in the period, or counted.
	const listed = orders.filter(
		(o) => inPeriod(o.requestedOn) || inPeriod(o.quoteSentOn) || inPeriod(o.decidedOn) || inPeriod(o.purchaseOrderOn)
	);
	const entries = (list: readonly ReportOrder[]) =>
		list.map((o) => ({ date: commitmentDate(o)!, cents: o.totalHtCents }));
	const byName = new Map(beneficiaries.map((b) => [b.id, b]));
	const lateOf = (o: ReportOrder): OrderStep[] => orderSteps(o, today).filter((s) => s.late);
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
				lateSteps: lateOf(o).map((s) => s.label)
			})),
		priceLines: [...priceLines.values()].sort((a, b) => a.code.localeCompare(b.code)),
		lateSteps: listed.flatMap((o) =>
			lateOf(o).map((s) => ({ orderNumber: o.number, step: s.label, dueDate: s.dueDate, doneOn: s.doneOn }))
		)
	};
}
