// Turns a mission plan into frappe-gantt rows: phases and tasks (editable), deliverables
// (their planned date, draggable), milestones and payment tranches (markers, read-only).
import type { GanttTask } from 'frappe-gantt';
import { formatDateFr } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { formatPercent } from '$lib/domain/money';

export type RowKind = 'task' | 'deliverable' | 'milestone' | 'tranche';

export const ROW_PREFIX: Record<RowKind, string> = {
	task: 'task-',
	deliverable: 'deliverable-',
	milestone: 'milestone-',
	tranche: 'tranche-'
};

/** Which record a chart row shows. */
export function parseRowId(rowId: string): { kind: RowKind; id: string } | null {
	for (const [kind, prefix] of Object.entries(ROW_PREFIX) as [RowKind, string][]) {
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

export function ganttRows(
	plan: MissionPlan,
	trancheMarkers: readonly TrancheMarker[] = [],
	folded: ReadonlySet<string> = new Set()
): GanttTask[] {
	const markerById = new Map(trancheMarkers.map((m) => [m.id, m]));
	const rows: GanttTask[] = [];
	const hidden = hiddenTasks(plan, folded);
	const withChildren = phasesWithChildren(plan);
	const predecessorsOf = new Map<string, string[]>();
	for (const link of plan.dependencies) {
		// frappe-gantt cannot draw an arrow to a row it does not have.
		if (hidden.has(link.predecessorId) || hidden.has(link.successorId)) continue;
		const list = predecessorsOf.get(link.successorId) ?? [];
		list.push(ROW_PREFIX.task + link.predecessorId);
		predecessorsOf.set(link.successorId, list);
	}
	for (const task of plan.tasks) {
		if (hidden.has(task.id)) continue;
		const fold = withChildren.has(task.id) ? (folded.has(task.id) ? '▸ ' : '▾ ') : '';
		rows.push({
			id: ROW_PREFIX.task + task.id,
			name: escapeHtml(task.kind === 'PHASE' ? fold + task.name.toUpperCase() : task.name),
			start: task.startDate,
			end: task.endDate,
			progress: task.progress,
			dependencies: predecessorsOf.get(task.id) ?? [],
			custom_class: task.kind === 'PHASE' ? 'jalon-phase' : 'jalon-task'
		});
	}
	for (const d of plan.deliverables) {
		const late = d.plannedDelayDays > 0;
		rows.push({
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
		rows.push({
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
		rows.push({
			id: ROW_PREFIX.tranche + t.id,
			name: escapeHtml(`€ ${t.label} (${formatPercent(t.percentBp)})${marker ? ` — ${marker.statusLabel}` : ''}`),
			start: date,
			end: date,
			progress: 0,
			custom_class: `jalon-tranche-${(marker?.status ?? t.status).toLowerCase().replace('_', '-')}`
		});
	}
	return rows;
}
