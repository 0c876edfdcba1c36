import { describe, expect, it } from 'vitest';
import { countWorkingDays } from '$lib/domain/calendar';
import { addCalendarDays } from '$lib/domain/dates';
import {
	brokenPredecessorLink,
	createsCycle,
	phaseSpan,
	pushSuccessors,
	SchedulingError,
	topologicalOrder,
	type ScheduleLink,
	type ScheduledTask
} from '$lib/domain/schedule';

// Finish-to-start with an elapsed-day lag: what every link was before link types and working-day
// lags (tests/unit/link-types.test.ts covers the others).
const link = (predecessorId: string, successorId: string, lagDays = 0): ScheduleLink => ({
	predecessorId,
	successorId,
	type: 'FS',
	lagDays,
	lagUnit: 'ELAPSED_DAYS'
});

const task = (id: string, start: string, end: string): ScheduledTask => ({ id, name: `Task ${id}`, start, end });

const byId = (tasks: readonly ScheduledTask[]) => new Map(tasks.map((t) => [t.id, t]));

describe('createsCycle', () => {
	const chain = [link('A', 'B'), link('B', 'C')];

	it('refuses a task linked to itself, even without other links', () => {
		expect(createsCycle([], link('A', 'A'))).toBe(true);
		expect(createsCycle(chain, link('B', 'B'))).toBe(true);
	});

	it('detects a direct cycle', () => {
		expect(createsCycle(chain, link('B', 'A'))).toBe(true);
	});

	it('detects an indirect cycle', () => {
		expect(createsCycle(chain, link('C', 'A'))).toBe(true);
		expect(createsCycle([...chain, link('C', 'D'), link('D', 'E')], link('E', 'A'))).toBe(true);
	});

	it('accepts links that keep the graph acyclic', () => {
		expect(createsCycle(chain, link('A', 'C'))).toBe(false); // redundant shortcut
		expect(createsCycle(chain, link('C', 'D'))).toBe(false);
		expect(createsCycle(chain, link('D', 'A'))).toBe(false);
		expect(createsCycle([], link('A', 'B'))).toBe(false);
	});

	it('accepts joining two branches of a diamond', () => {
		const diamond = [link('A', 'B'), link('A', 'C'), link('B', 'D')];
		expect(createsCycle(diamond, link('C', 'D'))).toBe(false);
		expect(createsCycle(diamond, link('D', 'C'))).toBe(false);
		expect(createsCycle([...diamond, link('C', 'D')], link('D', 'A'))).toBe(true);
	});
});

describe('topologicalOrder', () => {
	it('puts every predecessor before its successors', () => {
		expect(topologicalOrder(['C', 'B', 'A'], [link('A', 'B'), link('B', 'C')])).toEqual(['A', 'B', 'C']);
	});

	it('orders a diamond and keeps unlinked tasks', () => {
		const links = [link('A', 'B'), link('A', 'C'), link('B', 'D'), link('C', 'D')];
		const order = topologicalOrder(['D', 'X', 'C', 'B', 'A'], links);
		expect([...order].sort()).toEqual(['A', 'B', 'C', 'D', 'X']);
		for (const l of links) {
			expect(order.indexOf(l.predecessorId)).toBeLessThan(order.indexOf(l.successorId));
		}
	});

	it('keeps the given order when there are no links', () => {
		expect(topologicalOrder(['B', 'A', 'C'], [])).toEqual(['B', 'A', 'C']);
	});

	it('throws a DEPENDENCY_CYCLE SchedulingError on a cycle', () => {
		const run = () => topologicalOrder(['A', 'B', 'C'], [link('A', 'B'), link('B', 'C'), link('C', 'A')]);
		expect(run).toThrow(SchedulingError);
		try {
			run();
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(SchedulingError);
			expect((error as SchedulingError).code).toBe('DEPENDENCY_CYCLE');
			expect((error as SchedulingError).name).toBe('SchedulingError');
			expect((error as SchedulingError).message).toBe('Les liens entre tâches forment une boucle.');
		}
	});

	it('throws on a self-link', () => {
		expect(() => topologicalOrder(['A'], [link('A', 'A')])).toThrow(SchedulingError);
	});
});

