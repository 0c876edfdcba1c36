// Scheduling as MS Project does it, by the day: links finish-to-start (FS, "FD" in French),
// start-to-start (SS, "DD"), finish-to-finish (FF) and start-to-finish (SF, "DF"), each with a
// lag (or a lead, when negative) in French working days or in elapsed calendar days. Dates are
// inclusive days: a task ends at the end of its last day. A push keeps the task's working-day
// duration and lands it on working days only; tasks are never pulled earlier.
import { addWorkingDays, countWorkingDays, nextWorkingDayFrom, previousWorkingDayFrom } from './calendar';
import { dateOfDayNumber, dayNumber } from './day-numbers';
import { formatDateFr, maxDate, type IsoDate } from './dates';

export interface ScheduledTask {
	id: string;
	name: string;
	start: IsoDate;
	end: IsoDate;
}

export type LinkType = 'FS' | 'SS' | 'FF' | 'SF';
export type LagUnit = 'WORKING_DAYS' | 'ELAPSED_DAYS';

export interface ScheduleLink {
	predecessorId: string;
	successorId: string;
	type: LinkType;
	/** Days added to the predecessor's date the link starts from; negative for a lead. */
	lagDays: number;
	lagUnit: LagUnit;
}

/** Only the ends of a link: enough for cycles and ordering. */
export type Edge = Pick<ScheduleLink, 'predecessorId' | 'successorId'>;

export class SchedulingError extends Error {
	constructor(
		readonly code: 'DEPENDENCY_CYCLE' | 'PREDECESSOR_CONSTRAINT' | 'SELF_DEPENDENCY',
		message: string
	) {
		super(message);
		this.name = 'SchedulingError';
	}
}

/** What a link constrains: the successor's first day or its last day, no earlier than `date`. */
export interface LinkBound {
	on: 'start' | 'end';
	date: IsoDate;
}

/**
 * The bound a link puts on its successor. Dates become boundaries between days (a task's end is
 * the boundary after its last day); the lag moves that boundary by working days (across weekends
 * and French public holidays) or elapsed days:
 * FS: start ≥ predecessor's end + lag; SS: start ≥ start + lag; FF: end ≥ end + lag;
 * SF: end ≥ start + lag. With working days, an end bound reads in working time: finishing on
 * Friday evening is finishing before Monday morning.
 */
export function linkBound(
	link: Pick<ScheduleLink, 'type' | 'lagDays' | 'lagUnit'>,
	predecessor: ScheduledTask
): LinkBound {
	const fromFinish = link.type === 'FS' || link.type === 'FF';
	const base = fromFinish ? dayNumber(predecessor.end) + 1 : dayNumber(predecessor.start);
	const lag = link.lagDays;
	let boundary: IsoDate;
	if (link.lagUnit === 'ELAPSED_DAYS' || lag === 0) boundary = dateOfDayNumber(base + lag);
	else if (lag > 0) boundary = dateOfDayNumber(dayNumber(addWorkingDays(dateOfDayNumber(base - 1), lag)) + 1);
	else boundary = addWorkingDays(dateOfDayNumber(base), lag);
	if (link.type === 'FS' || link.type === 'SS') return { on: 'start', date: boundary };
	const lastDay = dateOfDayNumber(dayNumber(boundary) - 1);
	return { on: 'end', date: link.lagUnit === 'WORKING_DAYS' ? previousWorkingDayFrom(lastDay) : lastDay };
}

/** "FD", "DD+2j", "FF-1j", "DF+3jé": a link as French planners write it. */
export function describeLink(link: Pick<ScheduleLink, 'type' | 'lagDays' | 'lagUnit'>): string {
	const type = FRENCH_LINK_TYPES[link.type];
	if (link.lagDays === 0) return type;
	const sign = link.lagDays > 0 ? '+' : '';
	return `${type}${sign}${link.lagDays}${link.lagUnit === 'WORKING_DAYS' ? 'j' : 'jé'}`;
}

