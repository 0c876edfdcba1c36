// The task table's rows: exactly the chart's rows (same order, same folded phases), with what each
// column shows. Pure, so the table and the chart can never disagree on which row is where.
import type { GanttTask } from 'frappe-gantt';
import { countWorkingDays } from '$lib/domain/calendar';
import { formatDateFr, type IsoDate } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import {
	parseRowId,
	sameDrawnTask,
	sameLinks,
	sameSet,
	sameTree,
	type RowKind
} from '$lib/components/gantt/gantt-rows';
import { formatPredecessor, parsePredecessors } from '$lib/domain/predecessor-text';
import { formatPredecessors } from './outline';

export type Column = 'number' | 'name' | 'start' | 'end' | 'duration' | 'predecessors' | 'progress' | 'marker';

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
	/**
	 * The cells as the table shows them ("09/02/2026", "5 j ouv.", "40 %"; a deliverable's end:
	 * empty), made with the row: the table's cells read them without formatting anything.
	 */
	startText: string;
	endText: string;
	durationText: string;
	progressText: string;
	/** Working days, tasks only. */
	duration: number | null;
	predecessors: string;
	progress: number | null;
	/** ◆ deliverable, ◇ milestone, € tranche. */
	marker: string;
	editable: boolean;
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

type AnyRecord =
	| MissionPlan['tasks'][number]
	| MissionPlan['deliverables'][number]
	| MissionPlan['milestones'][number]
	| MissionPlan['tranches'][number];

const LISTS = { task: 'tasks', deliverable: 'deliverables', milestone: 'milestones', tranche: 'tranches' } as const;

/** A row built, with what it was built from (the next list reuses it when they are the same). */
interface Built {
	chartRow: GanttTask;
	record: AnyRecord | undefined;
	row: TableRow;
}

interface RowContext {
	withChildren: Set<string>;
	incoming: Map<string, MissionPlan['dependencies']>;
}

/**
 * The table's rows, one per chart row, each built when first asked for: the table draws ~60 of
 * a plan's thousands of rows, and a row object for every one of them weighed ~0.5 KiB each. A
 * list made after an edit takes the rows the previous list built: the very same object when
 * neither its chart row nor its record changed (and the outline numbers, links and folded
 * phases did not either), or when it is built again with the same content; so the table's keyed
 * rows redraw only what changed.
 */
export class TableRowList {
	readonly length: number;
	readonly #rows: (TableRow | undefined)[];
	/** The rows the previous list built, by row id. */
	readonly #old: ReadonlyMap<string, Built>;
	readonly #built = new Map<string, Built>();
	/** Nothing but the chart rows and the records can differ from the previous list's rows. */
	readonly #sameContext: boolean;
	#records: Partial<Record<RowKind, Map<string, AnyRecord>>> = {};
	#context: RowContext | undefined;

	constructor(
		readonly plan: MissionPlan,
		readonly chartRows: readonly GanttTask[],
		readonly numbers: ReadonlyMap<string, string>,
		readonly folded: ReadonlySet<string>,
		prev: TableRowList | null = null
	) {
		this.length = chartRows.length;
		this.#rows = new Array<TableRow | undefined>(chartRows.length);
		this.#old = prev ? prev.#built : new Map();
		this.#sameContext =
			prev !== null &&
			prev.numbers === numbers &&
			sameLinks(prev.plan.dependencies, plan.dependencies) &&
			sameSet(prev.folded, folded) &&
			sameTree(prev.plan.tasks, plan.tasks);
	}

