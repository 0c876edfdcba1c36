// Which columns of the time scale are drawn: those under the visible part of the chart plus a
// screen on each side. A fourteen-year plan has ~730 week columns and ~5 000 day columns, each
// with two header labels, a tick and some shading: drawn all, they are most of the page's nodes.

export interface ColumnRange {
	first: number;
	last: number;
}

/** The columns [first, last) to draw for a view starting at `left` px, `width` px wide. */
export function columnWindow(left: number, width: number, columnWidth: number, columns: number): ColumnRange {
	const first = Math.max(0, Math.floor((left - width) / columnWidth));
	const last = Math.min(columns, Math.ceil((left + 2 * width) / columnWidth));
	return { first: Math.min(first, last), last };
}

/**
 * Whether the columns drawn still cover the view with half a screen to spare on each side
 * (where the plan does not end first): redrawing on every scroll event would cost more than it saves.
 */
export function coversView(
	drawn: ColumnRange,
	left: number,
	width: number,
	columnWidth: number,
	columns: number
): boolean {
	const start = drawn.first * columnWidth;
	const end = drawn.last * columnWidth;
	const leftOk = drawn.first === 0 || start <= left - width / 2;
	const rightOk = drawn.last >= columns || end >= left + width + width / 2;
	return drawn.last > drawn.first && leftOk && rightOk;
}

/** Indexes of the items whose [x, x + width] overlaps [from, to], items sorted by x. */
export function overlapping<T extends { x: number; width: number }>(items: T[], from: number, to: number): T[] {
	// Runs are short: a binary search on the start, then a walk until past the end.
	let lo = 0;
	let hi = items.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (items[mid]!.x + items[mid]!.width < from) lo = mid + 1;
		else hi = mid;
	}
	const out: T[] = [];
	for (let i = lo; i < items.length && items[i]!.x <= to; i += 1) out.push(items[i]!);
	return out;
}
