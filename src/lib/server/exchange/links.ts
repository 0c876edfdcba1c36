// Link types and lags as MS Project XML (MSPDI) and GanttProject write them, and back. Pure
// functions, ready for the plan editor's model (FS / SS / FF / SF links, lags in working or
// elapsed days); today's Jalon stores finish-to-start links with lags in calendar (= elapsed) days.
import { addWorkingDays, isWorkingDay, nextWorkingDayFrom } from '$lib/domain/calendar';
import { addCalendarDays, daysBetween, type IsoDate } from '$lib/domain/dates';

export type LinkType = 'FS' | 'SS' | 'FF' | 'SF';
export type LagUnit = 'WORKING_DAYS' | 'ELAPSED_DAYS';
export interface Lag {
	days: number;
	unit: LagUnit;
}

/** French names of the link types, as the plan editor shows them. */
export const LINK_TYPE_FR: Record<LinkType, string> = { FS: 'FD', SS: 'DD', FF: 'FF', SF: 'DF' };

// MSPDI PredecessorLink/Type: 0=FF, 1=FS, 2=SF, 3=SS.
const MSPDI_TYPES: Record<LinkType, number> = { FF: 0, FS: 1, SF: 2, SS: 3 };
export const mspdiLinkType = (type: LinkType): number => MSPDI_TYPES[type];
export function linkTypeFromMspdi(code: string | number | undefined): LinkType | null {
	if (code === undefined || code === '') return 'FS'; // the schema's default
	const found = (Object.keys(MSPDI_TYPES) as LinkType[]).find((k) => MSPDI_TYPES[k] === Number(code));
	return found ?? null;
}

// GanttProject <depend type>: 1=SS, 2=FS, 3=FF, 4=SF.
const GANTT_TYPES: Record<LinkType, number> = { SS: 1, FS: 2, FF: 3, SF: 4 };
export const ganttProjectLinkType = (type: LinkType): number => GANTT_TYPES[type];
export function linkTypeFromGanttProject(code: string | number | undefined): LinkType | null {
	if (code === undefined || code === '') return 'FS';
	const found = (Object.keys(GANTT_TYPES) as LinkType[]).find((k) => GANTT_TYPES[k] === Number(code));
	return found ?? null;
}

/** LagFormat 7 = working days ("d"), 8 = elapsed days ("ed"). */
export const LAG_FORMAT_WORKING_DAYS = 7;
export const LAG_FORMAT_ELAPSED_DAYS = 8;

export interface MspdiTime {
	minutesPerDay: number;
	minutesPerWeek: number;
	daysPerMonth: number;
}
export const MSPDI_DEFAULT_TIME: MspdiTime = { minutesPerDay: 480, minutesPerWeek: 2400, daysPerMonth: 20 };

/**
 * LinkLag is in tenths of a minute whatever the format: working minutes for working units (a day
 * is MinutesPerDay), wall-clock minutes for elapsed ones (a day is 1440).
 */
export function mspdiLag(lag: Lag, time: MspdiTime = MSPDI_DEFAULT_TIME): { LinkLag: number; LagFormat: number } {
	return lag.unit === 'WORKING_DAYS'
		? { LinkLag: Math.round(lag.days * time.minutesPerDay * 10), LagFormat: LAG_FORMAT_WORKING_DAYS }
		: { LinkLag: Math.round(lag.days * 1440 * 10), LagFormat: LAG_FORMAT_ELAPSED_DAYS };
}

/**
 * A lag read from MSPDI, in whole days of its unit. Minutes, hours, weeks and months come back as
 * days of the same kind (working or elapsed); percentages (19, 20, 51, 52) cannot: null.
 * Estimated formats (35..44) read as their plain counterparts.
 */
export function lagFromMspdi(
	linkLag: string | number | undefined,
	lagFormat: string | number | undefined,
	time: MspdiTime = MSPDI_DEFAULT_TIME
): Lag | null {
	const tenths = Number(linkLag ?? 0) || 0;
	let format = Number(lagFormat ?? LAG_FORMAT_WORKING_DAYS) || LAG_FORMAT_WORKING_DAYS;
	if (format >= 35 && format <= 44) format -= 32;
	const minutes = tenths / 10;
	const working = (days: number): Lag => ({ days: Math.round(days), unit: 'WORKING_DAYS' });
	const elapsed = (days: number): Lag => ({ days: Math.round(days), unit: 'ELAPSED_DAYS' });
	switch (format) {
		case 3: // minutes
		case 5: // hours
		case 7: // days
		case 9: // weeks
		case 11: // months
			return working(minutes / time.minutesPerDay);
		case 4:
		case 6:
		case 8:
		case 10:
		case 12:
			return elapsed(minutes / 1440);
		default:
			return tenths === 0 ? elapsed(0) : null;
	}
}

