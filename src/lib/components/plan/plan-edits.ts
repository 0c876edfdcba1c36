// The plan editor's edits (PlanEditor's methods): what each sends and how each is undone. Loaded
// on the first interaction with the page or the first edit (plan-editor.svelte.ts): no page needs
// them to show itself, and each edit waits for the API, which is loaded the same way.
import { withMovedTasks, type MissionPlan, type TaskRow } from '$lib/domain/mission-plan';
import { addCalendarDays, type IsoDate } from '$lib/domain/dates';
import { placeTask } from '$lib/domain/task-placement';
import { parsePredecessors, type WantedLink } from './outline';
import type { PlanApi, Selection } from './plan-editor.svelte';

/** What an edit reads and changes of the editor. */
export interface EditorCore {
	plan: MissionPlan;
	selection: Selection;
	selectedLinkId: string | null;
	readonly numbers: ReadonlyMap<string, string>;
	readonly api: PlanApi;
	task(taskId: string): TaskRow | undefined;
	version(taskId: string): number;
}

/** How to undo and redo an edit once saved: both go through the API. */
export interface Undoable {
	undo: () => Promise<void>;
	redo: () => Promise<void>;
}

/** Thrown by an edit that nothing needs to save (the value did not change); told by its name. */
export class NothingToSave extends Error {
	override name = 'NothingToSave';
}

type Deleted = Awaited<ReturnType<PlanApi['plan']['deleteTask']['mutate']>>['deleted'];

// --- Tasks: dates, progress, name ---------------------------------------------------------

/** Moves or resizes a task: the answer holds only what changed. */
export async function moveTask(e: EditorCore, taskId: string, startDate: IsoDate, endDate: IsoDate): Promise<Undoable> {
	const tasksBefore = e.plan.tasks;
	const changed = await move(e, taskId, startDate, endDate);
	// Only the moved tasks are looked up (a map of every task cost ~1 ms a drag at 3 000).
	const moved = new Set(changed);
	const before = new Map(tasksBefore.filter((t) => moved.has(t.id)).map((t) => [t.id, t]));
	// Undo puts back the moved task, then each task it pushed (phases re-span by themselves).
	const restore = changed
		.filter((id) => before.get(id)?.kind === 'TASK')
		.map((id) => ({ id, startDate: before.get(id)!.startDate, endDate: before.get(id)!.endDate }));
	const redo = changed
		.filter((id) => before.get(id)?.kind === 'TASK')
		.map((id) => ({ id, startDate: e.task(id)!.startDate, endDate: e.task(id)!.endDate }));
	return {
		undo: async () => {
			for (const t of restore) await move(e, t.id, t.startDate, t.endDate);
		},
		redo: async () => {
			for (const t of redo) await move(e, t.id, t.startDate, t.endDate);
		}
	};
}

/**
 * Arrow keys on a bar: its dates shifted by calendar days from where the task is when the edit
 * runs (presses queue up behind the saves), placed on working days: a move keeps the working-day
 * duration, and a day off is left in the direction of the press.
 */
export async function shiftTask(e: EditorCore, taskId: string, startDays: number, endDays: number): Promise<Undoable> {
	const task = e.task(taskId);
	if (!task) throw new NothingToSave();
	const requested = { start: addCalendarDays(task.startDate, startDays), end: addCalendarDays(task.endDate, endDays) };
	if (requested.end < requested.start) throw new NothingToSave();
	const placed = placeTask({ start: task.startDate, end: task.endDate }, requested);
	return moveTask(e, taskId, placed.start, placed.end);
}

async function move(e: EditorCore, taskId: string, startDate: IsoDate, endDate: IsoDate): Promise<string[]> {
	const current = e.task(taskId);
	if (current && current.startDate === startDate && current.endDate === endDate) return [];
	const moved = await e.api.tasks.move.mutate({ taskId, startDate, endDate, expectedVersion: e.version(taskId) });
	// The whole answer: tasks, and the deliverables and milestones tied to them.
	e.plan = withMovedTasks(e.plan, moved);
	return moved.tasks.map((t) => t.id);
}