describe('pushSuccessors', () => {
	it('pushes a chain, keeping each working-day duration, and returns only the tasks that moved', () => {
		const tasks = [
			task('A', '2025-12-01', '2025-12-05'), // Monday → Friday
			task('B', '2025-12-03', '2025-12-04'), // overlaps A
			task('C', '2025-12-05', '2025-12-09')
		];
		const pushed = pushSuccessors(tasks, [link('A', 'B'), link('B', 'C')]);
		// B may start on Saturday 6 December at the earliest: it lands on Monday 8.
		// C may then start on Wednesday 10 December; its 3 working days (Fri, Mon, Tue) end on Friday 12.
		expect(byId(pushed)).toEqual(byId([task('B', '2025-12-08', '2025-12-09'), task('C', '2025-12-10', '2025-12-12')]));
		for (const moved of pushed) {
			const before = tasks.find((t) => t.id === moved.id)!;
			expect(countWorkingDays(moved.start, moved.end)).toBe(countWorkingDays(before.start, before.end));
		}
	});

	it('from given tasks, moves only what is downstream of them', () => {
		const tasks = [
			task('A', '2025-12-01', '2025-12-05'),
			task('B', '2025-12-03', '2025-12-04'), // after A, overlapping: pushed
			task('C', '2025-12-08', '2025-12-09'), // after B: pushed once B moves
			task('X', '2025-12-01', '2025-12-05'),
			task('Y', '2025-12-02', '2025-12-03') // after X, overlapping, but not downstream of A
		];
		const links = [link('A', 'B'), link('B', 'C'), link('X', 'Y')];
		const fromA = pushSuccessors(tasks, links, ['A']);
		expect(fromA.map((t) => t.id).sort()).toEqual(['B', 'C']);
		// The same tasks move the same way as with a full pass; the full pass also fixes Y.
		const full = pushSuccessors(tasks, links);
		expect(byId(fromA)).toEqual(byId(full.filter((t) => t.id !== 'Y')));
		expect(full.map((t) => t.id)).toContain('Y');
		expect(pushSuccessors(tasks, links, ['unknown'])).toEqual([]);
	});

	it('agrees with a full pass on a consistent plan, whatever task is moved', () => {
		// A random layered plan, made consistent by a full pass, then one task moved later.
		let seed = 7;
		const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		const raw = Array.from({ length: 60 }, (_, i) =>
			task(`t${i}`, addCalendarDays('2026-01-05', Math.floor(next() * 60)), '2026-01-01')
		).map((t) => ({ ...t, end: addCalendarDays(t.start, Math.floor(next() * 5)) }));
		const links: ScheduleLink[] = [];
		for (let i = 1; i < raw.length; i += 1) if (next() < 0.5) links.push(link(`t${Math.floor(next() * i)}`, `t${i}`));
		const settled = new Map(raw.map((t) => [t.id, t]));
		for (const t of pushSuccessors(raw, links)) settled.set(t.id, t);
		for (const moved of ['t0', 't10', 't30']) {
			const plan = [...settled.values()].map((t) =>
				t.id === moved ? { ...t, start: addCalendarDays(t.start, 9), end: addCalendarDays(t.end, 9) } : t
			);
			expect(byId(pushSuccessors(plan, links, [moved]))).toEqual(byId(pushSuccessors(plan, links)));
		}
	});

	it('does not mutate its input', () => {
		const tasks = [task('A', '2025-12-01', '2025-12-05'), task('B', '2025-12-03', '2025-12-04')];
		const copy = structuredClone(tasks);
		pushSuccessors(tasks, [link('A', 'B')]);
		expect(tasks).toEqual(copy);
	});

	it('lands on the first working day after Christmas and New Year', () => {
		// A ends on Wednesday 24 December: 25 December is a holiday. B's two working days are
		// Friday 26 and Monday 29 (not Saturday 27, as a calendar-day duration would give).
		expect(
			pushSuccessors([task('A', '2025-12-22', '2025-12-24'), task('B', '2025-12-22', '2025-12-23')], [link('A', 'B')])
		).toEqual([task('B', '2025-12-26', '2025-12-29')]);
		// A ends on Wednesday 31 December: 1 January is a holiday.
		expect(
			pushSuccessors([task('A', '2025-12-29', '2025-12-31'), task('B', '2025-12-30', '2025-12-30')], [link('A', 'B')])
		).toEqual([task('B', '2026-01-02', '2026-01-02')]);
	});

	it('lands after Easter Monday 2026', () => {
		// A ends on Friday 3 April; Saturday, Easter Sunday and Easter Monday are skipped.
		expect(
			pushSuccessors([task('A', '2026-03-30', '2026-04-03'), task('B', '2026-04-01', '2026-04-02')], [link('A', 'B')])
		).toEqual([task('B', '2026-04-07', '2026-04-08')]);
	});

	it('respects a positive lag', () => {
		// A ends on Friday 5 December; 3 days of lag: Tuesday 9 December at the earliest.
		expect(
			pushSuccessors(
				[task('A', '2025-12-01', '2025-12-05'), task('B', '2025-12-08', '2025-12-10')],
				[link('A', 'B', 3)]
			)
		).toEqual([task('B', '2025-12-09', '2025-12-11')]);
		// A ends on Wednesday 10 December; 2 days of lag fall on Saturday 13: Monday 15.
		expect(
			pushSuccessors(
				[task('A', '2025-12-08', '2025-12-10'), task('B', '2025-12-11', '2025-12-11')],
				[link('A', 'B', 2)]
			)
		).toEqual([task('B', '2025-12-15', '2025-12-15')]);
	});

	it('respects a negative lag (lead) and lets the successor overlap', () => {
		// A ends on Friday 12 December; a 2-day lead allows Thursday 11 December.
		const a = task('A', '2025-12-08', '2025-12-12');
		expect(pushSuccessors([a, task('B', '2025-12-08', '2025-12-09')], [link('A', 'B', -2)])).toEqual([
			task('B', '2025-12-11', '2025-12-12')
		]);
		expect(pushSuccessors([a, task('B', '2025-12-11', '2025-12-12')], [link('A', 'B', -2)])).toEqual([]);
	});

	it('never pulls a successor earlier', () => {
		const tasks = [task('A', '2025-12-01', '2025-12-05'), task('B', '2026-01-12', '2026-01-16')];
		expect(pushSuccessors(tasks, [link('A', 'B')])).toEqual([]);
	});

	it('leaves a successor that already satisfies its link, even if it starts on a weekend', () => {
		const tasks = [task('A', '2025-12-01', '2025-12-05'), task('B', '2025-12-06', '2025-12-07')];
		expect(pushSuccessors(tasks, [link('A', 'B')])).toEqual([]);
	});

	it('takes the latest of several predecessors', () => {
		const tasks = [
			task('A', '2025-12-01', '2025-12-02'),
			task('B', '2025-12-01', '2025-12-10'),
			task('C', '2025-12-03', '2025-12-04')
		];
		expect(pushSuccessors(tasks, [link('A', 'C'), link('B', 'C')])).toEqual([task('C', '2025-12-11', '2025-12-12')]);
	});

	it('pushes a successor pushed twice (diamond) to its final place once', () => {
		const tasks = [
			task('A', '2025-12-01', '2025-12-05'),
			task('B', '2025-12-01', '2025-12-02'),
			task('C', '2025-12-01', '2025-12-03'),
			task('D', '2025-12-02', '2025-12-02')
		];
		const pushed = byId(pushSuccessors(tasks, [link('A', 'B'), link('A', 'C'), link('B', 'D'), link('C', 'D')]));
		// B: Mon 8 – Tue 9; C: Mon 8 – Wed 10; D after C: Thursday 11.
		expect(pushed.get('B')).toEqual(task('B', '2025-12-08', '2025-12-09'));
		expect(pushed.get('C')).toEqual(task('C', '2025-12-08', '2025-12-10'));
		expect(pushed.get('D')).toEqual(task('D', '2025-12-11', '2025-12-11'));
		expect(pushed.size).toBe(3);
	});

	it('ignores links to tasks it was not given', () => {
		const tasks = [task('B', '2025-12-01', '2025-12-02')];
		expect(pushSuccessors(tasks, [link('ghost', 'B'), link('B', 'ghost')])).toEqual([]);
	});

	it('throws a DEPENDENCY_CYCLE SchedulingError on a cycle', () => {
		const tasks = [task('A', '2025-12-01', '2025-12-02'), task('B', '2025-12-03', '2025-12-04')];
		expect(() => pushSuccessors(tasks, [link('A', 'B'), link('B', 'A')])).toThrow(
			expect.objectContaining({ code: 'DEPENDENCY_CYCLE' })
		);
	});
});

