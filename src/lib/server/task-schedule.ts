// Applies a task edit to a mission's schedule inside a transaction: checks the edited tasks
// against their predecessors, pushes successors, re-spans phases, and writes what changed.
// Synchronous on the connection (prepared statements): dragging a bar is the hottest write.
import { addCalendarDays, daysBetween, type IsoDate } from '$lib/domain/dates';
import {
	brokenPredecessorLink,
	phaseSpan,
	pushDownstream,
	type FinishToStart,
	type LinkIndex,
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

/**
 * A mission's tasks and links, indexed for edits: a drag looks up only what it moves, pushes and
 * re-spans. After a commit, `apply` brings it up to date, so it can stay cached between drags.
 */
export class MissionSchedule implements LinkIndex {
	readonly #byId = new Map<string, TaskState>();
	readonly #position = new Map<string, number>();
	readonly #children = new Map<string, TaskState[]>();
	readonly #predecessors = new Map<string, FinishToStart[]>();
	readonly #successors = new Map<string, FinishToStart[]>();

	/** `tasks` in outline order. */
	constructor(tasks: readonly TaskState[], links: readonly FinishToStart[]) {
		tasks.forEach((task, index) => {
			this.#byId.set(task.id, { ...task });
			this.#position.set(task.id, index);
		});
		for (const task of this.#byId.values()) if (task.parentId) push(this.#children, task.parentId, task);
		for (const link of links) {
			push(this.#predecessors, link.successorId, link);
			push(this.#successors, link.predecessorId, link);
		}
	}

	static read(sqlite: SqliteAccess, missionId: string): MissionSchedule {
		return new MissionSchedule(
			sqlite.statement(SQL.tasks).all(missionId) as TaskState[],
			sqlite.statement(SQL.links).all(missionId) as FinishToStart[]
		);
	}

	task(id: string): Readonly<TaskState> | undefined {
		return this.#byId.get(id);
	}

	taskIds(): IterableIterator<string> {
		return this.#byId.keys();
	}

	childrenOf(id: string): readonly TaskState[] {
		return this.#children.get(id) ?? [];
	}

	predecessorsOf(id: string): readonly FinishToStart[] {
		return this.#predecessors.get(id) ?? [];
	}

	successorsOf(id: string): readonly FinishToStart[] {
		return this.#successors.get(id) ?? [];
	}

	/** Position in the outline, to report changes in reading order. */
	position(id: string): number {
		return this.#position.get(id) ?? Number.MAX_SAFE_INTEGER;
	}

	descendantsOf(id: string): TaskState[] {
		const out: TaskState[] = [];
		const stack = [id];
		while (stack.length > 0) {
			for (const child of this.childrenOf(stack.pop()!)) {
				out.push(child);
				stack.push(child.id);
			}
		}
		return out;
	}

	/** Committed changes, applied to this copy. */
	apply(changes: readonly DateChange[]): void {
		for (const change of changes) {
			const task = this.#byId.get(change.id);
			if (task) Object.assign(task, change.after);
		}
	}
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
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
	return withSqlite(tx, (sqlite) =>
		rescheduleTaskOn(sqlite, taskId, requested, MissionSchedule.read(sqlite, missionId))
	);
}

/** Where a mission's schedule is cached between two drags (see SqliteAccess.keepPending). */
export const scheduleCacheKey = (missionId: string) => `schedule:${missionId}`;

/**
 * The same, on a connection the caller holds inside a transaction. Writes the changes and
 * returns them; `schedule` itself is left as it was (apply the changes once committed).
 */
export function rescheduleTaskOn(
	sqlite: SqliteAccess,
	taskId: string,
	requested: { startDate: IsoDate; endDate: IsoDate },
	schedule: MissionSchedule
): DateChange[] {
	if (requested.endDate < requested.startDate) {
		throw new AppError('END_BEFORE_START', 'La date de fin doit être postérieure ou égale à la date de début.');
	}
	const target = schedule.task(taskId);
	if (!target) throw new AppError('NOT_FOUND', 'Tâche introuvable.');

	// New dates by task id, over the schedule as it stands.
	const dates = new Map<string, { startDate: IsoDate; endDate: IsoDate }>();
	const scheduled = (id: string): ScheduledTask | undefined => {
		const task = schedule.task(id);
		if (!task) return undefined;
		const moved = dates.get(id);
		return { id, name: task.name, start: moved?.startDate ?? task.startDate, end: moved?.endDate ?? task.endDate };
	};

	const children = schedule.descendantsOf(taskId);
	if (target.kind === 'PHASE' && children.length > 0) {
		const shift = daysBetween(target.startDate, requested.startDate);
		for (const child of children) {
			dates.set(child.id, {
				startDate: addCalendarDays(child.startDate, shift),
				endDate: addCalendarDays(child.endDate, shift)
			});
		}
	} else {
		dates.set(taskId, { ...requested });
	}

	const movedIds = new Set(dates.keys());
	for (const id of movedIds) {
		// Links inside a moved phase move with it; only links from outside can be broken.
		const external = schedule.predecessorsOf(id).filter((l) => !movedIds.has(l.predecessorId));
		const broken = brokenPredecessorLink(scheduled(id)!, { get: scheduled }, external);
		if (broken) throw new AppError('PREDECESSOR_CONSTRAINT', broken);
	}

	for (const pushed of pushDownstream(movedIds, scheduled, schedule)) {
		dates.set(pushed.id, { startDate: pushed.start, endDate: pushed.end });
	}
	respanAncestors(schedule, dates);

	const changed: DateChange[] = [];
	for (const [id, after] of [...dates].sort(([a], [b]) => schedule.position(a) - schedule.position(b))) {
		const before = schedule.task(id)!;
		if (before.startDate === after.startDate && before.endDate === after.endDate) continue;
		changed.push({ id, before: { startDate: before.startDate, endDate: before.endDate }, after });
		sqlite.statement(SQL.moveTask).run(after.startDate, after.endDate, id);
	}
	return changed;
}

/**
 * Phases containing any of `below` (by default the tasks whose dates changed) take the span of
 * their children, innermost first; their new dates go into `dates`.
 */
function respanAncestors(
	schedule: MissionSchedule,
	dates: Map<string, { startDate: IsoDate; endDate: IsoDate }>,
	below: Iterable<string> = [...dates.keys()]
) {
	const depth = new Map<string, number>();
	for (const id of below) {
		let level = 0;
		for (let parent = schedule.task(id)?.parentId; parent; parent = schedule.task(parent)?.parentId) {
			level += 1;
			depth.set(parent, Math.max(depth.get(parent) ?? 0, level));
		}
	}
	// Farther from a changed task is higher in the outline: respan from the innermost up.
	for (const phaseId of [...depth.keys()].sort((a, b) => depth.get(a)! - depth.get(b)!)) {
		const span = phaseSpan(
			schedule.childrenOf(phaseId).map((child) => {
				const moved = dates.get(child.id);
				return { start: moved?.startDate ?? child.startDate, end: moved?.endDate ?? child.endDate };
			})
		);
		if (span) dates.set(phaseId, { startDate: span.start, endDate: span.end });
	}
}

/** Re-spans the phases of a mission after tasks were added, removed or re-parented. */
export function respanMissionPhases(tx: Tx, missionId: string): Promise<void> {
	return withSqlite(tx, (sqlite) => {
		const schedule = MissionSchedule.read(sqlite, missionId);
		const dates = new Map<string, { startDate: IsoDate; endDate: IsoDate }>();
		respanAncestors(schedule, dates, schedule.taskIds());
		for (const [id, span] of dates) {
			const task = schedule.task(id)!;
			if (task.startDate !== span.startDate || task.endDate !== span.endDate) {
				sqlite.statement(SQL.respanTask).run(span.startDate, span.endDate, id);
			}
		}
	});
}
