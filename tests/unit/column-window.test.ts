import { describe, expect, test } from 'vitest';
import { columnWindow, coversView, overlapping } from '../../src/lib/components/gantt/column-window';

describe('columns of the time scale drawn around the view', () => {
	test('a screen each side of the view, within the chart', () => {
		// 730 week columns of 140 px, a 1 400 px view at 50 000 px.
		expect(columnWindow(50_000, 1_400, 140, 730)).toEqual({ first: 347, last: 378 });
		expect(columnWindow(0, 1_400, 140, 730)).toEqual({ first: 0, last: 20 });
		expect(columnWindow(102_000, 1_400, 140, 730)).toEqual({ first: 718, last: 730 });
	});

	test('redrawn only when the view comes within half a screen of the drawn edge', () => {
		const drawn = columnWindow(50_000, 1_400, 140, 730);
		expect(coversView(drawn, 50_000, 1_400, 140, 730)).toBe(true);
		expect(coversView(drawn, 50_600, 1_400, 140, 730)).toBe(true);
		expect(coversView(drawn, 51_000, 1_400, 140, 730)).toBe(false);
		expect(coversView(drawn, 48_000, 1_400, 140, 730)).toBe(false);
		// At the chart's start nothing lies to the left to draw.
		expect(coversView(columnWindow(0, 1_400, 140, 730), 0, 1_400, 140, 730)).toBe(true);
		expect(coversView({ first: 0, last: 0 }, 0, 1_400, 140, 730)).toBe(false);
	});

	test('shaded runs overlapping a span, found in x order', () => {
		const runs = [0, 100, 200, 300, 400].map((x) => ({ x, width: 40 }));
		expect(overlapping(runs, 141, 310).map((r) => r.x)).toEqual([200, 300]);
		expect(overlapping(runs, 139, 300).map((r) => r.x)).toEqual([100, 200, 300]);
		expect(overlapping(runs, 0, 20).map((r) => r.x)).toEqual([0]);
		expect(overlapping(runs, 1000, 2000)).toEqual([]);
	});
});
