// Page layout of a printed Gantt chart, shared by the PDF and SVG renderers: rows, time scale,
// and how a long plan is split into pages (time windows across, row blocks down).
import { addCalendarDays, daysBetween, formatDateFr, mondayOf, toDate, type IsoDate } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { formatEuros } from '$lib/domain/money';

export type PaperSize = 'A4' | 'A3';
export type RowKind = 'phase' | 'task' | 'deliverable' | 'deliverable-late' | 'milestone' | 'week' | 'tranche';

export interface ChartRow {
	kind: RowKind;
	label: string;
	start: IsoDate;
	end: IsoDate;
	progress: number;
	/** For deliverables: the contractual deadline, drawn as a red tick. */
	deadline?: IsoDate;
}

export interface PageSpec {
	from: IsoDate;
	/** Exclusive. */
	to: IsoDate;
	rows: ChartRow[];
	index: number;
	count: number;
}

export const PAPER: Record<PaperSize, { width: number; height: number }> = {
	A4: { width: 842, height: 595 },
	A3: { width: 1191, height: 842 }
};

export const GEOMETRY = {
	margin: 28,
	labelWidth: 230,
	headerTop: 62,
	scaleHeight: 30,
	rowHeight: 15,
	legendHeight: 34,
	minDayWidth: 3.2
};

/** Text the standard PDF fonts can draw (no narrow no-break spaces, no emoji). */
export function printable(text: string): string {
	return text
		.replace(/[\u202f\u00a0]/g, ' ')
		.replace(/[^\u0020-\u00ff\u2018\u2019\u201c\u201d\u2013\u2014\u20ac\u2026\u0152\u0153]/g, '');
}

export function chartRows(plan: MissionPlan, includeTranches: boolean): ChartRow[] {
	const rows: ChartRow[] = plan.tasks.map((t) => ({
		kind: t.kind === 'PHASE' ? 'phase' : 'task',
		label: t.kind === 'PHASE' ? t.name : `   ${t.name}`,
		start: t.startDate,
		end: t.endDate,
		progress: t.progress
	}));
	for (const d of plan.deliverables) {
		rows.push({
			kind: d.plannedDelayDays > 0 ? 'deliverable-late' : 'deliverable',
			// The deadline comes first: long titles are cut at the end of the label column.
			label: `Livrable ${d.number} (échéance ${formatDateFr(d.contractualDeadline)}) — ${d.title}`,
			start: d.plannedDate,
			end: d.plannedDate,
			progress: 0,
			deadline: d.contractualDeadline
		});
	}
	for (const m of plan.milestones) {
		rows.push({
			kind: m.isWeek ? 'week' : 'milestone',
			label: `${m.name} — ${m.dateLabel}`,
			start: m.date,
			end: m.endDate,
			progress: 0
		});
	}
	if (includeTranches) {
		for (const t of plan.tranches) {
			if (!t.expectedDate) continue;
			rows.push({
				kind: 'tranche',
				label: `Paiement — ${t.label} (${formatEuros(t.amountTtcCents)} TTC)`,
				start: t.expectedDate,
				end: t.expectedDate,
				progress: 0
			});
		}
	}
	return rows.map((r) => ({ ...r, label: printable(r.label) }));
}

/** Splits the chart into pages: whole weeks across, as many rows as fit down. */
export function paginate(rows: ChartRow[], paper: PaperSize): { pages: PageSpec[]; dayWidth: number } {
	const { width, height } = PAPER[paper];
	const g = GEOMETRY;
	const dates = rows.flatMap((r) => [r.start, r.end, ...(r.deadline ? [r.deadline] : [])]).sort();
	const first = mondayOf(dates[0]!);
	const last = addCalendarDays(mondayOf(dates[dates.length - 1]!), 7);
	const totalDays = daysBetween(first, last);
	const chartWidth = width - 2 * g.margin - g.labelWidth;
	// One page across when the whole span fits at a readable scale; otherwise whole-week windows.
	const dayWidth = Math.max(g.minDayWidth, chartWidth / totalDays);
	const daysPerPage = Math.max(7, Math.floor(chartWidth / dayWidth / 7) * 7);
	const rowsPerPage = Math.max(
		1,
		Math.floor((height - g.margin - g.headerTop - g.scaleHeight - g.legendHeight) / g.rowHeight)
	);
	const windows: [IsoDate, IsoDate][] = [];
	for (let from = first; from < last; from = addCalendarDays(from, daysPerPage)) {
		const to = addCalendarDays(from, daysPerPage);
		windows.push([from, to < last ? to : last]);
	}
	const pages: PageSpec[] = [];
	for (const [from, to] of windows) {
		for (let i = 0; i < rows.length; i += rowsPerPage)
			pages.push({ from, to, rows: rows.slice(i, i + rowsPerPage), index: 0, count: 0 });
	}
	pages.forEach((p, i) => Object.assign(p, { index: i + 1, count: pages.length }));
	return { pages, dayWidth };
}

/** Month boundaries inside a window, for the upper scale. */
export function monthsIn(from: IsoDate, to: IsoDate): { start: IsoDate; end: IsoDate; label: string }[] {
	const out: { start: IsoDate; end: IsoDate; label: string }[] = [];
	let cursor = from;
	while (cursor < to) {
		const d = toDate(cursor);
		const next = new Date(d.getFullYear(), d.getMonth() + 1, 1);
		const nextIso = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-01`;
		const end = nextIso < to ? nextIso : to;
		out.push({ start: cursor, end, label: d.toLocaleDateString('fr-FR', { month: 'long', year: 'numeric' }) });
		cursor = end;
	}
	return out;
}

export const COLORS: Record<RowKind, string> = {
	phase: '#1e3a8a',
	task: '#93c5fd',
	deliverable: '#f59e0b',
	'deliverable-late': '#dc2626',
	milestone: '#7c3aed',
	week: '#ddd6fe',
	tranche: '#16a34a'
};

export const LEGEND: [RowKind, string][] = [
	['phase', 'Phase'],
	['task', 'Tâche'],
	['deliverable', 'Livrable (date prévue)'],
	['deliverable-late', 'Livrable prévu après son échéance'],
	['milestone', 'Jalon'],
	['week', 'Semaine de jalon'],
	['tranche', 'Tranche de paiement']
];