export const FRENCH_LINK_TYPES: Record<LinkType, string> = { FS: 'FD', SS: 'DD', FF: 'FF', SF: 'DF' };

/**
 * Where a task goes to satisfy the earliest start and end its links allow: null when it already
 * does. Otherwise it moves later, keeps its working-day duration (one day at least), and starts
 * and ends on working days.
 */
export function placeAfterBounds(
	task: ScheduledTask,
	earliestStart: IsoDate | null,
	earliestEnd: IsoDate | null
): { start: IsoDate; end: IsoDate } | null {
	const startHolds = earliestStart === null || task.start >= earliestStart;
	const endHolds = earliestEnd === null || task.end >= earliestEnd;
	if (startHolds && endHolds) return null;
	const span = Math.max(1, countWorkingDays(task.start, task.end)) - 1;
	let start = nextWorkingDayFrom(startHolds ? task.start : earliestStart!);
	let end = addWorkingDays(start, span);
	if (earliestEnd !== null && end < earliestEnd) {
		end = nextWorkingDayFrom(earliestEnd);
		start = addWorkingDays(end, -span);
	}
	return { start, end };
}

/** Would adding `link` close a cycle? (Is the predecessor already reachable from the successor?) */
export function createsCycle(links: readonly Edge[], link: Edge): boolean {
	if (link.predecessorId === link.successorId) return true;
	const successorsOf = indexSuccessors(links);
	const seen = new Set<string>();
	const stack = [link.successorId];
	while (stack.length > 0) {
		const id = stack.pop()!;
		if (id === link.predecessorId) return true;
		if (seen.has(id)) continue;
		seen.add(id);
		for (const next of successorsOf.get(id) ?? []) stack.push(next.successorId);
	}
	return false;
}

/** Task ids in an order where every predecessor comes before its successors. Throws on a cycle. */
export function topologicalOrder(taskIds: readonly string[], links: readonly Edge[]): string[] {
	const indegree = new Map(taskIds.map((id) => [id, 0]));
	for (const link of links) {
		indegree.set(link.successorId, (indegree.get(link.successorId) ?? 0) + 1);
	}
	const successorsOf = indexSuccessors(links);
	const ready = taskIds.filter((id) => indegree.get(id) === 0);
	const order: string[] = [];
	// `ready` grows while it is walked: an index instead of shift() keeps this linear.
	for (let i = 0; i < ready.length; i += 1) {
		const id = ready[i]!;
		order.push(id);
		for (const link of successorsOf.get(id) ?? []) {
			const left = (indegree.get(link.successorId) ?? 0) - 1;
			indegree.set(link.successorId, left);
			if (left === 0) ready.push(link.successorId);
		}
	}
	if (order.length < indegree.size) {
		throw new SchedulingError('DEPENDENCY_CYCLE', 'Les liens entre tâches forment une boucle.');
	}
	return order;
}

/**
 * The first link that `task` breaks, described in French, or null. Used to refuse a move of a
 * task before what its own predecessors allow (its successors, on the other hand, get pushed).
 */
export function brokenPredecessorLink(
	task: ScheduledTask,
	tasks: Pick<ReadonlyMap<string, ScheduledTask>, 'get'>,
	links: readonly ScheduleLink[]
): string | null {
	for (const link of links) {
		if (link.successorId !== task.id) continue;
		const predecessor = tasks.get(link.predecessorId);
		if (!predecessor) continue;
		const bound = linkBound(link, predecessor);
		if ((bound.on === 'start' ? task.start : task.end) < bound.date) {
			return (
				`« ${task.name} » ne peut pas ${bound.on === 'start' ? 'commencer' : 'finir'} avant le ` +
				`${formatDateFr(bound.date)} : elle suit « ${predecessor.name} » (lien ${describeLink(link)}).`
			);
		}
	}
	return null;
}

