// Applies a task edit to a mission's schedule inside a transaction: checks the edited tasks
// against their predecessors, pushes successors, re-spans phases, and writes what changed.
// Synchronous on the connection (prepared statements): dragging a bar is the hottest write.
import { addCalendarDays, daysBetween, type IsoDate } from '$lib/domain/dates';
import {
	brokenPredecessorLink,
	phaseSpan,
	pushSuccessors,
	type FinishToStart,
	type ScheduledTask
} from '$lib/domain/schedule';
import { withSqlite, type SqliteAccess } from './db';
import type { Prisma } from './generated/prisma/client';
import { AppError } from './trpc/trpc';

type Tx = Prisma.TransactionClient;

const SQL = {
	tasks: 'SELECT id, parentId, kind, name, startDate, endDate FROM "Task" WHERE missionId = ? ORDER BY sortOrder',
	links: 'SELECT predecessorId, successorId, lagDays FROM "Dependency" WHERE missionId = ?',
	moveTask: 'UPDATE "Task" SET startDate = ?, endDate = ?, version = version + 1 WHERE id = ?',
	// Re-spanning a phase after a structural change is not an edit of the phase: no new version.
	respanTask: 'UPDATE "Task" SET startDate = ?, endDate = ? WHERE id = ?'
};

/** A task whose dates an edit changed (the task itself, pushed successors, re-spanned phases). */
export interface DateChange {
	id: string;
	before: { startDate: IsoDate; endDate: IsoDate };
	after: { startDate: IsoDate; endDate: IsoDate };
}

interface TaskState {
	id: string;
	parentId: string | null;
	kind: 'PHASE' | 'TASK';
	name: string;
	startDate: IsoDate;
	endDate: IsoDate;
}

function descendantsOf(taskId: string, tasks: readonly TaskState[]): TaskState[] {
	const out: TaskState[] = [];
	const stack = [taskId];
	while (stack.length > 0) {
		const parent = stack.pop()!;
		for (const task of tasks) {
			if (task.parentId === parent) {
				out.push(task);
				stack.push(task.id);
			}
		}
	}
	return out;
}

/**
 * Moves or resizes one task. A phase moves with everything in it (its span always follows its
 * children); a leaf task may not start before its predecessors allow; its successors are pushed.
 * Returns every task whose dates changed, before and after.
 */
export function rescheduleTask(
	tx: Tx,
	missionId: string,
	taskId: string,
	requested: { startDate: IsoDate; endDate: IsoDate }
): Promise<DateChange[]> {
	return withSqlite(
		tx,
		(sqlite) => rescheduleTaskOn(sqlite, taskId, requested, readSchedule(sqlite, missionId)).changes
	);
}

/** What scheduling needs of a mission: its tasks (outline order) and links. */
export interface MissionSchedule {
	tasks: readonly TaskState[];
	links: readonly FinishToStart[];
}

export function readSchedule(sqlite: SqliteAccess, missionId: string): MissionSchedule {
	return {
		tasks: sqlite.statement(SQL.tasks).all(missionId) as TaskState[],
		links: sqlite.statement(SQL.links).all(missionId) as FinishToStart[]
	};
}

/** Where a mission's schedule is cached between two drags (see SqliteAccess.keep). */
export const scheduleCacheKey = (missionId: string) => `schedule:${missionId}`;

/**
 * The same, on a connection the caller holds inside a transaction, from the mission's current
 * schedule. Returns the changes (written) and the schedule after them.
 */
