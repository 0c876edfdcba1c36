// Turns a mission plan into frappe-gantt rows: phases and tasks (editable), deliverables
// (their planned date, draggable), milestones and payment tranches (markers, read-only).
import type { GanttTask } from 'frappe-gantt';
import { formatDateFr } from '$lib/domain/dates';
import type { MissionPlan, TaskRow } from '$lib/domain/mission-plan';
import { formatPercent } from '$lib/domain/money';

export type RowKind = 'task' | 'deliverable' | 'milestone' | 'tranche';

export const ROW_PREFIX: Record<RowKind, string> = {
	task: 'task-',
	deliverable: 'deliverable-',
	milestone: 'milestone-',
	tranche: 'tranche-'
};

const PREFIXES = Object.entries(ROW_PREFIX) as [RowKind, string][];

/** Which record a chart row shows. */
export function parseRowId(rowId: string): { kind: RowKind; id: string } | null {
	for (const [kind, prefix] of PREFIXES) {
		if (rowId.startsWith(prefix)) return { kind, id: rowId.slice(prefix.length) };
	}
	return null;
}

/** frappe-gantt inserts names as HTML. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A tranche's finance state: shown at its payment due date once invoiced, coloured by status. */
export interface TrancheMarker {
	id: string;
	status: string;
	dueDate: string | null;
	statusLabel: string;
}

/**
 * Above this many tasks the chart opens with its phases folded: frappe-gantt draws every row as
 * SVG (the bare library takes seconds for 2 000 rows), and nobody reads 2 000 bars at once.
 */
export const FOLD_PHASES_ABOVE_TASKS = 200;

/** The phases (that have children) to fold when a plan opens. */
export function defaultFoldedPhases(plan: MissionPlan): Set<string> {
	if (plan.tasks.length <= FOLD_PHASES_ABOVE_TASKS) return new Set();
	return phasesWithChildren(plan);
}

export function phasesWithChildren(plan: MissionPlan): Set<string> {
	return new Set(plan.tasks.filter((t) => t.parentId).map((t) => t.parentId!));
}

/** Tasks inside a folded phase, at any depth. */
function hiddenTasks(plan: MissionPlan, folded: ReadonlySet<string>): Set<string> {
	const hidden = new Set<string>();
	if (folded.size === 0) return hidden;
	const parentOf = new Map(plan.tasks.map((t) => [t.id, t.parentId]));
	for (const task of plan.tasks) {
		for (let parent = task.parentId; parent; parent = parentOf.get(parent) ?? null) {
			if (folded.has(parent)) {
				hidden.add(task.id);
				break;
			}
		}
	}
	return hidden;
}

/** Same tasks in the same tree and order (their dates, names or progress may differ). */
export function sameTree(a: readonly TaskRow[], b: readonly TaskRow[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i += 1) {
		const x = a[i]!;
		const y = b[i]!;
		if (x !== y && (x.id !== y.id || x.parentId !== y.parentId || x.kind !== y.kind)) return false;
	}
	return true;
}

export function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
	if (a === b) return true;
	if (a.size !== b.size) return false;
	for (const x of a) if (!b.has(x)) return false;
	return true;
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
	if (a === b) return true;
	if (!a || !b || a.length !== b.length) return false;
	for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
	return true;
}

/** The same links, in the same order (a whole plan from the server has new objects for them). */
export function sameLinks(a: MissionPlan['dependencies'], b: MissionPlan['dependencies']): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i += 1) {
		const x = a[i]!;
		const y = b[i]!;
		if (
			x !== y &&
			(x.id !== y.id ||
				x.predecessorId !== y.predecessorId ||
				x.successorId !== y.successorId ||
				x.type !== y.type ||
				x.lagDays !== y.lagDays ||
				x.lagUnit !== y.lagUnit)
		)
			return false;
	}
	return true;
}

/** A task of the same tree that the chart and the table show the same way. */
export function sameDrawnTask(a: TaskRow, b: TaskRow): boolean {
	return (
		a === b ||
		(a.name === b.name && a.startDate === b.startDate && a.endDate === b.endDate && a.progress === b.progress)
	);
}

/** Two chart rows that draw the same thing. */
export function sameGanttRow(a: GanttTask, b: GanttTask): boolean {
	return (
		a.id === b.id &&
		a.name === b.name &&
		a.start === b.start &&
		a.end === b.end &&
		a.progress === b.progress &&
		a.custom_class === b.custom_class &&
		sameList(a.dependencies as string[] | undefined, b.dependencies as string[] | undefined)
	);
}

/**
 * The predecessors of a row that has none: one array for all of them (3 000 empty arrays were
 * ~50 KiB of the page's heap). Frozen: neither the library nor the chart adds to a row's list.
 */
const NO_PREDECESSORS = Object.freeze([]) as unknown as string[];

/** One build of the chart's rows, with what the next build can reuse. */
export interface GanttRowsBuild {
	plan: MissionPlan;
	markers: readonly TrancheMarker[];
	folded: ReadonlySet<string>;
	rows: GanttTask[];
	hidden: Set<string>;
	withChildren: Set<string>;
	predecessorsOf: Map<string, string[]>;
}

