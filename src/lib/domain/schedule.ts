// Finish-to-start scheduling. Durations are in calendar days (what the chart shows); a pushed
// task keeps its duration and starts on the first working day allowed by its predecessors.
import { nextWorkingDayFrom } from './calendar';
import { addCalendarDays, daysBetween, formatDateFr, maxDate, type IsoDate } from './dates';

export interface ScheduledTask {
	id: string;
	name: string;
	start: IsoDate;
	end: IsoDate;
}

export interface FinishToStart {
	predecessorId: string;
	successorId: string;
	/** Calendar days between the predecessor's end and the successor's start; may be negative (lead). */
	lagDays: number;
}

export class SchedulingError extends Error {
	constructor(
		readonly code: 'DEPENDENCY_CYCLE' | 'PREDECESSOR_CONSTRAINT' | 'SELF_DEPENDENCY',
		message: string
	) {
		super(message);
		this.name = 'SchedulingError';
	}
}

/** Earliest start a link allows: the day after the predecessor's end, plus the lag. */
export function earliestStartAfter(predecessorEnd: IsoDate, lagDays: number): IsoDate {
	return addCalendarDays(predecessorEnd, 1 + lagDays);
}

/** Would adding `link` close a cycle? (Is the predecessor already reachable from the successor?) */
export function createsCycle(links: readonly FinishToStart[], link: FinishToStart): boolean {
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
export function topologicalOrder(taskIds: readonly string[], links: readonly FinishToStart[]): string[] {
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
	links: readonly FinishToStart[]
): string | null {
	for (const link of links) {
		if (link.successorId !== task.id) continue;
		const predecessor = tasks.get(link.predecessorId);
		if (!predecessor) continue;
		const earliest = earliestStartAfter(predecessor.end, link.lagDays);
		if (task.start < earliest) {
			return (
				`« ${task.name} » ne peut pas commencer avant le ${formatDateFr(earliest)} : ` +
				`elle suit « ${predecessor.name} »` +
				(link.lagDays ? ` avec un décalage de ${link.lagDays} jour(s).` : '.')
			);
		}
	}
	return null;
}

/**
 * Pushes successors later until every finish-to-start link holds, keeping each task's duration.
 * Tasks are never pulled earlier. Returns only the tasks whose dates changed.
 */
export function pushSuccessors(
	tasks: readonly ScheduledTask[],
	links: readonly FinishToStart[],
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
	predecessorsOf(taskId: string): readonly FinishToStart[];
	successorsOf(taskId: string): readonly FinishToStart[];
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
	const inner: FinishToStart[] = [];
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
		let earliest: IsoDate | null = null;
		for (const link of links.predecessorsOf(id)) {
			const predecessor = current(link.predecessorId);
			if (!predecessor) continue;
			const allowed = earliestStartAfter(predecessor.end, link.lagDays);
			earliest = earliest === null ? allowed : maxDate(earliest, allowed);
		}
		if (earliest === null || task.start >= earliest) continue;
		const start = nextWorkingDayFrom(earliest);
		changed.set(id, { ...task, start, end: addCalendarDays(task.end, daysBetween(task.start, start)) });
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

function indexSuccessors(links: readonly FinishToStart[]): Map<string, FinishToStart[]> {
	const map = new Map<string, FinishToStart[]>();
	for (const link of links) {
		const list = map.get(link.predecessorId) ?? [];
		list.push(link);
		map.set(link.predecessorId, list);
	}
	return map;
}