export function rescheduleTaskOn(
	sqlite: SqliteAccess,
	taskId: string,
	requested: { startDate: IsoDate; endDate: IsoDate },
	schedule: MissionSchedule
): { changes: DateChange[]; after: MissionSchedule } {
	if (requested.endDate < requested.startDate) {
		throw new AppError('END_BEFORE_START', 'La date de fin doit être postérieure ou égale à la date de début.');
	}
	const { tasks: rows, links } = schedule;
	// Working copies; `rows` stays as it was (it may be the cached schedule).
	const tasks = new Map<string, TaskState>(rows.map((r) => [r.id, { ...r }]));
	const target = tasks.get(taskId);
	if (!target) throw new AppError('NOT_FOUND', 'Tâche introuvable.');

	const moved: TaskState[] = [];
	const children = descendantsOf(taskId, rows);
	if (target.kind === 'PHASE' && children.length > 0) {
		const shift = daysBetween(target.startDate, requested.startDate);
		for (const child of children) {
			const state = tasks.get(child.id)!;
			state.startDate = addCalendarDays(state.startDate, shift);
			state.endDate = addCalendarDays(state.endDate, shift);
			moved.push(state);
		}
	} else {
		target.startDate = requested.startDate;
		target.endDate = requested.endDate;
		moved.push(target);
	}

	const asScheduled = (t: TaskState): ScheduledTask => ({ id: t.id, name: t.name, start: t.startDate, end: t.endDate });
	const scheduled = new Map([...tasks.values()].map((t) => [t.id, asScheduled(t)]));
	const movedIds = new Set(moved.map((t) => t.id));
	// Links inside a moved phase move with it; only links from outside can be broken.
	const external = links.filter((l) => !movedIds.has(l.predecessorId));
	for (const task of moved) {
		const broken = brokenPredecessorLink(asScheduled(task), scheduled, external);
		if (broken) throw new AppError('PREDECESSOR_CONSTRAINT', broken);
	}

	for (const pushed of pushSuccessors([...scheduled.values()], links, movedIds)) {
		const state = tasks.get(pushed.id)!;
		state.startDate = pushed.start;
		state.endDate = pushed.end;
	}
	respanPhases(tasks);

	const changed: DateChange[] = [];
	for (const before of rows) {
		const task = tasks.get(before.id)!;
		if (before.startDate === task.startDate && before.endDate === task.endDate) continue;
		changed.push({
			id: task.id,
			before: { startDate: before.startDate, endDate: before.endDate },
			after: { startDate: task.startDate, endDate: task.endDate }
		});
		sqlite.statement(SQL.moveTask).run(task.startDate, task.endDate, task.id);
	}
	return { changes: changed, after: { tasks: [...tasks.values()], links } };
}

/** Sets each phase's dates to the span of its children, innermost phases first. */
export function respanPhases(tasks: Map<string, TaskState>): void {
	const childrenOf = new Map<string, TaskState[]>();
	for (const task of tasks.values()) {
		if (!task.parentId) continue;
		const siblings = childrenOf.get(task.parentId);
		if (siblings) siblings.push(task);
		else childrenOf.set(task.parentId, [task]);
	}
	const depth = (t: TaskState): number => (t.parentId ? 1 + depth(tasks.get(t.parentId)!) : 0);
	const phases = [...tasks.values()].filter((t) => t.kind === 'PHASE').sort((a, b) => depth(b) - depth(a));
	for (const phase of phases) {
		const span = phaseSpan((childrenOf.get(phase.id) ?? []).map((t) => ({ start: t.startDate, end: t.endDate })));
		if (span) {
			phase.startDate = span.start;
			phase.endDate = span.end;
		}
	}
}

/** Re-spans the phases of a mission after tasks were added, removed or re-parented. */
export function respanMissionPhases(tx: Tx, missionId: string): Promise<void> {
	return withSqlite(tx, (sqlite) => {
		const rows = sqlite.statement(SQL.tasks).all(missionId) as TaskState[];
		const tasks = new Map<string, TaskState>(rows.map((r) => [r.id, { ...r }]));
		respanPhases(tasks);
		for (const row of rows) {
			const task = tasks.get(row.id)!;
			if (task.startDate !== row.startDate || task.endDate !== row.endDate) {
				sqlite.statement(SQL.respanTask).run(task.startDate, task.endDate, row.id);
			}
		}
	});
}
