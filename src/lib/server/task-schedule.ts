// Applies a task edit to a mission's schedule inside a transaction: checks the edited tasks
// against their predecessors, pushes successors (every link type, working-day durations),
// re-spans phases, moves the deliverables and milestones tied to a moved task, and writes what
// changed.
// Synchronous on the connection (prepared statements): dragging a bar is the hottest write.
import { nextWorkingDayFrom } from '$lib/domain/calendar';
import { addCalendarDays, mondayOf, type IsoDate } from '$lib/domain/dates';
import { anchoredDate } from '$lib/domain/deliverables';
import { planMilestone, type MilestoneRow } from '$lib/domain/mission-plan';
import {
	brokenPredecessorLink,
	phaseSpan,
	pushDownstream,
	type LinkIndex,
	type ScheduledTask,
	type ScheduleLink
} from '$lib/domain/schedule';
import { moveTask, placeTask, shiftByWorkingDays, workingDaysFrom } from '$lib/domain/task-placement';
import { withSqlite, type SqliteAccess } from './db';
import { SCHEDULE_SQL as SQL } from './sqlite/queries/schedule';
import type { Prisma } from './generated/prisma/client';
import { AppError } from './trpc/trpc';

type Tx = Prisma.TransactionClient;

/** A task whose dates an edit changed (the task itself, pushed successors, re-spanned phases). */
export interface DateChange {
	id: string;
	before: { startDate: IsoDate; endDate: IsoDate };
	after: { startDate: IsoDate; endDate: IsoDate };
}

/** A deliverable or milestone whose planned date an edit moved, because it is tied to a task. */
export interface AnchorChange {
	objectType: 'deliverable' | 'milestone';
	id: string;
	before: { plannedDate: IsoDate | null };
	after: { plannedDate: IsoDate };
}

/** What an edit changed: task dates, and the planned dates of what is tied to the tasks. */
export interface Rescheduled {
	tasks: DateChange[];
	anchors: AnchorChange[];
}

interface Anchored {
	objectType: 'deliverable' | 'milestone';
	id: string;
	anchorTaskId: string;
	anchorLagDays: number;
	plannedDate: IsoDate | null;
}

/** A milestone that is the predecessor of a task: a node of the schedule, never pushed itself. */
interface MilestoneNode {
	id: string;
	name: string;
	isWeek: boolean;
	/** Its day, or the Monday to Friday of its week. */
	startDate: IsoDate;
	endDate: IsoDate;
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
	readonly #predecessors = new Map<string, ScheduleLink[]>();
	readonly #successors = new Map<string, ScheduleLink[]>();
	readonly #anchored = new Map<string, Anchored[]>();
	readonly #anchoredById = new Map<string, Anchored>();

	/** `tasks` in outline order. */
	readonly #milestones = new Map<string, MilestoneNode>();

