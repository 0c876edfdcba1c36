// The printed Gantt chart, drawn once: rows, time scale and pages become a list of shapes (a
// scene) that the PDF and SVG renderers only replay, so both show the same thing. Text is fitted
// to its box with the embedded font's metrics.
import { addCalendarDays, daysBetween, formatDateFr, mondayOf, toDate, type IsoDate } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { formatEuros } from '$lib/domain/money';
import { trancheStatusLabels, type TrancheLifecycleStatus } from '$lib/domain/labels';
import { fitText } from './fonts';

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
	/** For tasks: the id that links refer to. */
	taskId?: string;
	/** For tranches: the status, which gives the marker's colour. */
	status?: TrancheLifecycleStatus;
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

export const COLORS: Record<RowKind, string> = {
	phase: '#1e3a8a',
	task: '#93c5fd',
	deliverable: '#f59e0b',
	'deliverable-late': '#dc2626',
	milestone: '#7c3aed',
	week: '#ddd6fe',
	tranche: '#16a34a'
};

// One colour per status the finance page shows (domain/labels.ts), so the printed chart agrees.
export const TRANCHE_COLORS: Record<TrancheLifecycleStatus, string> = {
	PLANNED: '#9ca3af',
	DUE: '#f59e0b',
	INVOICED: '#2563eb',
	PARTIALLY_PAID: '#0891b2',
	PAID: '#16a34a',
	OVERDUE: '#dc2626'
};
const TRANCHE_LABELS = Object.fromEntries(
	Object.entries(trancheStatusLabels).map(([status, label]) => [status, `Tranche ${label.toLowerCase()}`])
) as Record<TrancheLifecycleStatus, string>;

export const LEGEND: [RowKind, string][] = [
	['phase', 'Phase'],
	['task', 'Tâche'],
	['deliverable', 'Livrable (date prévue)'],
	['deliverable-late', 'Livrable prévu après son échéance'],
	['milestone', 'Jalon'],
	['week', 'Semaine de jalon']
];

/** Narrow and ordinary no-break spaces print as spaces; control characters are dropped. */
function clean(text: string): string {
	return [...text.replace(/[\u202f\u00a0]/g, ' ')].filter((c) => c >= ' ' && (c < '\u007f' || c > '\u009f')).join('');
}

export function chartRows(plan: MissionPlan, includeTranches: boolean): ChartRow[] {
	const rows: ChartRow[] = plan.tasks.map((t) => ({
		kind: t.kind === 'PHASE' ? 'phase' : 'task',
		label: t.kind === 'PHASE' ? t.name : `   ${t.name}`,
		start: t.startDate,
		end: t.endDate,
		progress: t.progress,
		taskId: t.id
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
				progress: 0,
				status: t.status
			});
		}
	}
	return rows.map((r) => ({ ...r, label: clean(r.label) }));
}

/** Does the row draw anything between `from` and `to` (exclusive)? */
const drawsIn = (row: ChartRow, from: IsoDate, to: IsoDate) =>
	(row.start < to && row.end >= from) || (!!row.deadline && row.deadline >= from && row.deadline < to);

/**
 * Splits the chart into pages: whole weeks across, as many rows as fit down. A page whose rows
 * draw nothing in its weeks is left out (its rows are printed on the pages where they have bars).
 */
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
		for (let i = 0; i < rows.length; i += rowsPerPage) {
			const block = rows.slice(i, i + rowsPerPage);
			if (block.some((r) => drawsIn(r, from, to))) pages.push({ from, to, rows: block, index: 0, count: 0 });
		}
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

// ——— The scene: what both renderers draw ———

export type Shape =
	| { type: 'rect'; x: number; y: number; w: number; h: number; fill?: string; stroke?: string; lineWidth?: number }
	| { type: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; lineWidth: number }
	| { type: 'polyline'; points: [number, number][]; stroke: string; lineWidth: number }
	| { type: 'polygon'; points: [number, number][]; fill: string; role?: 'marker' | 'arrow' }
	| { type: 'circle'; cx: number; cy: number; r: number; fill: string }
	/** Text already fitted to `width`; y is the top of the line box. */
	| { type: 'text'; x: number; y: number; width: number; text: string; size: number; bold?: boolean; color: string };

export interface Scene {
	width: number;
	height: number;
	shapes: Shape[];
}

