// Rows handed to frappe-gantt: folded phases hide their tasks at any depth, and arrows from or to
// a hidden task are dropped (the library cannot draw them); large plans open folded.
import { describe, expect, it } from 'vitest';
import {
	defaultFoldedPhases,
	FOLD_PHASES_ABOVE_TASKS,
	ganttRows,
	phasesWithChildren
} from '$lib/components/gantt/gantt-rows';
import { buildMissionPlan, type MissionRows, type TaskRow } from '$lib/domain/mission-plan';

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
