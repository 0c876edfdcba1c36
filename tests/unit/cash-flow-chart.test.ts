// The cash-flow chart on a real time axis: months spaced by their days, every month shown,
// amounts on labelled ticks and at each step.
import { describe, expect, it } from 'vitest';
import { cashFlowChart, niceStep } from '$lib/domain/cash-flow-chart';

const BOX = { width: 700, height: 200, left: 100, right: 0, top: 0, bottom: 0 };
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('cashFlowChart', () => {
	it('spaces months by their days and shows the months without payments (février)', () => {
		const chart = cashFlowChart(
			[
				{ date: '2025-12-28', expectedCents: 600_000, receivedCents: 0 },
				{ date: '2026-03-15', expectedCents: 800_000, receivedCents: 0 },
				{ date: '2026-04-10', expectedCents: 600_000, receivedCents: 0 }
			],
			BOX
		)!;
		expect(chart.xTicks.map((t) => t.label)).toEqual(['déc. 25', 'janv. 26', 'févr. 26', 'mars 26', 'avr. 26']);
		const gap = (a: number, b: number) => chart.xTicks[b]!.x - chart.xTicks[a]!.x;
		// December → March (90 days) is three times as wide as March → April (31 days), about.
		expect(gap(0, 3) / gap(3, 4)).toBeCloseTo(90 / 31, 5);
		// February (28 days) is narrower than January (31).
		expect(gap(2, 3)).toBeLessThan(gap(1, 2));
	});

	it('labels the amounts: y ticks from 0 to the total, and each cumulative step', () => {
		const chart = cashFlowChart(
			[
				{ date: '2025-12-28', expectedCents: 600_000, receivedCents: 0 },
				{ date: '2026-01-10', expectedCents: 0, receivedCents: 600_000 },
				{ date: '2026-03-15', expectedCents: 1_400_000, receivedCents: 0 }
			],
			BOX
		)!;
		expect(chart.yTicks.map((t) => plain(t.label))).toEqual([
			'0,00 €',
			'5 000,00 €',
			'10 000,00 €',
			'15 000,00 €',
			'20 000,00 €'
		]);
		expect(chart.points.map((p) => [p.kind, p.date, plain(p.label)])).toEqual([
			['expected', '2025-12-28', '6 000,00 €'],
			['expected', '2026-03-15', '20 000,00 €'],
			['received', '2026-01-10', '6 000,00 €']
		]);
	});

	it('draws nothing without cash, and picks 1-2-5 steps', () => {
		expect(cashFlowChart([], BOX)).toBeNull();
		expect(niceStep(2_000_000)).toBe(500_000);
		expect(niceStep(130_000)).toBe(50_000);
	});
});
