// Outline levels (domain/outline.ts): depths, the nesting rules of an indent, summary progress
// weighted by working days, costs rolled up the outline; and the table's outline numbers and
// predecessors at three levels.
import { describe, expect, it } from 'vitest';
import {
	MAX_OUTLINE_DEPTH,
	costsByOutline,
	nestingProblem,
	outlineDepths,
	rolledUpProgress,
	subtreeHeight,
	withRolledUpProgress
} from '$lib/domain/outline';
import { outlineNumbers, parsePredecessors } from '$lib/components/plan/outline';
import { withMovedTasks, type MissionPlan, type TaskRow } from '$lib/domain/mission-plan';
import { formatValue } from '$lib/domain/history';

const row = (id: string, parentId: string | null, startDate = '2026-01-05', endDate = startDate, progress = 0) => ({
	id,
	parentId,
	startDate,
	endDate,
	progress
});

/** A chain of `n` rows, each under the previous one: levels 1 … n. */
const chain = (n: number) => Array.from({ length: n }, (_, i) => row(`r${i + 1}`, i === 0 ? null : `r${i}`));

describe('outline depths and nesting', () => {
	it('numbers the levels from 1 at the top, at any depth', () => {
		const depths = outlineDepths([row('a', null), row('b', 'a'), row('c', 'b'), row('d', null)]);
		expect([...depths]).toEqual([
			['a', 1],
			['b', 2],
			['c', 3],
			['d', 1]
		]);
	});

	it('a looping tree does not hang or overflow', () => {
		const depths = outlineDepths([row('a', 'b'), row('b', 'a')]);
		expect(depths.size).toBe(2);
	});

	it('measures a subtree’s height', () => {
		const rows = [row('a', null), row('b', 'a'), row('c', 'b'), row('d', 'a')];
		expect(subtreeHeight(rows, 'a')).toBe(3);
		expect(subtreeHeight(rows, 'b')).toBe(2);
		expect(subtreeHeight(rows, 'd')).toBe(1);
	});

	it('lets a task go under any task, but not under itself nor past the deepest level', () => {
		const rows = [row('a', null), row('b', 'a'), row('c', null)];
		expect(nestingProblem(rows, 'c', 'b')).toBeNull();
		expect(nestingProblem(rows, 'a', 'b')?.code).toBe('INSIDE_ITSELF');
		expect(nestingProblem(rows, 'a', null)).toBeNull();

		const deep = [...chain(MAX_OUTLINE_DEPTH), row('x', null), row('y', 'x')];
		// Under the 9th level: 10 levels, accepted; under the 10th: refused.
		expect(nestingProblem(deep, 'x', `r${MAX_OUTLINE_DEPTH - 1}`)).toMatchObject({ code: 'TOO_DEEP' });
		expect(nestingProblem(deep, 'y', `r${MAX_OUTLINE_DEPTH - 1}`)).toBeNull();
		const problem = nestingProblem(deep, 'y', `r${MAX_OUTLINE_DEPTH}`);
		expect(problem?.code).toBe('TOO_DEEP');
		expect(problem?.message).toContain('limité à 10 niveaux');
	});
});

describe('summary progress', () => {
	it('is the average of the children weighted by their working days', () => {
		// 10 working days at 100 % and 5 at 40 %: (1 000 + 200) / 15 = 80 %; a weekend day in
		// a bar does not weigh (Mon 5 to Fri 16 January 2026 is 10 working days).
		const progress = rolledUpProgress([
			row('s', null, '2026-01-05', '2026-01-16', 0),
			row('a', 's', '2026-01-05', '2026-01-16', 100),
			row('b', 's', '2026-01-19', '2026-01-23', 40)
		]);
		expect(progress.get('s')).toBe(80);
		expect(progress.has('a')).toBe(false);
	});

	it('rolls up through every level: a sub-summary counts with its span and its rolled-up progress', () => {
		const progress = rolledUpProgress([
			row('top', null, '2026-01-05', '2026-01-23'),
			// Sub-summary over 10 working days: (5 × 100 + 5 × 0) / 10 = 50 %.
			row('mid', 'top', '2026-01-05', '2026-01-16', 0),
			row('a', 'mid', '2026-01-05', '2026-01-09', 100),
			row('b', 'mid', '2026-01-12', '2026-01-16', 0),
			// A leaf over 5 working days at 80 %.
			row('c', 'top', '2026-01-19', '2026-01-23', 80)
		]);
		expect(progress.get('mid')).toBe(50);
		// (10 × 50 + 5 × 80) / 15 = 60 %.
		expect(progress.get('top')).toBe(60);
	});

	it('replaces a summary’s stored progress and keeps the same rows when nothing changes', () => {
		const rows = [row('s', null, '2026-01-05', '2026-01-05', 7), row('a', 's', '2026-01-05', '2026-01-05', 30)];
		const rolled = withRolledUpProgress(rows);
		expect(rolled.map((r) => r.progress)).toEqual([30, 30]);
		expect(rolled[1]).toBe(rows[1]);
		expect(withRolledUpProgress(rolled)).toBe(rolled);
	});
});

