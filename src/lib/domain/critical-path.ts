// The critical path method on Jalon's own calendar and link rules: early and late dates, total and
// free slack (« marge totale », « marge libre ») in French working days, for every link type with
// lags in working or elapsed days. Each link means what `linkBound` (the rule pushes use) says, so
// what is critical here is exactly what a push would move (a property test checks it).
//
// Work is counted in working-day indices: a task occupies [s, e) where s is the index of its first
// working day and e the index after its last. A task's own start acts as « début au plus tôt le »
// (Jalon's dates are no-earlier-than), as MS Project reads a task with that constraint.
import { isWorkingDay } from './calendar';
import { addCalendarDays, type IsoDate } from './dates';
import { dateOfDayNumber, dayNumber } from './day-numbers';
import { topologicalOrder, type ScheduleLink } from './schedule';

export interface SlackTask {
	id: string;
	start: IsoDate;
	end: IsoDate;
}

export interface TaskSlack {
	id: string;
	earlyStart: IsoDate;
	earlyFinish: IsoDate;
	lateStart: IsoDate;
	lateFinish: IsoDate;
	/** Working days the task can slip without moving the finish (negative: the finish is missed). */
	totalSlack: number;
	/** Working days it can slip without moving any successor's early dates (nor the finish). */
	freeSlack: number;
	critical: boolean;
}

export interface CriticalPathResult {
	tasks: Map<string, TaskSlack>;
	/** The finish the late dates are computed against: the given one, else the latest early finish. */
	finish: IsoDate;
}

/**
 * Working-day indices from a first calendar day, kept in two arrays that grow on demand: both
 * passes convert dates thousands of times, and a look-up keeps 2 000 tasks well under 50 ms.
 */
class WorkingDayIndex {
	private readonly first: number;
	/** Working days strictly before each calendar day from `first`. */
	private readonly counts: number[] = [];
	/** The day number of each working day. */
	private readonly days: number[] = [];
	constructor(earliest: IsoDate, latest: IsoDate) {
		this.first = dayNumber(earliest);
		this.grow(dayNumber(latest) - this.first + 1);
	}
	private grow(length: number): void {
		for (let i = this.counts.length; i <= length; i += 1) {
			this.counts.push(this.days.length);
			if (isWorkingDay(dateOfDayNumber(this.first + i))) this.days.push(this.first + i);
		}
	}
	/** Working days in [first, date): the index of the first working day on or after `date`. */
	before(date: IsoDate): number {
		const offset = dayNumber(date) - this.first;
		if (offset < 0) throw new RangeError(`date hors de la plage : ${date}`);
		if (offset >= this.counts.length) this.grow(offset + 366);
		return this.counts[offset]!;
	}
	/** The same, from a day number. */
	beforeDay(day: number): number {
		const offset = day - this.first;
		if (offset < 0) throw new RangeError(`date hors de la plage : ${dateOfDayNumber(day)}`);
		if (offset >= this.counts.length) this.grow(offset + 366);
		return this.counts[offset]!;
	}
	/** The day number of the working day of index i. */
	dayNumberOf(i: number): number {
		if (i < 0) throw new RangeError(`jour ouvré hors de la plage : ${i}`);
		while (i >= this.days.length) this.grow(this.counts.length + 366);
		return this.days[i]!;
	}
	/** The working day of index i. */
	day(i: number): IsoDate {
		return dateOfDayNumber(this.dayNumberOf(i));
	}
}

type Point = 'start' | 'end';
const fromPoint = (link: ScheduleLink): Point => (link.type === 'FS' || link.type === 'FF' ? 'end' : 'start');
const toPoint = (link: ScheduleLink): Point => (link.type === 'FS' || link.type === 'SS' ? 'start' : 'end');

/**
 * The critical path of `tasks` (leaf tasks: summaries follow their children) and the links
 * between them. `finish`, when given (the mission's planned end, or its last contractual deadline),
 * is the date late dates are computed against; slack is then negative where the plan misses it.
 * Throws SchedulingError on a cycle.
 */