/**
 * The chart's rows, rebuilt from the previous build where the plan allows: after an edit that
 * keeps the tree, the links and the folded phases (a drag, a progress, a rename), only the tasks
 * whose objects changed are read again; every row whose content did not change is the previous
 * row object itself (and the rows array too when nothing changed), so that the table and the
 * chart redraw only what changed. Same result as a build from nothing.
 */
export function buildGanttRows(
	plan: MissionPlan,
	markers: readonly TrancheMarker[],
	folded: ReadonlySet<string>,
	prev: GanttRowsBuild | null = null
): GanttRowsBuild {
	const tree = prev !== null && sameSet(prev.folded, folded) && sameTree(prev.plan.tasks, plan.tasks);
	const hidden = tree ? prev.hidden : hiddenTasks(plan, folded);
	const withChildren = tree ? prev.withChildren : phasesWithChildren(plan);
	const links = tree && sameLinks(prev.plan.dependencies, plan.dependencies);
	let predecessorsOf = prev?.predecessorsOf ?? new Map<string, string[]>();
	if (!links) {
		predecessorsOf = new Map();
		for (const link of plan.dependencies) {
			// frappe-gantt cannot draw an arrow to a row it does not have.
			if (hidden.has(link.predecessorId) || hidden.has(link.successorId)) continue;
			const list = predecessorsOf.get(link.successorId) ?? [];
			list.push(ROW_PREFIX.task + link.predecessorId);
			predecessorsOf.set(link.successorId, list);
		}
	}
	// The previous rows by id, read only when a row has to be compared with its old self.
	let before: Map<string, GanttTask> | undefined;
	const previous = (id: string) => (before ??= new Map(prev?.rows.map((r) => [r.id, r]))).get(id);
	const rows: GanttTask[] = [];
	let reused = 0;
	const keep = (row: GanttTask) => {
		const old = prev ? previous(row.id) : undefined;
		if (old && sameGanttRow(old, row)) {
			if (prev!.rows[rows.length] === old) reused += 1;
			rows.push(old);
		} else rows.push(row);
	};
	const prevTasks = prev?.plan.tasks;
	for (let i = 0; i < plan.tasks.length; i += 1) {
		const task = plan.tasks[i]!;
		if (hidden.has(task.id)) continue;
		if (links && sameDrawnTask(prevTasks![i]!, task)) {
			// Same task, same tree, same links: the same row, at the same place.
			rows.push(prev!.rows[rows.length]!);
			reused += 1;
			continue;
		}
		const fold = withChildren.has(task.id) ? (folded.has(task.id) ? '▸ ' : '▾ ') : '';
		keep({
			id: ROW_PREFIX.task + task.id,
			name: escapeHtml(task.kind === 'PHASE' ? fold + task.name.toUpperCase() : task.name),
			start: task.startDate,
			end: task.endDate,
			progress: task.progress,
			dependencies: predecessorsOf.get(task.id) ?? NO_PREDECESSORS,
			custom_class: task.kind === 'PHASE' ? 'jalon-phase' : 'jalon-task'
		});
	}
	const markerById = new Map(markers.map((m) => [m.id, m]));
	for (const d of plan.deliverables) {
		const late = d.plannedDelayDays > 0;
		keep({
			id: ROW_PREFIX.deliverable + d.id,
			name: escapeHtml(
				`◆ L${d.number} · ${d.title} — échéance ${formatDateFr(d.contractualDeadline)}` +
					(late ? ` (prévu ${d.plannedDelayDays} j après)` : '')
			),
			start: d.plannedDate,
			end: d.plannedDate,
			progress: d.status === 'VALIDATED' ? 100 : 0,
			custom_class: late ? 'jalon-deliverable-late' : 'jalon-deliverable'
		});
	}
	for (const m of plan.milestones) {
		keep({
			id: ROW_PREFIX.milestone + m.id,
			name: escapeHtml(`${m.isWeek ? '' : '◇ '}${m.name} — ${m.dateLabel}`),
			start: m.date,
			end: m.endDate,
			progress: 0,
			custom_class: m.isWeek ? 'jalon-week' : 'jalon-milestone'
		});
	}
	for (const t of plan.tranches) {
		const marker = markerById.get(t.id);
		const date = marker?.dueDate ?? t.expectedDate;
		if (!date) continue;
		keep({
			id: ROW_PREFIX.tranche + t.id,
			name: escapeHtml(`€ ${t.label} (${formatPercent(t.percentBp)})${marker ? ` — ${marker.statusLabel}` : ''}`),
			start: date,
			end: date,
			progress: 0,
			custom_class: `jalon-tranche-${(marker?.status ?? t.status).toLowerCase().replace('_', '-')}`
		});
	}
	// Nothing changed: the same array, so that nothing downstream runs again.
	const same = prev !== null && reused === rows.length && rows.length === prev.rows.length;
	return { plan, markers, folded, rows: same ? prev.rows : rows, hidden, withChildren, predecessorsOf };
}

// The last build: the page and the chart ask for the same rows (one build for both), and the
// next edit starts from it.
let last: GanttRowsBuild | null = null;

export function ganttRows(
	plan: MissionPlan,
	trancheMarkers: readonly TrancheMarker[] = [],
	folded: ReadonlySet<string> = new Set()
): GanttTask[] {
	if (last && last.plan === plan && sameList(last.markers, trancheMarkers) && sameSet(last.folded, folded))
		return last.rows;
	last = buildGanttRows(plan, trancheMarkers, folded, last);
	return last.rows;
}