	/** The row at `index` (negative: from the end). */
	at(index: number): TableRow | undefined {
		const i = index < 0 ? index + this.length : index;
		if (i < 0 || i >= this.length) return undefined;
		return (this.#rows[i] ??= this.#build(i));
	}

	rowIdAt(index: number): string | undefined {
		return this.chartRows[index]?.id;
	}

	indexOf(rowId: string): number {
		return this.chartRows.findIndex((r) => r.id === rowId);
	}

	get(rowId: string): TableRow | undefined {
		const index = this.indexOf(rowId);
		return index < 0 ? undefined : this.at(index);
	}

	slice(first: number, last: number): TableRow[] {
		const out: TableRow[] = [];
		for (let i = Math.max(0, first); i < Math.min(last, this.length); i += 1) out.push(this.at(i)!);
		return out;
	}

	toArray(): TableRow[] {
		return this.slice(0, this.length);
	}

	/** The record a row shows; `index`: the row's, where a task's row usually is in the plan's tasks. */
	#record(kind: RowKind, id: string, index: number): AnyRecord | undefined {
		const list = this.plan[LISTS[kind]] as readonly AnyRecord[];
		// Nothing folded above it, a task's row is at its own index: then no map of every task
		// (~60 KiB of the page's heap at 3 000 tasks) is made for the few rows the table draws.
		const guess = list[index];
		if (guess?.id === id) return guess;
		return (this.#records[kind] ??= new Map(list.map((r) => [r.id, r]))).get(id);
	}

	#build(index: number): TableRow {
		const chartRow = this.chartRows[index]!;
		const parsed = parseRowId(chartRow.id) ?? { kind: 'tranche' as const, id: chartRow.id };
		const record = this.#record(parsed.kind, parsed.id, index);
		const old = this.#old.get(chartRow.id);
		let row: TableRow;
		if (old && this.#sameContext && old.chartRow === chartRow && sameShown(parsed.kind, old.record, record))
			row = old.row;
		else {
			row = tableRow(chartRow, parsed.kind, parsed.id, record, this.numbers, this.folded, this.#rowContext());
			if (old && sameTableRow(old.row, row)) row = old.row;
		}
		this.#built.set(chartRow.id, { chartRow, record, row });
		return row;
	}

	#rowContext(): RowContext {
		if (this.#context) return this.#context;
		const withChildren = new Set(this.plan.tasks.filter((t) => t.parentId).map((t) => t.parentId!));
		// Each task's incoming links, found once (a search per row took O(rows × links)).
		const incoming = new Map<string, MissionPlan['dependencies']>();
		for (const link of this.plan.dependencies) {
			const list = incoming.get(link.successorId) ?? [];
			list.push(link);
			incoming.set(link.successorId, list);
		}
		return (this.#context = { withChildren, incoming });
	}
}

function tableRow(
	chartRow: GanttTask,
	kind: RowKind,
	id: string,
	record: AnyRecord | undefined,
	numbers: ReadonlyMap<string, string>,
	folded: ReadonlySet<string>,
	{ withChildren, incoming }: RowContext
): TableRow {
	const rowId = chartRow.id;
	const start = chartRow.start;
	const end = chartRow.end ?? chartRow.start;
	const startText = formatDateFr(start);
	const endText = kind === 'deliverable' ? '' : formatDateFr(end);
	if (kind === 'task') {
		const task = record as MissionPlan['tasks'][number] | undefined;
		const number = numbers.get(id) ?? '';
		const duration = task ? countWorkingDays(task.startDate, task.endDate) : null;
		const progress = task?.progress ?? null;
		return {
			rowId,
			kind,
			id,
			start,
			end,
			startText,
			endText,
			number,
			name: task?.name ?? '',
			level: number.split('.').length,
			isPhase: task?.kind === 'PHASE',
			expanded: withChildren.has(id) ? !folded.has(id) : null,
			duration,
			durationText: duration === null ? '' : `${duration} j ouv.`,
			predecessors: !task || task.kind === 'PHASE' ? '' : formatPredecessors(id, incoming.get(id) ?? [], numbers),
			progress,
			progressText: progress === null ? '' : `${progress} %`,
			marker: '',
			editable: task !== undefined
		};
	}
	// A deliverable's or milestone's tie to a task reads as a predecessor: "4.1", "4.1+2j".
	const tie = (item: { anchorTaskId: string | null; anchorLagDays: number } | undefined) =>
		item?.anchorTaskId ? formatTie(numbers.get(item.anchorTaskId) ?? '?', item.anchorLagDays) : '';
	const other = (name: string, marker: string, editable: boolean, predecessors = ''): TableRow => ({
		rowId,
		kind,
		id,
		start,
		end,
		startText,
		endText,
		number: '',
		name,
		level: 1,
		isPhase: false,
		expanded: null,
		duration: null,
		durationText: '',
		predecessors,
		progress: null,
		progressText: '',
		marker,
		editable
	});
	if (kind === 'deliverable') {
		const d = record as MissionPlan['deliverables'][number] | undefined;
		return other(d ? `L${d.number} · ${d.title}` : '', '◆', d !== undefined, tie(d));
	}
	if (kind === 'milestone') {
		const m = record as MissionPlan['milestones'][number] | undefined;
		return other(m?.name ?? '', '◇', false, tie(m));
	}
	return other((record as MissionPlan['tranches'][number] | undefined)?.label ?? '', '€', false);
}

type Tie = { anchorTaskId: string | null; anchorLagDays: number };
const sameTie = (a: Tie, b: Tie) => a.anchorTaskId === b.anchorTaskId && a.anchorLagDays === b.anchorLagDays;

/** A tie as the Prédécesseurs cell shows it: the task's number, and the working days after its end. */
export function formatTie(taskNumber: string, lagDays: number): string {
	return formatPredecessor({ row: taskNumber, type: 'FS', lag: lagDays, lagUnit: 'WORKING_DAYS' }).replace('FD', '');
}

/** Reads a tie typed in the Prédécesseurs cell of a deliverable or milestone: "4.1", "4.1+2j", "" (untied). */
export function parseTie(
	text: string,
	numbers: ReadonlyMap<string, string>
): { ok: true; taskId: string | null; lagDays: number } | { ok: false; message: string } {
	const parsed = parsePredecessors(text);
	if (!parsed.ok) return { ok: false, message: parsed.error };
	if (parsed.entries.length === 0) return { ok: true, taskId: null, lagDays: 0 };
	const [entry] = parsed.entries;
	if (parsed.entries.length > 1 || entry!.type !== 'FS' || (entry!.lag !== 0 && entry!.lagUnit !== 'WORKING_DAYS')) {
		return {
			ok: false,
			message: 'Rattachez-le à la fin d’une seule tâche, en jours ouvrés : « 4.1 » ou « 4.1+2j » (vide : détaché).'
		};
	}
	const taskId = [...numbers].find(([, number]) => number === entry!.row)?.[0];
	if (!taskId) return { ok: false, message: `Aucune ligne ne porte le numéro ${entry!.row}.` };
	return { ok: true, taskId, lagDays: entry!.lag };
}

/** Records that give the same table row (for the same chart row). */
function sameShown(kind: RowKind, a: AnyRecord | undefined, b: AnyRecord | undefined): boolean {
	if (a === b) return true;
	if (!a || !b) return false;
	if (kind === 'task') return sameDrawnTask(a as MissionPlan['tasks'][number], b as MissionPlan['tasks'][number]);
	if (kind === 'deliverable') {
		const [x, y] = [a, b] as MissionPlan['deliverables'][number][];
		return x!.number === y!.number && x!.title === y!.title && sameTie(x!, y!);
	}
	if (kind === 'milestone') {
		const [x, y] = [a, b] as MissionPlan['milestones'][number][];
		return x!.name === y!.name && sameTie(x!, y!);
	}
	return (a as MissionPlan['tranches'][number]).label === (b as MissionPlan['tranches'][number]).label;
}

/** Records that give the same rows, record for record. */
function sameRecords(a: MissionPlan, b: MissionPlan): boolean {
	const same = (kind: RowKind) => {
		const x = a[LISTS[kind]] as readonly AnyRecord[];
		const y = b[LISTS[kind]] as readonly AnyRecord[];
		return x === y || (x.length === y.length && x.every((r, i) => r.id === y[i]!.id && sameShown(kind, r, y[i])));
	};
	return same('task') && same('deliverable') && same('milestone') && same('tranche');
}

// The last list: the next edit starts from it.
let last: TableRowList | null = null;

export function tableRows(
	plan: MissionPlan,
	chartRows: readonly GanttTask[],
	numbers: ReadonlyMap<string, string>,
	folded: ReadonlySet<string>
): TableRowList {
	// Nothing the table shows changed: the same list (and the rows it built).
	if (
		last &&
		last.chartRows === chartRows &&
		last.numbers === numbers &&
		sameLinks(last.plan.dependencies, plan.dependencies) &&
		sameSet(last.folded, folded) &&
		sameRecords(last.plan, plan)
	)
		return last;
	last = new TableRowList(plan, chartRows, numbers, folded, last);
	return last;
}
