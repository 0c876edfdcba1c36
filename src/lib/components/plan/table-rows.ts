// The task table's rows: exactly the chart's rows (same order, same folded phases), with what each
// column shows. Pure, so the table and the chart can never disagree on which row is where.
import type { GanttTask } from 'frappe-gantt';
import { addWorkingDays, countWorkingDays, nextWorkingDayFrom } from '$lib/domain/calendar';
import type { IsoDate } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { parseRowId, sameSet, sameTree, type RowKind } from '$lib/components/gantt/gantt-rows';
import { formatPredecessors } from './outline';

export type Column = 'number' | 'name' | 'start' | 'end' | 'duration' | 'predecessors' | 'progress' | 'marker';

/** The end date that gives `days` working days from `start` (a start on a day off counts from the next working day). */
export function endForDuration(start: IsoDate, days: number): IsoDate {
	return addWorkingDays(nextWorkingDayFrom(start), days - 1);
}

export interface TableRow {
	rowId: string;
	kind: RowKind;
	id: string;
	/** Outline number of a task ("1.2"), empty for the other rows. */
	number: string;
	name: string;
	level: number;
	isPhase: boolean;
	/** A phase with children: whether it is folded. */
	expanded: boolean | null;
	start: IsoDate;
	end: IsoDate;
	/** Working days, tasks only. */
	duration: number | null;
	predecessors: string;
	progress: number | null;
	/** ◆ deliverable, ◇ milestone, € tranche. */
	marker: string;
	editable: boolean;
}

/** One build of the table's rows, with what the next build can reuse. */
export interface TableRowsBuild {
	plan: MissionPlan;
	chartRows: readonly GanttTask[];
	numbers: ReadonlyMap<string, string>;
	folded: ReadonlySet<string>;
	rows: TableRow[];
	/** The row built for each chart row (null where none is shown). */
	byChartRow: (TableRow | null)[];
}

type Records = {
	tasks: Map<string, MissionPlan['tasks'][number]>;
	deliverables: Map<string, MissionPlan['deliverables'][number]>;
	milestones: Map<string, MissionPlan['milestones'][number]>;
	tranches: Map<string, MissionPlan['tranches'][number]>;
};

/** The records of `next` that are not the very objects of `prev` at the same place (null: not comparable). */
function changedRecords<T extends { id: string }>(
	prev: readonly T[],
	next: readonly T[],
	into: Map<string, T>
): boolean {
	if (prev === next) return true;
	if (prev.length !== next.length) return false;
	for (let i = 0; i < next.length; i += 1) {
		if (prev[i] === next[i]) continue;
		if (prev[i]!.id !== next[i]!.id) return false;
		into.set(next[i]!.id, next[i]!);
	}
	return true;
}

const byId = <T extends { id: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.id, r]));

/**
 * The table's rows, rebuilt from the previous build where the plan allows: after an edit that
 * keeps the tree, the links, the outline numbers and the folded phases (a drag, a progress, a
 * rename), only the rows whose chart row or record changed are built again; the others are the
 * previous row objects (the table's keyed rows then have nothing to do). Same result as a build
 * from nothing.
 */
export function buildTableRows(
	plan: MissionPlan,
	chartRows: readonly GanttTask[],
	numbers: ReadonlyMap<string, string>,
	folded: ReadonlySet<string>,
	prev: TableRowsBuild | null = null
): TableRowsBuild {
	const changed: Records = { tasks: new Map(), deliverables: new Map(), milestones: new Map(), tranches: new Map() };
	const patch =
		prev !== null &&
		prev.numbers === numbers &&
		prev.plan.dependencies === plan.dependencies &&
		prev.chartRows.length === chartRows.length &&
		sameSet(prev.folded, folded) &&
		sameTree(prev.plan.tasks, plan.tasks) &&
		changedRecords(prev.plan.tasks, plan.tasks, changed.tasks) &&
		changedRecords(prev.plan.deliverables, plan.deliverables, changed.deliverables) &&
		changedRecords(prev.plan.milestones, plan.milestones, changed.milestones) &&
		changedRecords(prev.plan.tranches, plan.tranches, changed.tranches);
	// Built from nothing: every record is looked up.
	const records: Records = patch
		? changed
		: {
				tasks: byId(plan.tasks),
				deliverables: byId(plan.deliverables),
				milestones: byId(plan.milestones),
				tranches: byId(plan.tranches)
			};
	let context: RowContext | undefined;
	const ctx = () => (context ??= rowContext(plan, numbers, folded));
	const rows: TableRow[] = [];
	const byChartRow: (TableRow | null)[] = [];
	let before: Map<string, TableRow> | undefined;
	const previous = (rowId: string) => (before ??= new Map(prev?.rows.map((r) => [r.rowId, r]))).get(rowId);
	let reused = 0;
	for (let i = 0; i < chartRows.length; i += 1) {
		const chartRow = chartRows[i]!;
		if (patch && prev.chartRows[i] === chartRow) {
			// The same chart row: the same table row, unless its record changed.
			const old = prev.byChartRow[i]!;
			if (!old || !changedOf(changed, old.kind).has(old.id)) {
				byChartRow.push(old);
				if (old) {
					if (prev.rows[rows.length] === old) reused += 1;
					rows.push(old);
				}
				continue;
			}
		}
		const row = parseRowId(chartRow.id);
		let built = row
			? tableRow(chartRow, row.kind, row.id, patch ? lookup(plan, records, row.kind, row.id) : records, ctx)
			: null;
		// Built again but the same as before (a whole plan came back from the server): the old object.
		const old = built && prev ? previous(built.rowId) : undefined;
		if (built && old && sameTableRow(old, built)) {
			built = old;
			if (prev!.rows[rows.length] === old) reused += 1;
		}
		byChartRow.push(built);
		if (built) rows.push(built);
	}
	const same = prev !== null && reused === rows.length && rows.length === prev.rows.length;
	return { plan, chartRows, numbers, folded, rows: same ? prev.rows : rows, byChartRow };
}