export async function updateTask<K extends 'name' | 'progress'>(
	e: EditorCore,
	taskId: string,
	field: K,
	value: TaskRow[K]
): Promise<Undoable> {
	const set = async (v: TaskRow[K]) => {
		e.plan = await e.api.tasks.update.mutate({ taskId, [field]: v, expectedVersion: e.version(taskId) });
	};
	const old = e.task(taskId)?.[field];
	if (old === undefined || old === value) throw new NothingToSave();
	await set(value);
	return { undo: () => set(old), redo: () => set(value) };
}

// --- Rows: delete, insert, indent, outdent, move --------------------------------------------

export async function deleteTask(e: EditorCore, taskId: string): Promise<Undoable> {
	let deleted = await remove(e, taskId);
	return {
		undo: () => restore(e, deleted),
		redo: async () => {
			deleted = await remove(e, taskId);
		}
	};
}

async function remove(e: EditorCore, taskId: string): Promise<Deleted> {
	const { deleted, plan } = await e.api.plan.deleteTask.mutate({ taskId, expectedVersion: e.version(taskId) });
	e.plan = plan;
	if (e.selection?.id === taskId) e.selection = null;
	return deleted;
}

async function restore(e: EditorCore, deleted: Deleted): Promise<void> {
	e.plan = await e.api.plan.restore.mutate({ missionId: e.plan.mission.id, ...deleted });
}

/** A new task below a row; it becomes the selection. Undo deletes it, redo puts it back. */
export async function insertBelow(e: EditorCore, taskId: string): Promise<Undoable> {
	const { id, plan } = await e.api.plan.insertBelow.mutate({ taskId });
	e.plan = plan;
	e.selection = { kind: 'task', id };
	let deleted: Deleted | undefined;
	return {
		undo: async () => {
			deleted = await remove(e, id);
		},
		redo: () => restore(e, deleted!)
	};
}

/** Where a row sits: its parent and the sibling just above it (how undo puts it back). */
function place(e: EditorCore, taskId: string): { parentId: string | null; afterTaskId: string | null } {
	const task = e.task(taskId)!;
	const siblings = e.plan.tasks.filter((t) => t.parentId === task.parentId);
	const at = siblings.findIndex((t) => t.id === taskId);
	return { parentId: task.parentId, afterTaskId: siblings[at - 1]?.id ?? null };
}

/** Indent, outdent, up or down: undo and redo put the row back where it was or went. */
export async function restructure(
	e: EditorCore,
	taskId: string,
	how: 'indent' | 'outdent' | 'UP' | 'DOWN'
): Promise<Undoable> {
	const before = place(e, taskId);
	const expectedVersion = e.version(taskId);
	const tasksBefore = new Map(e.plan.tasks.map((t) => [t.id, t]));
	e.plan =
		how === 'indent'
			? await e.api.plan.indent.mutate({ taskId, expectedVersion })
			: how === 'outdent'
				? await e.api.plan.outdent.mutate({ taskId, expectedVersion })
				: await e.api.plan.moveRow.mutate({ taskId, direction: how, expectedVersion });
	const after = place(e, taskId);
	// A task that became a summary row took its sub-tasks' dates: undo gives it back its own.
	const summarised = e.plan.tasks
		.filter((t) => t.kind === 'PHASE' && tasksBefore.get(t.id)?.kind === 'TASK')
		.map((t) => tasksBefore.get(t.id)!);
	const put = async (where: typeof before) => {
		e.plan = await e.api.plan.place.mutate({ taskId, ...where, expectedVersion: e.version(taskId) });
	};
	return {
		undo: async () => {
			await put(before);
			for (const t of summarised) {
				if (e.task(t.id)?.kind === 'TASK') await move(e, t.id, t.startDate, t.endDate);
			}
		},
		redo: () => put(after)
	};
}

// --- Links ----------------------------------------------------------------------------------