describe('costs rolled up the outline', () => {
	const f = (planned: number, spent = 0) => ({
		plannedHtCents: planned,
		spentHtCents: spent,
		remainingHtCents: planned - spent,
		estimateAtCompletionHtCents: planned
	});

	it('gives each phase its own costs plus its sub-phases’, in outline order with its level', () => {
		const rows = [row('p1', null), row('p1a', 'p1'), row('p1a1', 'p1a'), row('t', 'p1a'), row('p2', null)];
		const own = new Map([
			['p1a1', f(100_00, 20_00)],
			['p1', f(50_00)],
			['', f(7_00)],
			['p2', f(1_00)]
		]);
		const entries = costsByOutline(own, rows);
		expect(entries.map((e) => [e.phaseId, e.level, e.figures.plannedHtCents, e.figures.spentHtCents])).toEqual([
			['p1', 1, 150_00, 20_00],
			['p1a', 2, 100_00, 20_00],
			['p1a1', 3, 100_00, 20_00],
			['p2', 1, 1_00, 0],
			['', 1, 7_00, 0]
		]);
	});
});

describe('outline numbers at three levels', () => {
	const task = (id: string, parentId: string | null): TaskRow => ({
		id,
		parentId,
		kind: 'TASK',
		name: id,
		startDate: '2026-01-05',
		endDate: '2026-01-05',
		progress: 0,
		sortOrder: 0,
		version: 1
	});
	const tasks = [task('a', null), task('b', null), task('c', 'b'), task('d', 'b'), task('e', 'd'), task('f', null)];

	it('numbers 1, 2, 2.1, 2.2, 2.2.1, 3 and reads “2.2.1FD+2j” as that row', () => {
		const numbers = outlineNumbers(tasks);
		expect([...numbers.values()]).toEqual(['1', '2', '2.1', '2.2', '2.2.1', '3']);
		const parsed = parsePredecessors('2.2.1FD+2j; 1', numbers);
		if (!parsed.ok) throw new Error(parsed.message);
		expect(parsed.links.map((l) => [l.predecessorId, l.type, l.lagDays])).toEqual([
			['e', 'FS', 2],
			['a', 'FS', 0]
		]);
		expect(parsed.links[0]!.lagUnit).toBe('WORKING_DAYS');
	});
});

describe('history of a level change', () => {
	it('says in French that a task became a summary row', () => {
		expect(formatValue('kind', 'PHASE', 'task')).toBe('phase (récapitulative)');
		expect(formatValue('kind', 'TASK', 'task')).toBe('tâche');
	});
});

describe('a move answer patched into the page’s plan', () => {
	const task = (id: string, parentId: string | null, startDate: string, endDate: string, progress: number) => ({
		id,
		parentId,
		kind: parentId ? ('TASK' as const) : ('PHASE' as const),
		name: id,
		startDate,
		endDate,
		progress,
		sortOrder: 0,
		version: 1
	});
	// s: a (5 working days, 100 %) and b (5 working days, 0 %): 50 %.
	const plan = {
		tasks: [
			task('s', null, '2026-01-05', '2026-01-16', 50),
			task('a', 's', '2026-01-05', '2026-01-09', 100),
			task('b', 's', '2026-01-12', '2026-01-16', 0)
		],
		deliverables: [],
		milestones: []
	} as unknown as MissionPlan;

	it('re-weighs the summary’s progress when a child’s working days change', () => {
		// b resized to 15 working days: (5 × 100 + 15 × 0) / 20 = 25 %.
		const after = withMovedTasks(plan, [{ id: 'b', startDate: '2026-01-12', endDate: '2026-01-30', version: 2 }]);
		expect(after.tasks.find((t) => t.id === 's')!.progress).toBe(25);
	});

	it('keeps it when a move keeps the durations', () => {
		const after = withMovedTasks(plan, [{ id: 'b', startDate: '2026-01-19', endDate: '2026-01-23', version: 2 }]);
		expect(after.tasks.find((t) => t.id === 's')!.progress).toBe(50);
	});
});