describe('brokenPredecessorLink', () => {
	const a = { id: 'A', name: 'Audit', start: '2025-12-01', end: '2025-12-12' };

	it('describes the broken link in French', () => {
		const b = { id: 'B', name: 'Ateliers IA', start: '2025-12-10', end: '2025-12-19' };
		expect(brokenPredecessorLink(b, byId([a, b]), [link('A', 'B')])).toBe(
			'« Ateliers IA » ne peut pas commencer avant le 13/12/2025 : elle suit « Audit » (lien FD).'
		);
	});

	it('mentions the lag when there is one', () => {
		const b = { id: 'B', name: 'Ateliers IA', start: '2025-12-13', end: '2025-12-19' };
		expect(brokenPredecessorLink(b, byId([a, b]), [link('A', 'B', 2)])).toBe(
			'« Ateliers IA » ne peut pas commencer avant le 15/12/2025 : elle suit « Audit » (lien FD+2jé).'
		);
	});

	it('is null when the task starts on the earliest allowed day or later', () => {
		const onTime = task('B', '2025-12-13', '2025-12-19');
		expect(brokenPredecessorLink(onTime, byId([a, onTime]), [link('A', 'B')])).toBeNull();
		const withLead = task('B', '2025-12-11', '2025-12-19');
		expect(brokenPredecessorLink(withLead, byId([a, withLead]), [link('A', 'B', -2)])).toBeNull();
	});

	it('only looks at links whose successor is the task', () => {
		const b = task('B', '2025-12-01', '2025-12-02');
		// A is B's successor here: B may start whenever it likes.
		expect(brokenPredecessorLink(b, byId([a, b]), [link('B', 'A')])).toBeNull();
	});

	it('skips a predecessor it does not know', () => {
		const b = task('B', '2025-12-01', '2025-12-02');
		expect(brokenPredecessorLink(b, byId([b]), [link('A', 'B')])).toBeNull();
	});
});

describe('phaseSpan', () => {
	it('spans from the earliest start to the latest end', () => {
		expect(
			phaseSpan([
				{ start: '2025-12-02', end: '2025-12-09' },
				{ start: '2025-12-01', end: '2025-12-01' },
				{ start: '2025-12-10', end: '2025-12-12' }
			])
		).toEqual({ start: '2025-12-01', end: '2025-12-12' });
	});

	it('is null without children', () => {
		expect(phaseSpan([])).toBeNull();
	});
});