async function addLink(
	e: EditorCore,
	predecessorId: string,
	successorId: string,
	lagDays: number,
	kind: Pick<WantedLink, 'type' | 'lagUnit'> = { type: 'FS', lagUnit: 'WORKING_DAYS' }
): Promise<void> {
	e.plan = await e.api.tasks.link.mutate({
		predecessorId,
		successorId,
		lagDays,
		...kind,
		expectedVersion: e.version(successorId)
	});
}

async function removeLink(e: EditorCore, predecessorId: string, successorId: string): Promise<void> {
	const dependencyId = e.plan.dependencies.find(
		(l) => l.predecessorId === predecessorId && l.successorId === successorId
	)?.id;
	if (!dependencyId) return;
	e.plan = await e.api.tasks.unlink.mutate({ dependencyId, expectedVersion: e.version(successorId) });
	if (e.selectedLinkId === dependencyId) e.selectedLinkId = null;
}

export async function link(
	e: EditorCore,
	predecessorId: string,
	successorId: string,
	lagDays: number
): Promise<Undoable> {
	await addLink(e, predecessorId, successorId, lagDays);
	return {
		undo: () => removeLink(e, predecessorId, successorId),
		redo: () => addLink(e, predecessorId, successorId, lagDays)
	};
}

export async function unlink(e: EditorCore, link: MissionPlan['dependencies'][number]): Promise<Undoable> {
	const { predecessorId, successorId, lagDays, type, lagUnit } = link;
	await removeLink(e, predecessorId, successorId);
	return {
		undo: () => addLink(e, predecessorId, successorId, lagDays, { type, lagUnit }),
		redo: () => removeLink(e, predecessorId, successorId)
	};
}

/**
 * The predecessor cell read ("3; 2.4FD+2j; 5DD; 6FF-1jé"), or the French reason it cannot be:
 * every predecessor of the task is then replaced at once by tasks.setPredecessors.
 */
export function readPredecessors(e: EditorCore, taskId: string, text: string): WantedLink[] | string {
	const parsed = parsePredecessors(text, e.numbers);
	if (!parsed.ok) return parsed.message;
	if (parsed.links.some((l) => l.predecessorId === taskId)) return 'Une tâche ne peut pas dépendre d’elle-même.';
	return parsed.links;
}

/** All or nothing, version-checked, one undoable step. */
export async function setPredecessors(e: EditorCore, taskId: string, wanted: WantedLink[]): Promise<Undoable> {
	const current: WantedLink[] = e.plan.dependencies
		.filter((l) => l.successorId === taskId)
		.map(({ predecessorId, type, lagDays, lagUnit }) => ({ predecessorId, type, lagDays, lagUnit }));
	const key = (links: readonly WantedLink[]) =>
		links
			.map((l) => `${l.predecessorId} ${l.type} ${l.lagDays} ${l.lagUnit}`)
			.sort()
			.join('|');
	const set = async (predecessors: readonly WantedLink[]) => {
		e.plan = await e.api.tasks.setPredecessors.mutate({
			taskId,
			expectedVersion: e.version(taskId),
			predecessors: [...predecessors]
		});
	};
	if (key(current) === key(wanted)) throw new NothingToSave();
	await set(wanted);
	return { undo: () => set(current), redo: () => set(wanted) };
}

// --- Deliverables ---------------------------------------------------------------------------

export async function setDeliverableDate(
	e: EditorCore,
	deliverableId: string,
	plannedDate: IsoDate
): Promise<Undoable> {
	const deliverable = () => e.plan.deliverables.find((d) => d.id === deliverableId);
	const set = async (date: IsoDate) => {
		e.plan = await e.api.deliverables.update.mutate({
			deliverableId,
			plannedDate: date,
			expectedVersion: deliverable()?.version ?? 0
		});
	};
	const old = deliverable()?.plannedDate;
	if (!old || old === plannedDate) throw new NothingToSave();
	await set(plannedDate);
	return { undo: () => set(old), redo: () => set(plannedDate) };
}
