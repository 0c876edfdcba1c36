import { describe, expect, test } from 'vitest';
import { INITIAL_ROWS, OVERSCAN_ROWS, scrollToReveal, STEP_ROWS, visibleRows } from './row-window';

describe('visibleRows', () => {
	test('at the top of a long plan: the rows in view and the margin below, in whole steps', () => {
		// 900 px of 38 px rows starting 200 px down: rows 0..19 in view.
		const range = visibleRows(200, 900, 38, 3000);
		expect(range.first).toBe(0);
		expect(range.last).toBeGreaterThanOrEqual(19 + OVERSCAN_ROWS);
		expect(range.last % STEP_ROWS).toBe(0);
		expect(range.last).toBeLessThan(19 + OVERSCAN_ROWS + STEP_ROWS + 1);
	});

	test('scrolled far down: a window around the rows in view, never the whole plan', () => {
		// Row 1 000 at the top of the viewport.
		const range = visibleRows(-1000 * 38, 900, 38, 3000);
		expect(range.first).toBeLessThanOrEqual(1000 - OVERSCAN_ROWS);
		expect(range.first).toBeGreaterThan(1000 - OVERSCAN_ROWS - STEP_ROWS - 1);
		expect(range.last).toBeGreaterThanOrEqual(1000 + 24 + OVERSCAN_ROWS);
		expect(range.last - range.first).toBeLessThan(24 + 2 * (OVERSCAN_ROWS + STEP_ROWS) + 1);
	});

	test('a small scroll keeps the same window; the end of the plan is clamped', () => {
		expect(visibleRows(-1000 * 38, 900, 38, 3000)).toEqual(visibleRows(-1000 * 38 - 5, 900, 38, 3000));
		expect(visibleRows(-2990 * 38, 900, 38, 3000).last).toBe(3000);
		expect(visibleRows(0, 900, 38, 12)).toEqual({ first: 0, last: 12 });
		expect(visibleRows(0, 900, 38, 0)).toEqual({ first: 0, last: 0 });
	});
});

describe('INITIAL_ROWS', () => {
	test('is what the first measure, without margins, gives on a 900 px window', () => {
		// The mission page at 1 400 × 900: the rows start about 460 px down (under the facts and the
		// toolbar); the mount's measure keeps the server's rows as they are.
		expect(visibleRows(460, 900, 38, 3000, 0)).toEqual({ first: 0, last: INITIAL_ROWS });
		expect(visibleRows(400, 900, 38, 3000, 0)).toEqual({ first: 0, last: INITIAL_ROWS });
		// The margins, once added, hold a screen of rows below the view.
		expect(visibleRows(460, 900, 38, 3000).last * 38).toBeGreaterThanOrEqual(900 - 460 + 900);
	});
});

describe('scrollToReveal', () => {
	test('scrolls up or down just enough to show a row, not at all when it is in view', () => {
		expect(scrollToReveal(3, 100, 900, 38)).toBe(0);
		// Row 100 sits at 100 + 3 800 px: its bottom must come to 900.
		expect(scrollToReveal(100, 100, 900, 38)).toBe(100 + 101 * 38 - 900);
		// Row 0, 500 px above the viewport, under a 60 px sticky header.
		expect(scrollToReveal(0, -500, 900, 38, 60)).toBe(-560);
	});
});