	constructor(
		tasks: readonly TaskState[],
		links: readonly ScheduleLink[],
		anchored: readonly Anchored[] = [],
		milestones: readonly MilestoneNode[] = []
	) {
		for (const milestone of milestones) this.#milestones.set(milestone.id, { ...milestone });
		tasks.forEach((task, index) => {
			this.#byId.set(task.id, { ...task });
			this.#position.set(task.id, index);
		});
		for (const task of this.#byId.values()) if (task.parentId) push(this.#children, task.parentId, task);
		for (const link of links) {
			push(this.#predecessors, link.successorId, link);
			push(this.#successors, link.predecessorId, link);
		}
		for (const item of anchored) {
			const copy = { ...item };
			push(this.#anchored, item.anchorTaskId, copy);
			this.#anchoredById.set(`${item.objectType}:${item.id}`, copy);
		}
	}

	static read(sqlite: SqliteAccess, missionId: string): MissionSchedule {
		const anchored = (objectType: Anchored['objectType'], sql: string) =>
			(sqlite.statement(sql).all(missionId) as Omit<Anchored, 'objectType'>[]).map((row) => ({ ...row, objectType }));
		// Milestones are read only when one of them leads a task (rare; their dates need the rule).
		const milestoneLinks = sqlite.statement(SQL.milestoneLinks).all(missionId) as ScheduleLink[];
		let milestones: MilestoneNode[] = [];
		if (milestoneLinks.length > 0) {
			const { kickoffDate } = sqlite.statement(SQL.kickoff).get(missionId) as { kickoffDate: IsoDate };
			milestones = (sqlite.statement(SQL.milestones).all(missionId) as Record<string, unknown>[]).map((row) => {
				const planned = planMilestone({ ...row, isWeek: row.isWeek === 1 } as unknown as MilestoneRow, kickoffDate);
				return {
					id: planned.id,
					name: planned.name,
					isWeek: planned.isWeek,
					startDate: planned.date,
					endDate: planned.endDate
				};
			});
		}
		return new MissionSchedule(
			sqlite.statement(SQL.tasks).all(missionId) as TaskState[],
			[...(sqlite.statement(SQL.links).all(missionId) as ScheduleLink[]), ...milestoneLinks],
			[...anchored('deliverable', SQL.anchoredDeliverables), ...anchored('milestone', SQL.anchoredMilestones)],
			milestones
		);
	}

	milestoneIds(): IterableIterator<string> {
		return this.#milestones.keys();
	}

	/** A milestone leading some task, by id. */
	milestone(id: string): Readonly<MilestoneNode> | undefined {
		return this.#milestones.get(id);
	}

	/** The deliverables and milestones tied to a task. */
	anchoredTo(taskId: string): readonly Anchored[] {
		return this.#anchored.get(taskId) ?? [];
	}

	allAnchored(): IterableIterator<Anchored> {
		return this.#anchoredById.values();
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

	predecessorsOf(id: string): readonly ScheduleLink[] {
		return this.#predecessors.get(id) ?? [];
	}

	successorsOf(id: string): readonly ScheduleLink[] {
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
	apply(changes: Rescheduled): void {
		for (const change of changes.tasks) {
			const task = this.#byId.get(change.id);
			if (task) Object.assign(task, change.after);
		}
		for (const change of changes.anchors) {
			const item = this.#anchoredById.get(`${change.objectType}:${change.id}`);
			if (item) item.plannedDate = change.after.plannedDate;
			const node = change.objectType === 'milestone' ? this.#milestones.get(change.id) : undefined;
			if (node) Object.assign(node, milestoneSpan(change.after.plannedDate, node.isWeek));
		}
	}
}

/** The days a milestone on `date` covers on the chart (and in links): its day, or its week. */
function milestoneSpan(date: IsoDate, isWeek: boolean): { startDate: IsoDate; endDate: IsoDate } {
	const startDate = isWeek ? mondayOf(date) : date;
	return { startDate, endDate: isWeek ? addCalendarDays(startDate, 4) : startDate };
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
): Promise<Rescheduled> {
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
): Rescheduled {
	if (requested.endDate < requested.startDate) {
		throw new AppError('END_BEFORE_START', 'La date de fin doit être postérieure ou égale à la date de début.');
	}
	const target = schedule.task(taskId);
	if (!target) throw new AppError('NOT_FOUND', 'Tâche introuvable.');

	// New dates by task id, over the schedule as it stands.
	const dates: Dates = new Map();
	const scheduled = scheduledWith(schedule, dates);

	const children = schedule.descendantsOf(taskId);
	const current = { start: target.startDate, end: target.endDate };
	if (target.kind === 'PHASE' && children.length > 0) {
		// Its tasks move by the same working days as its start, each keeping its duration.
		const landed = moveTask(current, requested.startDate).start;
		const days = workingDaysFrom(nextWorkingDayFrom(target.startDate), landed);
		for (const child of days === 0 ? [] : children) {
			const moved = shiftByWorkingDays({ start: child.startDate, end: child.endDate }, days);
			dates.set(child.id, { startDate: moved.start, endDate: moved.end });
		}
	} else {
		// A move keeps the working-day duration; every date changed lands on a working day.
		const placed = placeTask(current, { start: requested.startDate, end: requested.endDate });
		dates.set(taskId, { startDate: placed.start, endDate: placed.end });
	}

	const movedIds = new Set(dates.keys());
	for (const id of movedIds) {
		// Links inside a moved phase move with it; only links from outside can be broken.
		const external = schedule.predecessorsOf(id).filter((l) => !movedIds.has(l.predecessorId));
		const broken = brokenPredecessorLink(scheduled(id)!, { get: scheduled }, external);
		if (broken) throw new AppError('PREDECESSOR_CONSTRAINT', broken);
	}

	return settle(sqlite, schedule, dates, movedIds);
}

type Dates = Map<string, { startDate: IsoDate; endDate: IsoDate }>;

/** The schedule's tasks as the push sees them, with the dates an edit gave some of them. */
function scheduledWith(schedule: MissionSchedule, dates: Dates) {
	return (id: string): ScheduledTask | undefined => {
		const task = schedule.task(id) ?? schedule.milestone(id);
		if (!task) return undefined;
		const moved = dates.get(id);
		return { id, name: task.name, start: moved?.startDate ?? task.startDate, end: moved?.endDate ?? task.endDate };
	};
}

/**
 * After links into `taskIds` were added or changed: those tasks and everything downstream go
 * where their links now say (never earlier), phases re-span, tied dates follow. Writes it all.
 */
export function settleLinksOn(sqlite: SqliteAccess, schedule: MissionSchedule, taskIds: Iterable<string>): Rescheduled {
	return settle(sqlite, schedule, new Map(), taskIds);
}

export function settleLinks(tx: Tx, missionId: string, taskIds: Iterable<string>): Promise<Rescheduled> {
	return withSqlite(tx, (sqlite) => settleLinksOn(sqlite, MissionSchedule.read(sqlite, missionId), taskIds));
}

/**
 * Every task of a mission where its links say, never earlier: after a change that can move
 * milestones or break links everywhere (a kick-off change, a milestone's new date).
 */
export function settleMission(tx: Tx, missionId: string): Promise<Rescheduled> {
	return withSqlite(tx, (sqlite) => {
		const schedule = MissionSchedule.read(sqlite, missionId);
		return settle(sqlite, schedule, new Map(), [...schedule.milestoneIds(), ...schedule.taskIds()]);
	});
}

function settle(sqlite: SqliteAccess, schedule: MissionSchedule, dates: Dates, from: Iterable<string>): Rescheduled {
	// Tied milestones that lead tasks move with their task, then push those tasks in turn: a few
	// rounds at most (the links and ties form no cycle; the bound only guards against one).
	let frontier = [...from];
	for (let round = 0; frontier.length > 0; round += 1) {
		if (round > 100) throw new AppError('DEPENDENCY_CYCLE', 'Les liens et rattachements forment une boucle.');
		for (const pushed of pushDownstream(frontier, scheduledWith(schedule, dates), schedule)) {
			dates.set(pushed.id, { startDate: pushed.start, endDate: pushed.end });
		}
		// Phases first: a milestone may be tied to a phase's end.
		respanAncestors(schedule, dates);
		frontier = [];
		for (const [id, after] of dates) {
			if (!schedule.task(id)) continue;
			for (const item of schedule.anchoredTo(id)) {
				const node = item.objectType === 'milestone' ? schedule.milestone(item.id) : undefined;
				if (!node) continue;
				const span = milestoneSpan(anchoredDate(after.endDate, item.anchorLagDays), node.isWeek);
				const current = dates.get(node.id) ?? node;
				if (span.startDate === current.startDate && span.endDate === current.endDate) continue;
				dates.set(node.id, span);
				frontier.push(node.id);
			}
		}
	}

	const tasks: DateChange[] = [];
	const anchors: AnchorChange[] = [];
	for (const [id, after] of [...dates].sort(([a], [b]) => schedule.position(a) - schedule.position(b))) {
		const before = schedule.task(id);
		if (!before) continue; // a milestone: its tie writes it below
		if (before.startDate === after.startDate && before.endDate === after.endDate) continue;
		tasks.push({ id, before: { startDate: before.startDate, endDate: before.endDate }, after });
		sqlite.statement(SQL.moveTask).run(after.startDate, after.endDate, id);
		if (before.endDate !== after.endDate) {
			for (const item of schedule.anchoredTo(id)) {
				const change = moveAnchored(sqlite, item, after.endDate);
				if (change) anchors.push(change);
			}
		}
	}
	return { tasks, anchors };
}

/** Writes the planned date a tied deliverable or milestone gets from its task's end. */
function moveAnchored(sqlite: SqliteAccess, item: Anchored, taskEnd: IsoDate): AnchorChange | null {
	const plannedDate = anchoredDate(taskEnd, item.anchorLagDays);
	if (plannedDate === item.plannedDate) return null;
	sqlite
		.statement(item.objectType === 'deliverable' ? SQL.moveDeliverable : SQL.moveMilestone)
		.run(plannedDate, item.id);
	return {
		objectType: item.objectType,
		id: item.id,
		before: { plannedDate: item.plannedDate },
		after: { plannedDate }
	};
}

/**
 * Brings every tied deliverable and milestone of a mission to its task's end (+ lag), and unties
 * those whose task is gone: after a kick-off change, a new tie, a deleted task.
 */
export function syncAnchors(tx: Tx, missionId: string): Promise<AnchorChange[]> {
	return withSqlite(tx, (sqlite) => {
		const schedule = MissionSchedule.read(sqlite, missionId);
		const changes: AnchorChange[] = [];
		for (const item of schedule.allAnchored()) {
			const task = schedule.task(item.anchorTaskId);
			if (!task) {
				sqlite.statement(item.objectType === 'deliverable' ? SQL.untieDeliverable : SQL.untieMilestone).run(item.id);
				continue;
			}
			const change = moveAnchored(sqlite, item, task.endDate);
			if (change) changes.push(change);
		}
		return changes;
	});
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