const FIELDS = [
	'rowId',
	'kind',
	'id',
	'number',
	'name',
	'level',
	'isPhase',
	'expanded',
	'start',
	'end',
	'duration',
	'predecessors',
	'progress',
	'marker',
	'editable'
] as const satisfies readonly (keyof TableRow)[];

export function sameTableRow(a: TableRow, b: TableRow): boolean {
	return FIELDS.every((field) => a[field] === b[field]);
}

function changedOf(records: Records, kind: RowKind): Map<string, unknown> {
	return kind === 'task'
		? records.tasks
		: kind === 'deliverable'
			? records.deliverables
			: kind === 'milestone'
				? records.milestones
				: records.tranches;
}

/** A changed record, or (not changed: the chart row changed) the plan's own. */
function lookup(plan: MissionPlan, changed: Records, kind: RowKind, id: string): Records {
	const list = { task: 'tasks', deliverable: 'deliverables', milestone: 'milestones', tranche: 'tranches' } as const;
	const key = list[kind];
	if (changed[key].has(id)) return changed;
	const found = (plan[key] as readonly { id: string }[]).find((r) => r.id === id);

	return { ...changed, [key]: new Map(found ? [[id, found]] : []) } as Records;
}

interface RowContext {
	numbers: ReadonlyMap<string, string>;
	folded: ReadonlySet<string>;
	withChildren: Set<string>;
	incoming: Map<string, MissionPlan['dependencies']>;
}

function rowContext(plan: MissionPlan, numbers: ReadonlyMap<string, string>, folded: ReadonlySet<string>): RowContext {
	const withChildren = new Set(plan.tasks.filter((t) => t.parentId).map((t) => t.parentId!));
	// Each task's incoming links, found once (a search per row took O(rows × links)).
	const incoming = new Map<string, MissionPlan['dependencies']>();
	for (const link of plan.dependencies) {
		const list = incoming.get(link.successorId) ?? [];
		list.push(link);
		incoming.set(link.successorId, list);
	}
	return { numbers, folded, withChildren, incoming };
}

function tableRow(
	chartRow: GanttTask,
	kind: RowKind,
	id: string,
	records: Records,
	context: () => RowContext
): TableRow | null {
	const rowId = chartRow.id;
	const start = chartRow.start;
	const end = chartRow.end ?? chartRow.start;
	if (kind === 'task') {
		const task = records.tasks.get(id);
		if (!task) return null;
		const { numbers, folded, withChildren, incoming } = context();
		const number = numbers.get(task.id) ?? '';
		return {
			rowId,
			kind,
			id,
			start,
			end,
			number,
			name: task.name,
			level: number.split('.').length,
			isPhase: task.kind === 'PHASE',
			expanded: withChildren.has(task.id) ? !folded.has(task.id) : null,
			duration: countWorkingDays(task.startDate, task.endDate),
			predecessors: task.kind === 'PHASE' ? '' : formatPredecessors(task.id, incoming.get(task.id) ?? [], numbers),
			progress: task.progress,
			marker: '',
			editable: true
		};
	}
	const other = (name: string, marker: string, editable: boolean): TableRow => ({
		rowId,
		kind,
		id,
		start,
		end,
		number: '',
		name,
		level: 1,
		isPhase: false,
		expanded: null,
		duration: null,
		predecessors: '',
		progress: null,
		marker,
		editable
	});
	if (kind === 'deliverable') {
		const d = records.deliverables.get(id);
		return d ? other(`L${d.number} · ${d.title}`, '◆', true) : null;
	}
	if (kind === 'milestone') {
		const m = records.milestones.get(id);
		return m ? other(m.name, '◇', false) : null;
	}
	return other(records.tranches.get(id)?.label ?? '', '€', false);
}

// The last build: the next edit starts from it.
let last: TableRowsBuild | null = null;

export function tableRows(
	plan: MissionPlan,
	chartRows: readonly GanttTask[],
	numbers: ReadonlyMap<string, string>,
	folded: ReadonlySet<string>
): TableRow[] {
	if (
		last &&
		last.plan === plan &&
		last.chartRows === chartRows &&
		last.numbers === numbers &&
		sameSet(last.folded, folded)
	)
		return last.rows;
	last = buildTableRows(plan, chartRows, numbers, folded, last);
	return last.rows;
}
