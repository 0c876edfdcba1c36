// Working-day calendar: Monday to Friday, minus French public holidays (metropolitan list,
// from @socialgouv/jours-feries, which computes Easter-based holidays for any year).
import getFrenchHolidays from '@socialgouv/jours-feries';
import { addHours } from 'date-fns';
import { addCalendarDays, fromDate, isWeekendDay, type IsoDate } from './dates';
import { dateOfDayNumber, dayNumber, isWeekendDayNumber } from './day-numbers';

const holidayCache = new Map<number, Map<IsoDate, string>>();

/**
 * A holiday's calendar date: the library adds 24-hour steps to Easter; where daylight saving
 * ends in between (southern hemisphere), it lands at 23:00 the day before. Round to the nearest day.
 */
const holidayDate = (date: Date): IsoDate => fromDate(addHours(date, 12));

/** French public holidays of a year, by date, with their French names. */
export function frenchPublicHolidays(year: number): Map<IsoDate, string> {
	let holidays = holidayCache.get(year);
	if (!holidays) {
		holidays = new Map();
		for (const [name, date] of Object.entries(getFrenchHolidays(year))) holidays.set(holidayDate(date), name);
		holidayCache.set(year, holidays);
	}
	return holidays;
}

export function publicHolidayName(date: IsoDate): string | undefined {
	return frenchPublicHolidays(Number(date.slice(0, 4))).get(date);
}

/**
 * Working days are answered from a table: a drag pushes tasks across weeks of working days, and
 * walking day by day cost ~1 µs a day. The table covers the years asked for so far plus a
 * margin, and grows when a date falls outside: building all of 1990–2130 at once took ~20 ms
 * (141 years of holidays), paid on every page load before the chart could draw. Outside
 * 1990–2130, the day-by-day walk below answers.
 */
const TABLE_FIRST_YEAR = 1990;
const TABLE_LAST_YEAR = 2130;
/** Years added on each side of a date the table did not hold: a plan's dates seldom leave them. */
const TABLE_MARGIN_YEARS = 2;
const TABLE_FIRST_DAY = dayNumber(`${TABLE_FIRST_YEAR}-01-01`);
const TABLE_LAST_DAY = dayNumber(`${TABLE_LAST_YEAR}-12-31`);

interface WorkingDayTable {
	firstYear: number;
	lastYear: number;
	/** The day numbers of its first and last days. */
	first: number;
	last: number;
	/** before[i]: working days in [first, first + i) (~35 000 at most: 16 bits are enough). */
	before: Uint16Array;
}
let table: WorkingDayTable | null = null;

const yearOfDay = (day: number) => Number(dateOfDayNumber(day).slice(0, 4));

/**
 * A year's holidays as day numbers, kept for when the table grows (~30 µs a year from the
 * library). Not through frenchPublicHolidays: its maps of date strings weighed on a page's heap.
 */
const holidayDayCache = new Map<number, number[]>();
function holidayDays(year: number): number[] {
	let days = holidayDayCache.get(year);
	if (!days) {
		days = Object.values(getFrenchHolidays(year)).map((date) => dayNumber(holidayDate(date)));
		holidayDayCache.set(year, days);
	}
	return days;
}

function buildTable(firstYear: number, lastYear: number): WorkingDayTable {
	const first = dayNumber(`${firstYear}-01-01`);
	const last = dayNumber(`${lastYear}-12-31`);
	const holidays = new Set<number>();
	for (let year = firstYear; year <= lastYear; year += 1) for (const day of holidayDays(year)) holidays.add(day);
	// The n-th working day is found in `before` by bisection, not kept in a second table.
	const before = new Uint16Array(last - first + 2);
	for (let day = first; day <= last; day += 1) {
		const open = !isWeekendDayNumber(day) && !holidays.has(day);
		before[day - first + 1] = before[day - first]! + (open ? 1 : 0);
	}
	return { firstYear, lastYear, first, last, before };
}

/**
 * The table, grown if needed so that it counts the working days before every day of [from, to]
 * (a count is read up to the day after its last); null when they go past 1990–2130.
 */