/**
 * Pushes successors later until every link holds, keeping each task's working-day duration.
 * Tasks are never pulled earlier. Returns only the tasks whose dates changed.
 */
export function pushSuccessors(
	tasks: readonly ScheduledTask[],
	links: readonly ScheduleLink[],
	/** Only tasks downstream of these can move (after an edit of them): the rest is not visited. */
	from?: Iterable<string>
): ScheduledTask[] {
	const byId = new Map(tasks.map((task) => [task.id, task]));
	const relevant = links.filter((l) => byId.has(l.predecessorId) && byId.has(l.successorId));
	const predecessors = groupBy(relevant, (l) => l.successorId);
	const successors = groupBy(relevant, (l) => l.predecessorId);
	return pushDownstream(from ?? byId.keys(), (id) => byId.get(id), {
		predecessorsOf: (id) => predecessors.get(id) ?? [],
		successorsOf: (id) => successors.get(id) ?? []
	});
}

/** A mission's links, by task. */
export interface LinkIndex {
	predecessorsOf(taskId: string): readonly ScheduleLink[];
	successorsOf(taskId: string): readonly ScheduleLink[];
}

/**
 * The same push, visiting only the tasks downstream of `from` through an index the caller keeps
 * (a drag's cost then follows what it moves, not the size of the mission). Tasks are looked up,
 * never changed: moved tasks come back as copies.
 */
export function pushDownstream(
	from: Iterable<string>,
	taskById: (id: string) => ScheduledTask | undefined,
	links: LinkIndex
): ScheduledTask[] {
	const downstream = new Set<string>();
	const stack: string[] = [];
	for (const id of from) {
		if (taskById(id) && !downstream.has(id)) {
			downstream.add(id);
			stack.push(id);
		}
	}
	const inner: ScheduleLink[] = [];
	while (stack.length > 0) {
		for (const link of links.successorsOf(stack.pop()!)) {
			if (!taskById(link.successorId)) continue;
			inner.push(link);
			if (!downstream.has(link.successorId)) {
				downstream.add(link.successorId);
				stack.push(link.successorId);
			}
		}
	}
	const changed = new Map<string, ScheduledTask>();
	const current = (id: string) => changed.get(id) ?? taskById(id);
	for (const id of topologicalOrder([...downstream], inner)) {
		const task = current(id)!;
		let earliestStart: IsoDate | null = null;
		let earliestEnd: IsoDate | null = null;
		for (const link of links.predecessorsOf(id)) {
			const predecessor = current(link.predecessorId);
			if (!predecessor) continue;
			const bound = linkBound(link, predecessor);
			if (bound.on === 'start')
				earliestStart = earliestStart === null ? bound.date : maxDate(earliestStart, bound.date);
			else earliestEnd = earliestEnd === null ? bound.date : maxDate(earliestEnd, bound.date);
		}
		const placed = placeAfterBounds(task, earliestStart, earliestEnd);
		if (placed) changed.set(id, { ...task, ...placed });
	}
	return [...changed.values()];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const list = groups.get(key(item));
		if (list) list.push(item);
		else groups.set(key(item), [item]);
	}
	return groups;
}

/** The span of a phase: from its earliest child start to its latest child end. */
export function phaseSpan(children: readonly { start: IsoDate; end: IsoDate }[]): {
	start: IsoDate;
	end: IsoDate;
} | null {
	if (children.length === 0) return null;
	let start = children[0]!.start;
	let end = children[0]!.end;
	for (const child of children) {
		if (child.start < start) start = child.start;
		if (child.end > end) end = child.end;
	}
	return { start, end };
}

function indexSuccessors<T extends Edge>(links: readonly T[]): Map<string, T[]> {
	const map = new Map<string, T[]>();
	for (const link of links) {
		const list = map.get(link.predecessorId) ?? [];
		list.push(link);
		map.set(link.predecessorId, list);
	}
	return map;
}
