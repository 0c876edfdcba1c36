import { describe, expect, it } from 'vitest';
import type { MissionPlan, TaskRow } from '$lib/domain/mission-plan';
import { ganttRows } from '$lib/components/gantt/gantt-rows';
import { formatPredecessors, outlineNumbers, parsePredecessors } from './outline';
import { endForDuration } from './plan-commands';
import { tableRows } from './table-rows';

const task = (id: string, parentId: string | null = null): TaskRow => ({
	id,
	parentId,
	kind: parentId ? 'TASK' : 'PHASE',
	name: id,
	startDate: '2026-01-05',
	endDate: '2026-01-05',
	progress: 0,
	sortOrder: 0,
	version: 1
});

const tasks = [task('p1'), task('a', 'p1'), task('b', 'p1'), task('p2'), task('c', 'p2')];

describe('outline numbers and predecessors', () => {
	it('numbers the outline in the plan’s order', () => {
		expect([...outlineNumbers(tasks)]).toEqual([
			['p1', '1'],
			['a', '1.1'],
			['b', '1.2'],
			['p2', '2'],
			['c', '2.1']
		]);
	});

	it('writes today’s links the French MS Project way and reads them back', () => {
		const numbers = outlineNumbers(tasks);
		const links = [
			{
				id: 'l1',
				predecessorId: 'b',
				successorId: 'c',
				type: 'FS' as const,
				lagDays: 2,
				lagUnit: 'WORKING_DAYS' as const
			},
			{
				id: 'l2',
				predecessorId: 'a',
				successorId: 'c',
				type: 'FS' as const,
				lagDays: 0,
				lagUnit: 'ELAPSED_DAYS' as const
			}
		];
		expect(formatPredecessors('c', links, numbers)).toBe('1.1; 1.2FD+2j');
		expect(parsePredecessors('1.1; 1.2FD+2j', numbers)).toEqual({
			ok: true,
			links: [
				{ predecessorId: 'a', type: 'FS', lagDays: 0, lagUnit: 'WORKING_DAYS' },
				{ predecessorId: 'b', type: 'FS', lagDays: 2, lagUnit: 'WORKING_DAYS' }
			]
		});
		expect(parsePredecessors('1.2dd-1jé', numbers)).toEqual({
			ok: true,
			links: [{ predecessorId: 'b', type: 'SS', lagDays: -1, lagUnit: 'ELAPSED_DAYS' }]
		});
		expect(parsePredecessors('', numbers)).toEqual({ ok: true, links: [] });
	});

	it('refuses in French what it cannot read', () => {
		const numbers = outlineNumbers(tasks);
		expect(parsePredecessors('1.1XY', numbers)).toMatchObject({ ok: false, message: expect.stringContaining('XY') });
		expect(parsePredecessors('abc', numbers)).toMatchObject({ ok: false, message: expect.stringContaining('« abc »') });
		expect(parsePredecessors('1.1;1.1FD+1j', numbers)).toMatchObject({
			ok: false,
			message: expect.stringContaining('deux fois')
		});
	});
});

describe('durations in working days', () => {
	it('ends a task so that it lasts N working days, skipping weekends and public holidays', () => {
		// Monday 22 December 2025, 5 working days: 22, 23, 24, 26 (25 is Christmas), 29.
		expect(endForDuration('2025-12-22', 5)).toBe('2025-12-29');
		// A start on a Saturday counts from the Monday.
		expect(endForDuration('2026-01-03', 1)).toBe('2026-01-05');
	});
});

describe('table rows', () => {
	it('are the chart’s rows, folded phases included, with outline numbers and durations', () => {
		const plan = {
			mission: { id: 'm' },
			tasks: [
				{ ...task('p1'), startDate: '2025-12-22', endDate: '2025-12-29' },
				{ ...task('a', 'p1'), startDate: '2025-12-22', endDate: '2025-12-29' },
				task('p2'),
				task('c', 'p2')
			],
			dependencies: [
				{ id: 'l', predecessorId: 'a', successorId: 'c', type: 'FS', lagDays: 0, lagUnit: 'WORKING_DAYS' }
			],
			deliverables: [],
			milestones: [],
			tranches: []
		} as unknown as MissionPlan;
		const folded = new Set(['p2']);
		const chart = ganttRows(plan, [], folded);
		const rows = tableRows(plan, chart, outlineNumbers(plan.tasks), folded).toArray();
		expect(rows.map((r) => r.rowId)).toEqual(chart.map((r) => r.id));
		expect(rows.map((r) => [r.number, r.expanded, r.duration])).toEqual([
			['1', true, 5],
			['1.1', null, 5],
			['2', false, 1]
		]);
		const open = tableRows(plan, ganttRows(plan), outlineNumbers(plan.tasks), new Set()).toArray();
		expect(open.find((r) => r.id === 'c')).toMatchObject({ number: '2.1', predecessors: '1.1', level: 2 });
	});
});