export interface SceneOptions {
	title: string;
	subtitle: string;
	/** The page's window: [from, to) */
	from: IsoDate;
	to: IsoDate;
	rows: ChartRow[];
	dayWidth: number;
	/** Finish-to-start links between tasks (ids as in ChartRow.taskId). */
	links: { predecessorId: string; successorId: string }[];
	includeTranches: boolean;
	/** Paper size, or null: as large as the chart. */
	size: { width: number; height: number } | null;
}

export function buildScene(o: SceneOptions): Scene {
	const G = GEOMETRY;
	const shapes: Shape[] = [];
	const left = G.margin + G.labelWidth;
	const x = (date: IsoDate) => left + daysBetween(o.from, date) * o.dayWidth;
	const right = x(o.to);
	const rowsTop = G.headerTop + G.scaleHeight;
	const rowsBottom = rowsTop + o.rows.length * G.rowHeight;
	const width = o.size?.width ?? Math.ceil(right + G.margin);
	const height = o.size?.height ?? Math.ceil(rowsBottom + G.legendHeight + G.margin);
	const text = (t: string, tx: number, ty: number, w: number, size: number, color: string, bold = false) => {
		const fitted = fitText(t, w, size, bold);
		if (fitted) shapes.push({ type: 'text', x: tx, y: ty, width: w, text: fitted, size, bold, color });
	};

	text(o.title, G.margin, G.margin, width - 2 * G.margin, 13, '#111827', true);
	text(o.subtitle, G.margin, G.margin + 20, width - 2 * G.margin, 8, '#4b5563');

	// Time scale: months above, the Monday of each week below, a light weekly grid.
	for (const month of monthsIn(o.from, o.to)) {
		const mx = x(month.start);
		const mw = x(month.end) - mx;
		shapes.push({ type: 'rect', x: mx, y: G.headerTop, w: mw, h: 14, stroke: '#9ca3af', lineWidth: 0.5 });
		text(month.label, mx + 2, G.headerTop + 3, mw - 4, 7, '#111827');
	}
	for (let day = 0; day < daysBetween(o.from, o.to); day += 7) {
		const wx = left + day * o.dayWidth;
		shapes.push({
			type: 'line',
			x1: wx,
			y1: G.headerTop + 14,
			x2: wx,
			y2: rowsBottom,
			stroke: '#e5e7eb',
			lineWidth: 0.3
		});
		text(
			formatDateFr(addCalendarDays(o.from, day)).slice(0, 5),
			wx + 1,
			G.headerTop + 17,
			7 * o.dayWidth - 2,
			6,
			'#6b7280'
		);
	}

	const rowIndex = new Map<string, number>();
	o.rows.forEach((row, i) => {
		if (row.taskId) rowIndex.set(row.taskId, i);
		const top = rowsTop + i * G.rowHeight;
		const mid = top + G.rowHeight / 2;
		if (i % 2 === 1)
			shapes.push({ type: 'rect', x: G.margin, y: top, w: right - G.margin, h: G.rowHeight, fill: '#f9fafb' });
		text(
			row.label.startsWith('   ') ? row.label.trim() : row.label,
			G.margin + (row.label.startsWith('   ') ? 10 : 2),
			top + 3,
			G.labelWidth - (row.label.startsWith('   ') ? 14 : 6),
			7,
			row.kind === 'deliverable-late' ? '#b91c1c' : '#111827',
			row.kind === 'phase'
		);
		const start = x(row.start);
		const end = x(row.end) + o.dayWidth;
		if (end > left && start < right) {
			const sx = Math.max(start, left);
			const ex = Math.min(end, right);
			if (row.kind === 'phase' || row.kind === 'task' || row.kind === 'week') {
				shapes.push({
					type: 'rect',
					x: sx,
					y: top + 3,
					w: Math.max(1, ex - sx),
					h: G.rowHeight - 6,
					fill: COLORS[row.kind]
				});
				if (row.progress > 0 && row.kind === 'task')
					shapes.push({
						type: 'rect',
						x: sx,
						y: top + 3,
						w: Math.max(1, (ex - sx) * (row.progress / 100)),
						h: G.rowHeight - 6,
						fill: '#2563eb'
					});
			} else if (row.kind === 'tranche') {
				shapes.push({
					type: 'circle',
					cx: start + o.dayWidth / 2,
					cy: mid,
					r: 4,
					fill: TRANCHE_COLORS[row.status ?? 'PLANNED']
				});
			} else {
				const cx = start + o.dayWidth / 2;
				shapes.push({
					type: 'polygon',
					role: 'marker',
					points: [
						[cx, mid - 5],
						[cx + 5, mid],
						[cx, mid + 5],
						[cx - 5, mid]
					],
					fill: COLORS[row.kind]
				});
			}
		}
		if (row.deadline && x(row.deadline) >= left && x(row.deadline) < right) {
			const dx = x(row.deadline) + o.dayWidth;
			shapes.push({
				type: 'line',
				x1: dx,
				y1: top + 1,
				x2: dx,
				y2: top + G.rowHeight - 1,
				stroke: '#dc2626',
				lineWidth: 1.2
			});
		}
	});

	// Link arrows: from the end of the predecessor's bar to the start of the successor's, when both
	// rows are on this page and both ends fall in its weeks.
	for (const link of o.links) {
		const pi = rowIndex.get(link.predecessorId);
		const si = rowIndex.get(link.successorId);
		if (pi === undefined || si === undefined) continue;
		const p = o.rows[pi]!;
		const s = o.rows[si]!;
		const px = x(p.end) + o.dayWidth;
		const sx = x(s.start);
		if (px < left || px > right || sx < left || sx > right) continue;
		const py = rowsTop + pi * G.rowHeight + G.rowHeight / 2;
		const sy = rowsTop + si * G.rowHeight + (si > pi ? 3 : G.rowHeight - 3);
		const elbow = Math.max(px + 3, sx);
		shapes.push({
			type: 'polyline',
			points: [
				[px, py],
				[elbow, py],
				[elbow, sy + (si > pi ? -3 : 3)]
			],
			stroke: '#4b5563',
			lineWidth: 0.6
		});
		const tip = si > pi ? sy : sy;
		const dir = si > pi ? -1 : 1;
		shapes.push({
			type: 'polygon',
			role: 'arrow',
			points: [
				[elbow, tip],
				[elbow - 2, tip + 3 * dir],
				[elbow + 2, tip + 3 * dir]
			],
			fill: '#4b5563'
		});
	}
	shapes.push({
		type: 'rect',
		x: G.margin,
		y: G.headerTop,
		w: right - G.margin,
		h: rowsBottom - G.headerTop,
		stroke: '#9ca3af',
		lineWidth: 0.5
	});

	// Legend, on as many lines as it needs.
	const entries: { label: string; draw: (lx: number, ly: number) => void }[] = LEGEND.map(([kind, label]) => ({
		label,
		draw: (lx, ly) => shapes.push({ type: 'rect', x: lx, y: ly, w: 9, h: 8, fill: COLORS[kind] })
	}));
	entries.push({
		label: 'Échéance contractuelle',
		draw: (lx, ly) =>
			shapes.push({ type: 'line', x1: lx + 4, y1: ly - 1, x2: lx + 4, y2: ly + 9, stroke: '#dc2626', lineWidth: 1.2 })
	});
	entries.push({
		label: 'Lien',
		draw: (lx, ly) =>
			shapes.push({ type: 'line', x1: lx, y1: ly + 4, x2: lx + 9, y2: ly + 4, stroke: '#4b5563', lineWidth: 0.6 })
	});
	if (o.includeTranches)
		for (const status of Object.keys(TRANCHE_COLORS) as TrancheLifecycleStatus[])
			entries.push({
				label: TRANCHE_LABELS[status],
				draw: (lx, ly) => shapes.push({ type: 'circle', cx: lx + 4.5, cy: ly + 4, r: 4, fill: TRANCHE_COLORS[status] })
			});
	let lx = G.margin;
	let ly = o.size ? height - G.margin - 12 : rowsBottom + 14;
	for (const entry of entries) {
		const w = 16 + Math.ceil(entry.label.length * 3.6) + 10;
		if (lx + w > width - G.margin) {
			lx = G.margin;
			ly += 11;
		}
		entry.draw(lx, ly);
		text(entry.label, lx + 12, ly, w - 14, 7, '#374151');
		lx += w;
	}
	return { width, height, shapes };
}

/** The last day a page draws (its window is [from, to)). */
export const lastDayOf = (page: { to: IsoDate }) => addCalendarDays(page.to, -1);
