// The chart after an edit (GanttChart.svelte's redraw): only the rows that changed are redrawn
// when the rows are the same ones and the plan's first and last dates did not move; otherwise the
// whole chart is. Loaded on the first interaction (an edit follows one), never before the first frame.
import type { GanttTask } from 'frappe-gantt';
import { withSharedDateFormats } from './shared-date-formats';
import type { WindowedGantt } from './windowed-gantt';

/** The fields of a row that a bar shows: a row whose fields are unchanged keeps its bar. */
function sameRow(a: GanttTask, b: GanttTask): boolean {
	return (
		a.id === b.id &&
		a.name === b.name &&
		a.start === b.start &&
		a.end === b.end &&
		(a.progress ?? 0) === (b.progress ?? 0) &&
		a.custom_class === b.custom_class &&
		sameDependencies(a.dependencies, b.dependencies)
	);
}

/** Compared without joining them (an edit compares every row of the plan). */
function sameDependencies(a: GanttTask['dependencies'], b: GanttTask['dependencies']): boolean {
	if (a === b) return true;
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((id, i) => id === b[i]);
	const text = (d: GanttTask['dependencies']) => (Array.isArray(d) ? d.join(',') : (d ?? ''));
	return text(a) === text(b);
}

/**
 * New rows after an edit. When the rows are the same ones in the same order and the plan's
 * first and last dates did not move (so the scale is the one a full draw would make), only
 * the rows that changed are redrawn; otherwise everything is. Answers the redrawn row ids.
 */
export function updateRows(chart: WindowedGantt, rows: GanttTask[]): { full: boolean; changed: string[] } {
	const before = chart.sourceRows;
	const sameRows = before.length === rows.length && rows.every((row, i) => before[i]!.id === row.id);
	chart.sourceRows = rows;
	if (!sameRows) {
		chart.refresh(rows);
		return { full: true, changed: rows.map((r) => r.id) };
	}
	const changedAt: number[] = [];
	for (let i = 0; i < rows.length; i += 1) if (!sameRow(rows[i]!, before[i]!)) changedAt.push(i);
	const changed = changedAt.map((i) => rows[i]!.id);
	if (changed.length === 0) return { full: false, changed };
	const span = chart.span;
	// Only the changed rows are read again.
	const tasks = chart.tasks;
	for (const i of changedAt) {
		const task = chart.prepareTask(rows[i]!, i);
		if (!task || tasks[i]?.id !== task.id) {
			chart.refresh(rows);
			return { full: true, changed: rows.map((r) => r.id) };
		}
		task._index = i;
		tasks[i] = task;
		chart.byId.set(task.id, task);
	}
	chart.tasks = tasks;
	chart.barSpan = undefined;
	chart.links = undefined;
	// @ts-expect-error -- internal method of the library (which successors each task has)
	chart.setup_dependencies();
	// Detached bars of unchanged rows stay (each is a whole Bar to draw).
	for (const id of changed) chart.ghosts.delete(id);
	if (chart.dataSpan() !== span) {
		chart.refresh(rows);
		return { full: true, changed: rows.map((r) => r.id) };
	}
	const changedIds = new Set(changed);
	const redraw: number[] = [];
	for (const bar of chart.bars) {
		if (changedIds.has(bar.task.id)) {
			redraw.push(bar.task._index);
			chart.dropBar(bar);
		} else {
			bar.task = chart.byId.get(bar.task.id)!;
		}
	}
	chart.bars = chart.bars.filter((bar) => !changedIds.has(bar.task.id));
	for (const index of redraw) chart.addBars(index, index + 1, 'ordered');
	chart.make_arrows();
	chart.map_arrows_on_bars();
	return { full: false, changed };
}

/**
 * Redraws after the plan changed (`full`: everything, after a refused change that the library
 * already drew). refresh() would also scroll back to `scroll_to` (#482), so scrolling is switched
 * off during it and the position restored. Answers whether the whole chart was redrawn.
 */
export function redraw(chart: WindowedGantt, rows: GanttTask[], full: boolean): boolean {
	const scroller = chart.$container;
	const left = scroller.scrollLeft;
	const setScroll = chart.set_scroll_position;
	chart.set_scroll_position = () => {};
	let whole = full;
	try {
		withSharedDateFormats(() => {
			if (full) chart.redrawAll(rows);
			else whole = updateRows(chart, rows).full;
		});
	} finally {
		chart.set_scroll_position = setScroll;
	}
	scroller.scrollLeft = left;
	// The time scale's columns are drawn around the position kept.
	chart.syncColumns(left);
	return whole;
}
