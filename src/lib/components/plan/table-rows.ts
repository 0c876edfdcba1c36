// The task table's rows: exactly the chart's rows (same order, same folded phases), with what each
// column shows. Pure, so the table and the chart can never disagree on which row is where.
import type { GanttTask } from 'frappe-gantt';
import { addWorkingDays, countWorkingDays, nextWorkingDayFrom } from '$lib/domain/calendar';
import type { IsoDate } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { parseRowId, type RowKind } from '$lib/components/gantt/gantt-rows';
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

export function tableRows(
	plan: MissionPlan,
	chartRows: readonly GanttTask[],
	numbers: ReadonlyMap<string, string>,
	folded: ReadonlySet<string>
): TableRow[] {
	const tasks = new Map(plan.tasks.map((t) => [t.id, t]));
	const withChildren = new Set(plan.tasks.filter((t) => t.parentId).map((t) => t.parentId!));
	const deliverables = new Map(plan.deliverables.map((d) => [d.id, d]));
	const milestones = new Map(plan.milestones.map((m) => [m.id, m]));
	const tranches = new Map(plan.tranches.map((t) => [t.id, t]));
	// Each task's incoming links, found once (a search per row took O(rows × links)).
	const incoming = new Map<string, MissionPlan['dependencies']>();
	for (const link of plan.dependencies) {
		const list = incoming.get(link.successorId) ?? [];
		list.push(link);
		incoming.set(link.successorId, list);
	}
	const out: TableRow[] = [];
	for (const chartRow of chartRows) {
		const row = parseRowId(chartRow.id);
		if (!row) continue;
		const base = { rowId: chartRow.id, ...row, start: chartRow.start, end: chartRow.end ?? chartRow.start };
		if (row.kind === 'task') {
			const task = tasks.get(row.id);
			if (!task) continue;
			const number = numbers.get(task.id) ?? '';
			out.push({
				...base,
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
			});
		} else if (row.kind === 'deliverable') {
			const d = deliverables.get(row.id);
			if (!d) continue;
			out.push({
				...base,
				number: '',
				name: `L${d.number} · ${d.title}`,
				level: 1,
				isPhase: false,
				expanded: null,
				duration: null,
				predecessors: '',
				progress: null,
				marker: '◆',
				editable: true
			});
		} else if (row.kind === 'milestone') {
			const m = milestones.get(row.id);
			if (!m) continue;
			out.push({
				...base,
				number: '',
				name: m.name,
				level: 1,
				isPhase: false,
				expanded: null,
				duration: null,
				predecessors: '',
				progress: null,
				marker: '◇',
				editable: false
			});
		} else {
			const t = tranches.get(row.id);
			out.push({
				...base,
				number: '',
				name: t?.label ?? '',
				level: 1,
				isPhase: false,
				expanded: null,
				duration: null,
				predecessors: '',
				progress: null,
				marker: '€',
				editable: false
			});
		}
	}
	return out;
}
