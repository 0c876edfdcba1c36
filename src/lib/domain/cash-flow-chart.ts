// The cash-flow chart's geometry: a real time axis (days, one tick per month, every month shown,
// however far apart the payments are), amounts on labelled y ticks, cumulative step lines.
import { addMonths, startOfMonth } from 'date-fns';
import { daysBetween, fromDate, toDate, type IsoDate } from './dates';
import { formatEuros, type Cents } from './money';

export interface CashEvent {
	date: IsoDate;
	expectedCents: Cents;
	receivedCents: Cents;
}

export interface ChartBox {
	width: number;
	height: number;
	left: number;
	right: number;
	top: number;
	bottom: number;
}

export interface CashFlowChart {
	xTicks: { x: number; label: string }[];
	yTicks: { y: number; label: string }[];
	expectedPath: string;
	receivedPath: string;
	points: { x: number; y: number; kind: 'expected' | 'received'; date: IsoDate; label: string }[];
}

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: '2-digit' });

/** 1, 2 or 5 × a power of ten: a step giving at most `count` ticks up to `max`. */
export function niceStep(max: Cents, count = 4): Cents {
	const raw = Math.max(1, max / count);
	const power = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
	return Math.max(1, Math.round(step));
}

export function cashFlowChart(events: readonly CashEvent[], box: ChartBox): CashFlowChart | null {
	const sorted = [...events].sort((a, b) => a.date.localeCompare(b.date));
	if (sorted.length === 0) return null;
	const start = fromDate(startOfMonth(toDate(sorted[0]!.date)));
	const end = fromDate(addMonths(startOfMonth(toDate(sorted.at(-1)!.date)), 1));
	const span = Math.max(1, daysBetween(start, end));
	const plotWidth = box.width - box.left - box.right;
	const plotHeight = box.height - box.top - box.bottom;
	const x = (date: IsoDate) => box.left + (daysBetween(start, date) / span) * plotWidth;

	const totals = { expected: 0, received: 0 };
	for (const e of sorted) {
		totals.expected += e.expectedCents;
		totals.received += e.receivedCents;
	}
	const step = niceStep(Math.max(totals.expected, totals.received, 1));
	const top = Math.ceil(Math.max(totals.expected, totals.received, 1) / step) * step;
	const y = (cents: Cents) => box.top + plotHeight - (cents / top) * plotHeight;

	const xTicks: CashFlowChart['xTicks'] = [];
	for (let month = start; month < end; month = fromDate(addMonths(toDate(month), 1))) {
		xTicks.push({ x: x(month), label: monthFormat.format(toDate(month)) });
	}
	const yTicks: CashFlowChart['yTicks'] = [];
	for (let cents = 0; cents <= top; cents += step) yTicks.push({ y: y(cents), label: formatEuros(cents) });

	const points: CashFlowChart['points'] = [];
	const path = (kind: 'expected' | 'received') => {
		const key = kind === 'expected' ? 'expectedCents' : 'receivedCents';
		let total = 0;
		let d = `M${x(start).toFixed(1)},${y(0).toFixed(1)}`;
		for (const e of sorted) {
			if (e[key] === 0) continue;
			total += e[key];
			d += ` H${x(e.date).toFixed(1)} V${y(total).toFixed(1)}`;
			points.push({ x: x(e.date), y: y(total), kind, date: e.date, label: formatEuros(total) });
		}
		return `${d} H${x(end).toFixed(1)}`;
	};
	return { xTicks, yTicks, expectedPath: path('expected'), receivedPath: path('received'), points };
}
