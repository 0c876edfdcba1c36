// The printed Gantt chart, drawn once: rows, time scale and pages become a list of shapes (a
// scene) that the PDF and SVG renderers only replay, so both show the same thing. Text is fitted
// to its box with the embedded font's metrics.
import { addCalendarDays, daysBetween, formatDateFr, mondayOf, toDate, type IsoDate } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { formatEuros } from '$lib/domain/money';
import type { LinkType } from '$lib/domain/schedule';
import { withoutForbiddenCharacters } from '$lib/domain/text';
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
	/** What links refer to: a task's id, `deliverable:<id>` or `milestone:<id>`. */
	key?: string;
	/** For tranches: the status, which gives the marker's colour. */
	status?: TrancheLifecycleStatus;
}

export interface PageSpec {
	from: IsoDate;
	/** Exclusive. */
	to: IsoDate;
	rows: ChartRow[];
	/** The index of its first row in the whole chart. */
	firstRow: number;
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

/**
 * One printed line: control characters, line and paragraph separators (U+2028, U+2029: names
 * stored before they were refused may hold them) and every other space become plain spaces.
 */
export function oneLine(text: string): string {
	return withoutForbiddenCharacters(text, 'single-line').replace(/[\p{Zs}\p{Zl}\p{Zp}]/gu, ' ');
}
const clean = oneLine;

export function chartRows(plan: MissionPlan, includeTranches: boolean): ChartRow[] {
	const rows: ChartRow[] = plan.tasks.map((t) => ({
		kind: t.kind === 'PHASE' ? 'phase' : 'task',
		label: t.kind === 'PHASE' ? t.name : `   ${t.name}`,
		start: t.startDate,
		end: t.endDate,
		progress: t.progress,
		taskId: t.id,
		key: t.id
	}));
	for (const d of plan.deliverables) {
		rows.push({
			kind: d.plannedDelayDays > 0 ? 'deliverable-late' : 'deliverable',
			// The deadline comes first: long titles are cut at the end of the label column.
			label: `Livrable ${d.number} (échéance ${formatDateFr(d.contractualDeadline)}) — ${d.title}`,
			start: d.plannedDate,
			end: d.plannedDate,
			progress: 0,
			deadline: d.contractualDeadline,
			key: `deliverable:${d.id}`
		});
	}
	for (const m of plan.milestones) {
		rows.push({
			kind: m.isWeek ? 'week' : 'milestone',
			label: `${m.name} — ${m.dateLabel}`,
			start: m.date,
			end: m.endDate,
			progress: 0,
			key: `milestone:${m.id}`
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

/** A link as the chart draws it, between two rows' keys (ChartRow.key). */
export interface ChartLink {
	predecessorId: string;
	successorId: string;
	/** FS (FD) when absent. */
	type?: LinkType;
	/** A deliverable or milestone tied to a task's end: a dashed line, no arrowhead. */
	tie?: boolean;
	/** Tags the shapes drawn for it (tests, SVG readers). */
	id?: string;
}

/** Every line the chart draws: task links, milestones leading tasks, and ties to a task's end. */
export function chartLinks(plan: MissionPlan): ChartLink[] {
	return [
		...plan.dependencies.map((d) => ({
			id: d.id,
			predecessorId: d.predecessorId,
			successorId: d.successorId,
			type: d.type
		})),
		...plan.milestoneLinks.map((l) => ({
			id: l.id,
			predecessorId: `milestone:${l.milestoneId}`,
			successorId: l.successorId,
			type: l.type
		})),
		...[
			...plan.deliverables.map((d) => ['deliverable', d] as const),
			...plan.milestones.map((m) => ['milestone', m] as const)
		]
			.filter(([, item]) => item.anchorTaskId)
			.map(([kind, item]) => ({
				id: `tie:${kind}:${item.id}`,
				predecessorId: item.anchorTaskId!,
				successorId: `${kind}:${item.id}`,
				type: 'FS' as const,
				tie: true
			}))
	];
}

/** Does the row draw anything between `from` and `to` (exclusive)? */
const drawsIn = (row: ChartRow, from: IsoDate, to: IsoDate) =>
	(row.start < to && row.end >= from) || (!!row.deadline && row.deadline >= from && row.deadline < to);

/** The weeks the whole chart covers: from the Monday of its first date to the week after its last. */
export function chartSpan(rows: readonly ChartRow[]): { first: IsoDate; last: IsoDate } {
	const dates = rows.flatMap((r) => [r.start, r.end, ...(r.deadline ? [r.deadline] : [])]).sort();
	return { first: mondayOf(dates[0]!), last: addCalendarDays(mondayOf(dates[dates.length - 1]!), 7) };
}

/**
 * Splits the chart into pages: whole weeks across, as many rows as fit down. A page whose rows
 * draw nothing in its weeks and that no link crosses is left out (its rows are printed on the
 * pages where they have bars).
 */
export function paginate(
	rows: ChartRow[],
	paper: PaperSize,
	links: readonly ChartLink[] = []
): { pages: PageSpec[]; dayWidth: number } {
	const { width, height } = PAPER[paper];
	const g = GEOMETRY;
	const { first, last } = chartSpan(rows);
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
			const frame = { from, to, dayWidth, allRows: rows, firstRow: i, rowCount: block.length };
			if (block.some((r) => drawsIn(r, from, to)) || linksOnPage(frame, links).length > 0)
				pages.push({ from, to, rows: block, firstRow: i, index: 0, count: 0 });
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
	| {
			type: 'polyline';
			points: [number, number][];
			stroke: string;
			lineWidth: number;
			/** Dash and gap lengths; solid when absent. */
			dash?: [number, number];
			/** The link it draws (ChartLink.id). */
			link?: string;
	  }
	| { type: 'polygon'; points: [number, number][]; fill: string; role?: 'marker' | 'arrow'; link?: string }
	| { type: 'circle'; cx: number; cy: number; r: number; fill: string }
	/** Text already fitted to `width`; y is the top of the line box. */
	| { type: 'text'; x: number; y: number; width: number; text: string; size: number; bold?: boolean; color: string };

// ——— Links: routed on the whole chart, then clipped to each page ———

type Point = [number, number];
const MARKER_HALF = 5;
const STUB = 4;
export const LINK_COLOR = '#4b5563';
/** The interactive chart's tie line (gantt-theme.css .jalon-tie). */
export const TIE_COLOR = '#7c3aed';

const isBar = (row: ChartRow) => row.kind === 'phase' || row.kind === 'task' || row.kind === 'week';

/** The left and right ends a row's links attach to: its bar's edges, or its marker's tips. */
export function rowEdges(row: ChartRow, x: (date: IsoDate) => number, dayWidth: number): [number, number] {
	const start = x(row.start);
	if (isBar(row)) return [start, x(row.end) + dayWidth];
	const cx = start + dayWidth / 2;
	return [cx - MARKER_HALF, cx + MARKER_HALF];
}

/**
 * The path of a link: it leaves the predecessor at its end (FS, FF) or start (SS, SF) and enters
 * the successor at its start (FS, SS) or end (FF, SF), horizontally, so the arrowhead points into
 * that edge. `dir` is the arrowhead's direction (1: rightwards, into a start).
 */
export function linkRoute(
	type: LinkType,
	from: { edges: [number, number]; y: number },
	to: { edges: [number, number]; y: number },
	rowHeight: number
): { points: Point[]; dir: 1 | -1 } {
	const fromStart = type === 'SS' || type === 'SF';
	const toEnd = type === 'FF' || type === 'SF';
	const px = fromStart ? from.edges[0] : from.edges[1];
	const out = fromStart ? -1 : 1;
	const sx = toEnd ? to.edges[1] : to.edges[0];
	const dir = toEnd ? -1 : 1;
	const [py, sy] = [from.y, to.y];
	// The vertical leg: past the predecessor's edge on its way out, before the successor's on its way in.
	const low = Math.max(out === 1 ? px + STUB : -Infinity, dir === -1 ? sx + STUB : -Infinity);
	const high = Math.min(out === -1 ? px - STUB : Infinity, dir === 1 ? sx - STUB : Infinity);
	if (low <= high) {
		const e =
			Number.isFinite(low) && Number.isFinite(high) ? (dir === 1 ? high : low) : Number.isFinite(low) ? low : high;
		return {
			points: [
				[px, py],
				[e, py],
				[e, sy],
				[sx, sy]
			],
			dir
		};
	}
	// No room: out of the predecessor, along the boundary of its row, then into the successor.
	const mid = py + (sy < py ? -rowHeight / 2 : rowHeight / 2);
	const a = px + out * STUB;
	const b = sx - dir * STUB;
	return {
		points: [
			[px, py],
			[a, py],
			[a, mid],
			[b, mid],
			[b, sy],
			[sx, sy]
		],
		dir
	};
}

interface Box {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

/** The part of segment a–b inside the box (Liang–Barsky), or null. */
function clipSegment(a: Point, b: Point, r: Box): [Point, Point] | null {
	const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
	let [t0, t1] = [0, 1];
	const sides = [
		[-dx, a[0] - r.x0],
		[dx, r.x1 - a[0]],
		[-dy, a[1] - r.y0],
		[dy, r.y1 - a[1]]
	] as const;
	for (const [side, [p, q]] of sides.entries()) {
		if (p === 0) {
			// Pages tile the chart: a line along the right or bottom edge belongs to the next page.
			if (q < 0 || (q === 0 && (side === 1 || side === 3))) return null;
			continue;
		}
		const t = q / p;
		if (p < 0) t0 = Math.max(t0, t);
		else t1 = Math.min(t1, t);
		if (t0 > t1) return null;
	}
	return [
		[a[0] + t0 * dx, a[1] + t0 * dy],
		[a[0] + t1 * dx, a[1] + t1 * dy]
	];
}

/** The pieces of a polyline inside the box. */
function clipPolyline(points: Point[], r: Box): Point[][] {
	const pieces: Point[][] = [];
	let current: Point[] | null = null;
	for (let i = 1; i < points.length; i++) {
		const part = clipSegment(points[i - 1]!, points[i]!, r);
		if (!part) {
			current = null;
			continue;
		}
		const last = current?.[current.length - 1];
		if (current && last && Math.abs(last[0] - part[0][0]) < 1e-6 && Math.abs(last[1] - part[0][1]) < 1e-6)
			current.push(part[1]);
		else {
			current = [part[0], part[1]];
			pieces.push(current);
		}
	}
	// A piece reduced to a point (a corner on the box's edge) draws nothing.
	return pieces.filter((piece) => piece.some(([a, b]) => a !== piece[0]![0] || b !== piece[0]![1]));
}

// Built once per chart, not once per page.
const indexes = new WeakMap<readonly ChartRow[], { index: Map<string, number>; first: IsoDate; last: IsoDate }>();
function rowsIndex(rows: readonly ChartRow[]) {
	let found = indexes.get(rows);
	if (!found) {
		const index = new Map<string, number>();
		rows.forEach((row, i) => {
			const key = row.key ?? row.taskId;
			if (key) index.set(key, i);
		});
		found = { index, ...chartSpan(rows) };
		indexes.set(rows, found);
	}
	return found;
}

export interface PageFrame {
	from: IsoDate;
	to: IsoDate;
	dayWidth: number;
	/** Every row of the chart, and the page's first row and row count among them. */
	allRows: ChartRow[];
	firstRow: number;
	rowCount: number;
}

/** Each link's pieces on one page, and its arrowhead when the successor's end is on it. */
export function linksOnPage(
	frame: PageFrame,
	links: readonly ChartLink[]
): { link: ChartLink; pieces: Point[][]; tip: { x: number; y: number; dir: 1 | -1 } | null }[] {
	const G = GEOMETRY;
	const left = G.margin + G.labelWidth;
	const rowsTop = G.headerTop + G.scaleHeight;
	const x = (date: IsoDate) => left + daysBetween(frame.from, date) * frame.dayWidth;
	const box: Box = { x0: left, y0: rowsTop, x1: x(frame.to), y1: rowsTop + frame.rowCount * G.rowHeight };
	if (links.length === 0 || frame.allRows.length === 0) return [];
	const { index, first, last } = rowsIndex(frame.allRows);
	const end = (i: number) => ({
		edges: rowEdges(frame.allRows[i]!, x, frame.dayWidth),
		y: rowsTop + (i - frame.firstRow) * G.rowHeight + G.rowHeight / 2
	});
	const out = [];
	for (const link of links) {
		const [pi, si] = [index.get(link.predecessorId), index.get(link.successorId)];
		if (pi === undefined || si === undefined) continue;
		const route = linkRoute(link.type ?? 'FS', end(pi), end(si), G.rowHeight);
		const pieces = clipPolyline(route.points, box);
		if (pieces.length === 0) continue;
		const [tx, ty] = route.points[route.points.length - 1]!;
		// A tip on the edge between two pages goes with its head, on the side it comes from (the
		// chart's own edges have no page beyond them).
		const within = (low: boolean, high: boolean) =>
			(low ? tx >= box.x0 - 1e-6 : tx > box.x0 + 1e-6) && (high ? tx <= box.x1 + 1e-6 : tx < box.x1 - 1e-6);
		const inside =
			within(route.dir === -1 || frame.from <= first, route.dir === 1 || frame.to >= last) &&
			ty >= box.y0 &&
			ty < box.y1;
		out.push({ link, pieces, tip: inside && !link.tie ? { x: tx, y: ty, dir: route.dir } : null });
	}
	return out;
}

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
	/** Links, milestone leads and ties (ids as in ChartRow.key). */
	links: readonly ChartLink[];
	/** Every row of the chart when `rows` is one page of them, and where the page's rows begin. */
	allRows?: ChartRow[];
	firstRow?: number;
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
		const fitted = fitText(clean(t), w, size, bold);
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

	o.rows.forEach((row, i) => {
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

	// Links: each from and to the ends its type names, clipped to the page, so one crossing
	// several pages is drawn on each; the arrowhead where it enters the successor.
	const placed = linksOnPage(
		{
			from: o.from,
			to: o.to,
			dayWidth: o.dayWidth,
			allRows: o.allRows ?? o.rows,
			firstRow: o.allRows ? (o.firstRow ?? 0) : 0,
			rowCount: o.rows.length
		},
		o.links
	);
	for (const { link, pieces, tip } of placed) {
		for (const points of pieces)
			shapes.push({
				type: 'polyline',
				points,
				stroke: link.tie ? TIE_COLOR : LINK_COLOR,
				lineWidth: link.tie ? 0.8 : 0.6,
				...(link.tie ? { dash: [2.5, 1.5] as [number, number] } : {}),
				...(link.id ? { link: link.id } : {})
			});
		if (tip)
			shapes.push({
				type: 'polygon',
				role: 'arrow',
				points: [
					[tip.x, tip.y],
					[tip.x - 3 * tip.dir, tip.y - 2],
					[tip.x - 3 * tip.dir, tip.y + 2]
				],
				fill: LINK_COLOR,
				...(link.id ? { link: link.id } : {})
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
	if (o.links.some((link) => link.tie))
		entries.push({
			label: 'Rattachement à la fin d’une tâche',
			draw: (lx, ly) =>
				shapes.push({
					type: 'polyline',
					points: [
						[lx, ly + 4],
						[lx + 9, ly + 4]
					],
					stroke: TIE_COLOR,
					lineWidth: 0.8,
					dash: [2.5, 1.5]
				})
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
