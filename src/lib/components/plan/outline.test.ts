import { describe, expect, it } from 'vitest';
import type { TaskRow } from '$lib/domain/mission-plan';
import { formatPredecessors, outlineNumbers, parsePredecessors } from './outline';
import { endForDuration } from './table-rows';

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
			{ id: 'l1', predecessorId: 'b', successorId: 'c', type: 'FS' as const, lagDays: 2 },
			{ id: 'l2', predecessorId: 'a', successorId: 'c', type: 'FS' as const, lagDays: 0 }
		];
		expect(formatPredecessors('c', links, numbers)).toBe('1.1;1.2FD+2j');
		expect(parsePredecessors('1.1; 1.2FD+2j', numbers)).toEqual({
			ok: true,
			links: [
				{ predecessorId: 'a', lagDays: 0 },
				{ predecessorId: 'b', lagDays: 2 }
			]
		});
		expect(parsePredecessors('1.2fd-1jé', numbers)).toEqual({ ok: true, links: [{ predecessorId: 'b', lagDays: -1 }] });
		expect(parsePredecessors('', numbers)).toEqual({ ok: true, links: [] });
	});

	it('refuses in French what it cannot read', () => {
		const numbers = outlineNumbers(tasks);
		expect(parsePredecessors('1.1FF', numbers)).toMatchObject({ ok: false, message: expect.stringContaining('FF') });
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
