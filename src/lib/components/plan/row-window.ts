// Which rows of the plan (table and chart) are in the DOM: the rows in view plus a margin above and
// below, in steps of a few rows so that a small scroll changes nothing. Pure: the plan view feeds
// it the rows' top on screen and the window's height.
import type { RowRange } from '$lib/components/gantt/windowed-gantt';

export type { RowRange };

/**
 * Rows drawn before anything is measured (the server's page, the first frame): what is in view
 * on a common 900 px window, where the rows start under the mission's header. The first measure
 * adds what a taller window shows; the margins come after the first frame.
 */
export const INITIAL_ROWS = 20;
/** Rows kept above and below the view: a screenful each side, at least. */
export const OVERSCAN_ROWS = 25;
/** The window moves in steps of this many rows. */
export const STEP_ROWS = 10;

/**
 * The rows to draw when the first row's top is at `rowsTop` (px from the top of the viewport,
 * negative once scrolled past) and the viewport is `viewportHeight` high.
 */
export function visibleRows(
	rowsTop: number,
	viewportHeight: number,
	rowHeight: number,
	count: number,
	overscan = OVERSCAN_ROWS
): RowRange {
	if (count <= 0 || rowHeight <= 0) return { first: 0, last: 0 };
	const top = Math.floor(-rowsTop / rowHeight) - overscan;
	const bottom = Math.ceil((viewportHeight - rowsTop) / rowHeight) + overscan;
	const first = Math.max(0, Math.min(count, Math.floor(top / STEP_ROWS) * STEP_ROWS));
	const last = Math.max(first, Math.min(count, Math.ceil(bottom / STEP_ROWS) * STEP_ROWS));
	return { first, last };
}

/** How far to scroll (px, 0 if none) so that row `index` is fully in view. */
export function scrollToReveal(
	index: number,
	rowsTop: number,
	viewportHeight: number,
	rowHeight: number,
	headerOffset = 0
): number {
	const top = rowsTop + index * rowHeight;
	const bottom = top + rowHeight;
	if (top < headerOffset) return top - headerOffset;
	if (bottom > viewportHeight) return bottom - viewportHeight;
	return 0;
}