/**
 * The calendar-day lag (what Jalon stores today) that gives a finish-to-start successor the same
 * earliest start as `workingDays` working days after `predecessorEnd` under the French calendar.
 * Jalon starts a pushed task on the next working day, so a positive lag is kept as small as
 * gives that start (0 working days after a Friday is a lag of 0, not 2).
 */
export function calendarLagForWorkingLag(predecessorEnd: IsoDate, workingDays: number): number {
	const base = nextWorkingDayFrom(addCalendarDays(predecessorEnd, 1));
	const target = addWorkingDays(base, workingDays);
	let lag = daysBetween(predecessorEnd, target) - 1;
	while (lag > 0 && nextWorkingDayFrom(addCalendarDays(predecessorEnd, lag)) === target) lag -= 1;
	return lag;
}

/** Working days between a predecessor's end and the start a calendar-day lag allows. */
export function workingLagForCalendarLag(predecessorEnd: IsoDate, calendarDays: number): number {
	const start = nextWorkingDayFrom(addCalendarDays(predecessorEnd, 1 + calendarDays));
	const base = nextWorkingDayFrom(addCalendarDays(predecessorEnd, 1));
	if (start >= base) {
		let count = 0;
		for (let day = base; day < start; day = addCalendarDays(day, 1)) if (isWorkingDay(day)) count += 1;
		return count;
	}
	let count = 0;
	for (let day = start; day < base; day = addCalendarDays(day, 1)) if (isWorkingDay(day)) count += 1;
	return -count;
}

/** The lag Jalon can store today (calendar days), with whether a conversion was needed. */
export function storableLag(predecessorEnd: IsoDate, lag: Lag): { lagDays: number; converted: boolean } {
	if (lag.unit === 'ELAPSED_DAYS') return { lagDays: lag.days, converted: false };
	const lagDays = calendarLagForWorkingLag(predecessorEnd, lag.days);
	return { lagDays, converted: lagDays !== lag.days };
}

/**
 * GanttProject's bound for a link, as the first working day the successor may start (FS, SS) or
 * end (FF, SF) on. GanttProject shifts its reference date by `difference` working days (its
 * calendar's shiftDate): forwards, to the day after the n-th working day from the reference;
 * backwards, to the n-th working day before it. The reference is the predecessor's start for SS
 * and SF, the day after its last day (GanttProject's end) for FS and FF; an end bound applies to
 * the successor's end, the day after its last day.
 */
export function ganttProjectBound(
	type: LinkType,
	difference: number,
	predecessor: { start: IsoDate; end: IsoDate }
): { on: 'start' | 'end'; date: IsoDate } {
	const reference = type === 'SS' || type === 'SF' ? predecessor.start : addCalendarDays(predecessor.end, 1);
	const shifted =
		difference > 0
			? addCalendarDays(addWorkingDays(addCalendarDays(reference, -1), difference), 1)
			: difference < 0
				? addWorkingDays(reference, difference)
				: reference;
	return type === 'FS' || type === 'SS'
		? { on: 'start', date: nextWorkingDayFrom(shifted) }
		: { on: 'end', date: nextWorkingDayFrom(addCalendarDays(shifted, -1)) };
}

/**
 * The `difference` (GanttProject's working days) that puts a successor where Jalon's link does:
 * the same first working day to start (or end) on, measured from the right end of the
 * predecessor for each type. When no difference gives exactly Jalon's day (a bound falling on a
 * weekend), the largest one that never asks for a later date than Jalon.
 */
export function ganttProjectDifference(
	link: { type: LinkType; lagDays: number; lagUnit: LagUnit },
	predecessor: { start: IsoDate; end: IsoDate },
	jalonBound: { on: 'start' | 'end'; date: IsoDate }
): number {
	const target = nextWorkingDayFrom(jalonBound.date);
	const estimate = link.lagUnit === 'WORKING_DAYS' ? link.lagDays : Math.round((link.lagDays * 5) / 7);
	let best: number | null = null;
	for (let step = 0; step <= 12; step++) {
		for (const w of step === 0 ? [estimate] : [estimate - step, estimate + step]) {
			if (ganttProjectBound(link.type, w, predecessor).date === target) return w;
		}
	}
	for (let w = estimate + 12; w >= estimate - 400 && best === null; w--) {
		if (ganttProjectBound(link.type, w, predecessor).date <= target) best = w;
	}
	return best ?? estimate;
}
