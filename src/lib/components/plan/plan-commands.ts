// What the plan view does with a saved cell, a keyboard move of a bar and a row command (delete,
// insert, indent, outdent, up, down). Loaded on the first interaction (PlanView.svelte): nothing
// here is needed to show the plan, and each of these waits for the API anyway.
import { tick } from 'svelte';
import { addWorkingDays, nextWorkingDayFrom } from '$lib/domain/calendar';
import { addCalendarDays, type IsoDate } from '$lib/domain/dates';
import { moveTask, resizeTask } from '$lib/domain/task-placement';
import type { RowKind } from '$lib/components/gantt/gantt-rows';
import type { PlanEditor } from './plan-editor.svelte';
import { parseTie, type Column, type TableRow, type TableRowList } from './table-rows';

export type RowCommand = 'delete' | 'insert' | 'indent' | 'outdent' | 'up' | 'down';

/** What a row command needs of the view. */
export interface CommandView {
	editor: PlanEditor;
	rows: TableRowList;
	/** The row that takes the focus (the one below a deleted row, an inserted one). */
	setActive(rowId: string): void;
	/** Opens the name of a row in the table for typing. */
	editName(rowId: string): Promise<void> | undefined;
}

/** The end date that gives `days` working days from `start` (a start on a day off counts from the next working day). */
export function endForDuration(start: IsoDate, days: number): IsoDate {
	return addWorkingDays(nextWorkingDayFrom(start), days - 1);
}

const END_BEFORE_START = 'La date de fin doit être postérieure ou égale à la date de début.';

function wholeNumber(value: string, min: number, max: number, label: string): number | string {
	const text = value.replace(/[%j\s]/g, '');
	if (!/^\d+$/.test(text)) return `${label} : nombre entier attendu.`;
	const n = Number(text);
	if (n < min || n > max) return `${label} : entre ${min} et ${max}.`;
	return n;
}

/** Saves a table cell; answers the French reason when refused. */
export async function saveCell(
	editor: PlanEditor,
	row: TableRow,
	column: Column,
	value: string
): Promise<string | null> {
	const plan = editor.plan;
	if ((row.kind === 'deliverable' || row.kind === 'milestone') && column === 'predecessors')
		return saveTie(editor, row, value);
	if (row.kind === 'deliverable') {
		if (column === 'start') return editor.setDeliverableDate(row.id, value);
		const deliverable = plan.deliverables.find((d) => d.id === row.id);
		return editor.run((api) =>
			api.deliverables.update.mutate({
				deliverableId: row.id,
				title: value,
				expectedVersion: deliverable?.version ?? 0
			})
		);
	}
	const task = editor.task(row.id);
	if (!task) return 'Cette tâche n’existe plus.';
	switch (column) {
		case 'name':
			return editor.rename(task.id, value);
		case 'start': {
			// A new start moves the task: same working-day duration, on a working day.
			const moved = moveTask({ start: task.startDate, end: task.endDate }, value);
			return editor.moveTask(task.id, moved.start, moved.end);
		}
		case 'end': {
			if (value < task.startDate) return END_BEFORE_START;
			const resized = resizeTask({ start: task.startDate, end: task.endDate }, { start: task.startDate, end: value });
			return editor.moveTask(task.id, resized.start, resized.end);
		}
		case 'duration': {
			const days = wholeNumber(value, 1, 2000, 'La durée');
			if (typeof days === 'string') return days;
			return editor.moveTask(task.id, task.startDate, endForDuration(task.startDate, days));
		}
		case 'predecessors':
			return editor.savePredecessors(task.id, value);
		case 'progress': {
			const progress = wholeNumber(value, 0, 100, 'L’avancement');
			if (typeof progress === 'string') return progress;
			return editor.setProgress(task.id, progress);
		}
		default:
			return null;
	}
}

/** A deliverable or milestone tied to a task's end ("4.1+2j") or untied (empty), from the table. */
function saveTie(editor: PlanEditor, row: TableRow, value: string): Promise<string | null> | string {
	const tie = parseTie(value, editor.numbers);
	if (!tie.ok) return tie.message;
	const fields = { anchorTaskId: tie.taskId, anchorLagDays: tie.lagDays };
	if (row.kind === 'deliverable') {
		const version = editor.plan.deliverables.find((d) => d.id === row.id)?.version ?? 0;
		return editor.run((api) =>
			api.deliverables.update.mutate({ deliverableId: row.id, ...fields, expectedVersion: version })
		);
	}
	const version = editor.plan.milestones.find((m) => m.id === row.id)?.version ?? 0;
	return editor.run((api) =>
		api.milestones.update.mutate({ milestoneId: row.id, ...fields, expectedVersion: version })
	);
}

/** Arrows on a focused bar: by a day (its end only with Shift). */
export function keyMove(
	editor: PlanEditor,
	row: { kind: RowKind; id: string },
	startDays: number,
	endDays: number
): void {
	if (row.kind === 'deliverable') {
		const d = editor.plan.deliverables.find((x) => x.id === row.id);
		if (d) void editor.setDeliverableDate(d.id, addCalendarDays(d.plannedDate, startDays));
		return;
	}
	const task = editor.task(row.id);
	if (!task || task.kind === 'PHASE') return;
	void editor.shiftTask(task.id, startDays, endDays);
}

async function deleteRow(view: CommandView, taskId: string) {
	const { editor, rows } = view;
	const task = editor.task(taskId);
	if (!task) return;
	const children = editor.subtreeSize(taskId) - 1;
	if (task.kind === 'PHASE' || children > 0) {
		// Below the top level, a row with sub-tasks is a summary task (domain/outline.ts).
		const what = task.parentId ? 'la tâche récapitulative' : 'la phase';
		const question =
			children > 0
				? `Supprimer ${what} « ${task.name} » et les ${children} tâche(s) qu’elle contient ?`
				: `Supprimer ${what} « ${task.name} » ?`;
		if (!confirm(question)) return;
	}
	// The row below takes the focus.
	const index = rows.indexOf(`task-${taskId}`);
	await editor.deleteTask(taskId);
	// The rows after the delete (the view's, once redrawn).
	const after = view.rows;
	const next = after.rowIdAt(Math.min(index, after.length - 1));
	if (next) view.setActive(next);
}

export async function command(view: CommandView, row: TableRow, what: RowCommand): Promise<void> {
	const { editor } = view;
	const plan = editor.plan;
	if (row.kind === 'deliverable' && what === 'delete') {
		const d = plan.deliverables.find((x) => x.id === row.id);
		if (d && confirm(`Supprimer le livrable ${d.number} « ${d.title} » ?`)) {
			await editor.run((api) => api.deliverables.delete.mutate({ deliverableId: d.id }));
		}
		return;
	}
	if (row.kind === 'milestone' && what === 'delete') {
		const m = plan.milestones.find((x) => x.id === row.id);
		if (m && confirm(`Supprimer le jalon « ${m.name} » ?`)) {
			await editor.run((api) => api.milestones.delete.mutate({ milestoneId: m.id }));
		}
		return;
	}
	if (row.kind !== 'task') return;
	if (what === 'delete') return deleteRow(view, row.id);
	if (what === 'insert') {
		await editor.insertBelow(row.id);
		if (editor.selection?.kind === 'task') {
			const rowId = `task-${editor.selection.id}`;
			view.setActive(rowId);
			await tick();
			await view.editName(rowId);
		}
		return;
	}
	if (what === 'indent') await editor.indent(row.id);
	else if (what === 'outdent') await editor.outdent(row.id);
	else await editor.moveRow(row.id, what === 'up' ? 'UP' : 'DOWN');
}
