// Rows handed to frappe-gantt: folded phases hide their tasks at any depth, and arrows from or to
// a hidden task are dropped (the library cannot draw them); large plans open folded.
import { describe, expect, it } from 'vitest';
import {
	buildGanttRows,
	defaultFoldedPhases,
	FOLD_PHASES_ABOVE_TASKS,
	ganttRows,
	phasesWithChildren
} from '$lib/components/gantt/gantt-rows';
import { outlineNumbers } from '$lib/components/plan/outline';
import { TableRowList, tableRows } from '$lib/components/plan/table-rows';
import { addCalendarDays } from '$lib/domain/dates';
import {
	buildMissionPlan,
	withMovedTasks,
	type MissionPlan,
	type MissionRows,
	type TaskRow
} from '$lib/domain/mission-plan';

function task(id: string, parentId: string | null, kind: TaskRow['kind'] = 'TASK', sortOrder = 0): TaskRow {
	return {
		id,
		parentId,
		kind,
		name: id,
		startDate: '2026-02-09',
		endDate: '2026-02-13',
		progress: 0,
		sortOrder,
		version: 1
	};
}

function planOf(tasks: TaskRow[], links: [string, string][] = []) {
	const rows: MissionRows = {
		mission: {
			id: 'm',
			title: 'Mission',
			clientOrganisation: 'Client',
			reference: null,
			kickoffDate: '2026-02-09',
			plannedEndDate: null,
			budgetCapCents: 100_000,
			capBasis: 'TTC',
			vatRateBp: 2000,
			status: 'ACTIVE',
			contractAmountHtCents: null,
			paymentDelayDays: 30,
			version: 1
		},
		tasks: tasks.map((t, i) => ({ ...t, sortOrder: i })),
		dependencies: links.map(([p, s], i) => ({
			id: `l${i}`,
			missionId: 'm',
			predecessorId: p,
			successorId: s,
			type: 'FS',
			lagDays: 0,
			lagUnit: 'ELAPSED_DAYS'
		})),
		deliverables: [],
		milestones: [],
		tranches: [],
		contacts: []
	} as MissionRows;
	return buildMissionPlan(rows, '2026-02-09');
}

const nested = planOf(
	[
		task('A', null, 'PHASE'),
		task('A1', 'A', 'PHASE'),
		task('t2', 'A1'),
		task('t1', 'A'),
		task('B', null, 'PHASE'),
		task('t3', 'B'),
		task('loose', null)
	],
	[
		['t1', 't3'],
		['t2', 't3'],
		['t3', 'loose']
	]
);
const ids = (rows: { id: string }[]) => rows.map((r) => r.id.replace('task-', ''));

describe('ganttRows with folded phases', () => {
	it('shows every row and arrow when nothing is folded, marking phases that can fold', () => {
		const rows = ganttRows(nested);
		expect(ids(rows)).toEqual(['A', 'A1', 't2', 't1', 'B', 't3', 'loose']);
		expect(rows.find((r) => r.id === 'task-t3')!.dependencies).toEqual(['task-t1', 'task-t2']);
		expect(rows[0]!.name).toBe('▾ A');
	});

	it('hides the tasks of a folded phase at any depth, and the arrows that touch them', () => {
		const rows = ganttRows(nested, [], new Set(['A']));
		expect(ids(rows)).toEqual(['A', 'B', 't3', 'loose']);
		expect(rows[0]!.name).toBe('▸ A');
		expect(rows.find((r) => r.id === 'task-t3')!.dependencies).toEqual([]);
		expect(rows.find((r) => r.id === 'task-loose')!.dependencies).toEqual(['task-t3']);
		// Every arrow points to a row that is drawn.
		const drawn = new Set(rows.map((r) => r.id));
		for (const row of rows) for (const dep of row.dependencies ?? []) expect(drawn.has(dep)).toBe(true);
	});

	it('folds an inner phase alone', () => {
		expect(ids(ganttRows(nested, [], new Set(['A1'])))).toEqual(['A', 'A1', 't1', 'B', 't3', 'loose']);
	});

	it('opens large plans folded and small ones unfolded', () => {
		expect(phasesWithChildren(nested)).toEqual(new Set(['A', 'A1', 'B']));
		expect(defaultFoldedPhases(nested).size).toBe(0);
		const many = [task('P', null, 'PHASE')];
		for (let i = 0; i < FOLD_PHASES_ABOVE_TASKS; i += 1) many.push(task(`t${i}`, 'P'));
		const large = planOf(many);
		expect(defaultFoldedPhases(large)).toEqual(new Set(['P']));
		expect(ganttRows(large, [], defaultFoldedPhases(large))).toHaveLength(1);
	});
});