function tableFor(from: number, to: number): WorkingDayTable | null {
	if (table && from >= table.first && to <= table.last + 1) return table;
	if (from < TABLE_FIRST_DAY || to > TABLE_LAST_DAY + 1) return null;
	const firstYear = Math.max(
		TABLE_FIRST_YEAR,
		Math.min(table?.firstYear ?? Infinity, yearOfDay(from) - TABLE_MARGIN_YEARS)
	);
	const lastYear = Math.min(
		TABLE_LAST_YEAR,
		Math.max(table?.lastYear ?? -Infinity, yearOfDay(Math.max(from, to - 1)) + TABLE_MARGIN_YEARS)
	);
	table = buildTable(firstYear, lastYear);
	return table;
}

/** The day of the table's working day number `index` (0: its first), or null outside it. */
function workingDayAt(t: WorkingDayTable, index: number): number | null {
	const { first, before } = t;
	if (index < 0 || index >= before[before.length - 1]!) return null;
	// The first i with before[i] > index: that day (first + i - 1) is the working day.
	let low = 1;
	let high = before.length - 1;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (before[middle]! > index) high = middle;
		else low = middle + 1;
	}
	return first + low - 1;
}

/** Working days in [table's first day, day): `day` must be inside the table or the day after. */
const workingDaysBefore = (t: WorkingDayTable, day: number): number => t.before[day - t.first]!;

export function isWorkingDay(date: IsoDate): boolean {
	const day = dayNumber(date);
	const t = tableFor(day, day + 1);
	if (!t) return !isWeekendDay(date) && publicHolidayName(date) === undefined;
	return workingDaysBefore(t, day + 1) - workingDaysBefore(t, day) === 1;
}

/** The date itself if it is a working day, otherwise the next working day. */
export function nextWorkingDayFrom(date: IsoDate): IsoDate {
	return isWorkingDay(date) ? date : addWorkingDays(date, 1);
}

/** The date itself if it is a working day, otherwise the last working day before it. */
export function previousWorkingDayFrom(date: IsoDate): IsoDate {
	return isWorkingDay(date) ? date : addWorkingDays(date, -1);
}

/**
 * The `count`-th working day after `date` (the start date itself is not counted):
 * "10 jours ouvrés après le lundi 22 décembre" skips the weekends, 25 December and 1 January.
 * A negative count goes backwards; zero returns the date unchanged.
 */
export function addWorkingDays(date: IsoDate, count: number): IsoDate {
	if (count === 0) return date;
	const day = dayNumber(date);
	// |count| working days lie within 3 × |count| + 10 calendar days (weekends, and never more than
	// a few days off in a row): the table is made to hold them, within its largest years.
	const reach = Math.abs(count) * 3 + 10;
	const t =
		day >= TABLE_FIRST_DAY && day <= TABLE_LAST_DAY
			? tableFor(
					Math.max(TABLE_FIRST_DAY, count < 0 ? day - reach : day),
					Math.min(TABLE_LAST_DAY + 1, count > 0 ? day + 1 + reach : day + 1)
				)
			: null;
	if (t) {
		// Working days up to and including `date` (forwards) or strictly before it (backwards).
		const rank = workingDaysBefore(t, count > 0 ? day + 1 : day);
		const found = workingDayAt(t, count > 0 ? rank + count - 1 : rank + count);
		if (found !== null) return dateOfDayNumber(found);
	}
	// Past 1990–2130: day by day.
	const step = count < 0 ? -1 : 1;
	let remaining = Math.abs(count);
	let current = date;
	while (remaining > 0) {
		current = addCalendarDays(current, step);
		if (isWorkingDay(current)) remaining -= 1;
	}
	return current;
}

/** Working days in the inclusive range [from, to]; 0 when `to` is before `from`. */
export function countWorkingDays(from: IsoDate, to: IsoDate): number {
	if (to < from) return 0;
	const t = tableFor(dayNumber(from), dayNumber(to) + 1);
	if (t) return workingDaysBefore(t, dayNumber(to) + 1) - workingDaysBefore(t, dayNumber(from));
	let count = 0;
	for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
		if (isWorkingDay(day)) count += 1;
	}
	return count;
}

/** Public holidays between two dates inclusive, for shading the chart. */
export function publicHolidaysBetween(from: IsoDate, to: IsoDate): { date: IsoDate; name: string }[] {
	const out: { date: IsoDate; name: string }[] = [];
	for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) {
		for (const [date, name] of frenchPublicHolidays(year)) {
			if (date >= from && date <= to) out.push({ date, name });
		}
	}
	return out.sort((a, b) => a.date.localeCompare(b.date));
}