export function criticalPath(
	tasks: readonly SlackTask[],
	links: readonly ScheduleLink[],
	finish?: IsoDate
): CriticalPathResult {
	if (tasks.length === 0) return { tasks: new Map(), finish: finish ?? '' };
	const byId = new Map(tasks.map((t) => [t.id, t]));
	const relevant = links.filter((l) => byId.has(l.predecessorId) && byId.has(l.successorId));
	let earliest = tasks[0]!.start;
	let latest = tasks[0]!.end;
	for (const t of tasks) {
		if (t.start < earliest) earliest = t.start;
		if (t.end > latest) latest = t.end;
	}
	if (finish !== undefined && finish < earliest) earliest = finish;
	if (finish !== undefined && finish > latest) latest = finish;
	// Room for every lag and for late dates before the plan (negative slack) on both sides.
	let margin = 400;
	for (const l of relevant) margin = Math.max(margin, 2 * Math.abs(l.lagDays) + 400);
	const index = new WorkingDayIndex(addCalendarDays(earliest, -margin - 366), addCalendarDays(latest, margin));

	const duration = new Map<string, number>();
	for (const t of tasks)
		duration.set(t.id, Math.max(0, index.before(addCalendarDays(t.end, 1)) - index.before(t.start)));

	/**
	 * The index the link requires of its successor's point when its predecessor's point is at
	 * `value`: linkBound's rule, in indices. A working-day lag moves the boundary by that many
	 * working days. An elapsed lag moves it in calendar days from the boundary's day (a start's
	 * day, or the day after an end); an end bound then asks the last day to be on or after the
	 * day before. The tests check this against pushSuccessors, which uses linkBound itself.
	 */
	const boundIndex = (link: ScheduleLink, value: number): number => {
		if (link.lagUnit === 'WORKING_DAYS') return value + link.lagDays;
		const from = fromPoint(link) === 'start' ? index.dayNumberOf(value) : index.dayNumberOf(value - 1) + 1;
		const boundary = from + link.lagDays;
		return toPoint(link) === 'start' ? index.beforeDay(boundary) : index.beforeDay(boundary - 1) + 1;
	};

	const order = topologicalOrder(
		tasks.map((t) => t.id),
		relevant
	);
	const incoming = new Map<string, ScheduleLink[]>();
	const outgoing = new Map<string, ScheduleLink[]>();
	for (const link of relevant) {
		(incoming.get(link.successorId) ?? incoming.set(link.successorId, []).get(link.successorId)!).push(link);
		(outgoing.get(link.predecessorId) ?? outgoing.set(link.predecessorId, []).get(link.predecessorId)!).push(link);
	}

	// Forward pass: no earlier than its own start, nor than any link allows.
	const es = new Map<string, number>();
	const ef = new Map<string, number>();
	for (const id of order) {
		const d = duration.get(id)!;
		let start = index.before(byId.get(id)!.start);
		for (const link of incoming.get(id) ?? []) {
			const from = fromPoint(link) === 'start' ? es.get(link.predecessorId)! : ef.get(link.predecessorId)!;
			const bound = boundIndex(link, from);
			start = Math.max(start, toPoint(link) === 'start' ? bound : bound - d);
		}
		es.set(id, start);
		ef.set(id, start + d);
	}
	let finishIndex = 0;
	for (const value of ef.values()) finishIndex = Math.max(finishIndex, value);
	if (finish !== undefined) finishIndex = index.before(addCalendarDays(finish, 1));

	// Backward pass: no later than the finish, nor than any successor's late dates allow.
	const lf = new Map<string, number>();
	for (let i = order.length - 1; i >= 0; i -= 1) {
		const id = order[i]!;
		const d = duration.get(id)!;
		let late = finishIndex;
		for (const link of outgoing.get(id) ?? []) {
			const successorLateFinish = lf.get(link.successorId)!;
			const successorPoint =
				toPoint(link) === 'start' ? successorLateFinish - duration.get(link.successorId)! : successorLateFinish;
			const latestFrom = latestPoint(link, successorPoint, boundIndex);
			late = Math.min(late, fromPoint(link) === 'start' ? latestFrom + d : latestFrom);
		}
		lf.set(id, late);
	}

	const result = new Map<string, TaskSlack>();
	for (const id of order) {
		const d = duration.get(id)!;
		const earlyStart = es.get(id)!;
		const earlyFinish = ef.get(id)!;
		const lateFinish = lf.get(id)!;
		let free = finishIndex - earlyFinish;
		for (const link of outgoing.get(id) ?? []) {
			const successorPoint = toPoint(link) === 'start' ? es.get(link.successorId)! : ef.get(link.successorId)!;
			const from = fromPoint(link) === 'start' ? earlyStart : earlyFinish;
			// How far the predecessor's point may move before the link moves the successor (with an
			// elapsed lag a working day's slip may count more than one).
			free = Math.min(free, latestPoint(link, successorPoint, boundIndex) - from);
		}
		const totalSlack = lateFinish - earlyFinish;
		result.set(id, {
			id,
			earlyStart: index.day(earlyStart),
			earlyFinish: index.day(Math.max(earlyStart, earlyFinish - 1)),
			lateStart: index.day(lateFinish - d),
			lateFinish: index.day(Math.max(lateFinish - d, lateFinish - 1)),
			totalSlack,
			freeSlack: Math.max(0, Math.min(free, totalSlack)),
			critical: totalSlack <= 0
		});
	}
	return { tasks: result, finish: index.day(finishIndex - 1) };
}

/**
 * The latest index of the predecessor's point for which the link still lets its successor's point
 * sit at `successorPoint`. Bounds grow with the predecessor's point (every link is monotone), so
 * a search finds it whatever the lag's unit.
 */
function latestPoint(
	link: ScheduleLink,
	successorPoint: number,
	boundIndex: (link: ScheduleLink, value: number) => number
): number {
	if (link.lagUnit === 'WORKING_DAYS') return successorPoint - link.lagDays;
	const reach = Math.abs(link.lagDays) + 8;
	let low = successorPoint - reach;
	let high = successorPoint + reach;
	while (boundIndex(link, low) > successorPoint) low -= reach;
	while (boundIndex(link, high) <= successorPoint) high += reach;
	// boundIndex(low) ≤ successorPoint < boundIndex(high)
	while (high - low > 1) {
		const middle = (low + high) >> 1;
		if (boundIndex(link, middle) <= successorPoint) low = middle;
		else high = middle;
	}
	return low;
}