// After an edit the rows are rebuilt from the previous ones: the result must be what a build from
// nothing gives, and every row that did not change must be the very same object (the table's
// keyed rows and the chart's diff then redraw only what changed).
describe('rows after an edit', () => {
	const none = new Set<string>();
	const move = (plan: MissionPlan, id: string, days: number) => {
		const t = plan.tasks.find((x) => x.id === id)!;
		return withMovedTasks(plan, [
			{ id, startDate: addCalendarDays(t.startDate, days), endDate: addCalendarDays(t.endDate, days), version: 2 }
		]);
	};
	/** Chart and table rows of `next` built from those of `prev`, checked against a build from nothing. */
	function rebuilt(prev: MissionPlan, next: MissionPlan, folded: ReadonlySet<string> = none, nextFolded = folded) {
		const chartBefore = buildGanttRows(prev, [], folded);
		const tableBefore = new TableRowList(prev, chartBefore.rows, outlineNumbers(prev.tasks), folded);
		const tableBeforeRows = tableBefore.toArray();
		const chart = buildGanttRows(next, [], nextFolded, chartBefore);
		const numbers = outlineNumbers(next.tasks);
		const table = new TableRowList(next, chart.rows, numbers, nextFolded, tableBefore).toArray();
		expect(chart.rows).toEqual(buildGanttRows(next, [], nextFolded).rows);
		expect(table).toEqual(new TableRowList(next, chart.rows, new Map(numbers), nextFolded).toArray());
		const kept = (rows: { id: string }[], before: { id: string }[]) =>
			rows.filter((row) => before.includes(row)).map((r) => r.id.replace(/^task-/, ''));
		return {
			chart: chart.rows,
			table,
			chartKept: kept(chart.rows, chartBefore.rows),
			tableKept: kept(table, tableBeforeRows),
			sameArrays: chart.rows === chartBefore.rows
		};
	}
	const all = ['A', 'A1', 't2', 't1', 'B', 't3', 'loose'];

	it('a move rebuilds only the moved task’s rows, through the functions the page calls', () => {
		const after = move(nested, 't2', 3);
		const chartBefore = ganttRows(nested);
		const tableBefore = tableRows(nested, chartBefore, outlineNumbers(nested.tasks), none).toArray();
		const chart = ganttRows(after);
		const table = tableRows(after, chart, outlineNumbers(after.tasks), new Set()).toArray();
		expect(chart.filter((row, i) => row !== chartBefore[i]).map((r) => r.id)).toEqual(['task-t2']);
		expect(table.filter((row, i) => row !== tableBefore[i]).map((r) => r.id)).toEqual(['t2']);
		expect(table.find((r) => r.id === 't2')!.start).toBe(addCalendarDays('2026-02-09', 3));
		// The outline numbers did not change: the same map.
		expect(outlineNumbers(after.tasks)).toBe(outlineNumbers(nested.tasks));
		const r = rebuilt(nested, after);
		expect(r.chartKept).toEqual(all.filter((id) => id !== 't2'));
		expect(r.tableKept).toEqual(all.filter((id) => id !== 't2'));
	});

	it('a plan that changed nothing drawn keeps the same chart rows and table list', () => {
		expect(rebuilt(nested, { ...nested, tasks: [...nested.tasks] }).sameArrays).toBe(true);
		const chart = ganttRows(nested);
		const list = tableRows(nested, chart, outlineNumbers(nested.tasks), none);
		const copy = { ...nested, tasks: [...nested.tasks] };
		expect(tableRows(copy, ganttRows(copy), outlineNumbers(copy.tasks), new Set())).toBe(list);
		// A whole plan from the server: new objects, same content.
		const fresh = structuredClone(nested);
		expect(ganttRows(fresh)).toBe(chart);
		expect(tableRows(fresh, ganttRows(fresh), outlineNumbers(fresh.tasks), new Set())).toBe(list);
	});

	it('builds a table row only when it is asked for', () => {
		const list = new TableRowList(nested, ganttRows(nested), outlineNumbers(nested.tasks), none);
		expect(list.length).toBe(7);
		expect(list.rowIdAt(6)).toBe('task-loose');
		expect(list.indexOf('task-t3')).toBe(5);
		expect(list.slice(5, 6)).toEqual([expect.objectContaining({ id: 't3', predecessors: '1.1.1; 1.2' })]);
		// Only t3 was built: the next list has no other row to hand over.
		const next = new TableRowList(nested, ganttRows(nested), outlineNumbers(nested.tasks), none, list);
		expect(next.at(5)).toBe(list.at(5));
		expect(next.at(0)).not.toBe(list.at(0));
		expect(next.at(0)).toEqual(list.at(0));
	});

	it('gives each row its own task, whether it sits at its index in the plan or below a folded phase', () => {
		const folded = new Set(['A1']);
		const chart = ganttRows(nested, [], folded);
		const list = new TableRowList(nested, chart, outlineNumbers(nested.tasks), folded);
		// t2 is hidden: the rows from t1 on are one place above their task in the plan.
		expect(list.toArray().map((r) => [r.id, r.name, r.number])).toEqual([
			['A', 'A', '1'],
			['A1', 'A1', '1.1'],
			['t1', 't1', '1.2'],
			['B', 'B', '2'],
			['t3', 't3', '2.1'],
			['loose', 'loose', '3']
		]);
	});

	it('a whole plan from the server keeps the rows whose content is the same', () => {
		const fresh = structuredClone(nested);
		fresh.tasks[3] = { ...fresh.tasks[3]!, name: 'renamed', progress: 40 };
		const r = rebuilt(nested, fresh);
		expect(r.chartKept).toEqual(all.filter((id) => id !== 't1'));
		expect(r.tableKept).toEqual(all.filter((id) => id !== 't1'));
		expect(r.table.find((row) => row.id === 't1')).toMatchObject({ name: 'renamed', progress: 40 });
	});

	it('a new link rebuilds its successor’s arrow and predecessor cell', () => {
		const linked = {
			...nested,
			dependencies: [
				...nested.dependencies,
				{ ...nested.dependencies[0]!, id: 'new', predecessorId: 't1', successorId: 't2' }
			]
		};
		const r = rebuilt(nested, linked);
		expect(r.chartKept).toEqual(all.filter((id) => id !== 't2'));
		expect(r.table.find((row) => row.id === 't2')!.predecessors).toBe('1.2');
	});

	it('structural edits and folding give what a build from nothing gives', () => {
		// t1 leaves phase A (outline numbers change), then a phase folds and unfolds.
		const outdented = { ...nested, tasks: nested.tasks.map((t) => (t.id === 't1' ? { ...t, parentId: null } : t)) };
		const r = rebuilt(nested, outdented);
		expect(r.table.find((row) => row.id === 't1')!.number).toBe('2');
		expect(r.table.find((row) => row.id === 'B')!.number).toBe('3');
		const removed = { ...nested, tasks: nested.tasks.filter((t) => t.id !== 'loose') };
		expect(rebuilt(nested, removed).chart.map((row) => row.id)).not.toContain('task-loose');
		expect(rebuilt(nested, nested, none, new Set(['A'])).table.map((row) => row.id)).toEqual(['A', 'B', 't3', 'loose']);
		expect(rebuilt(nested, move(nested, 't3', 1), new Set(['A']), none).table).toHaveLength(7);
		expect(rebuilt(move(nested, 't3', 1), nested, new Set(['B'])).chartKept).toEqual([
			'A',
			'A1',
			't2',
			't1',
			'B',
			'loose'
		]);
	});
});
