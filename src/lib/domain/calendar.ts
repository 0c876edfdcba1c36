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
 * Working days are answered from a table (built on first use, ~50 000 days): a drag pushes
 * tasks across weeks of working days, and walking day by day cost ~1 µs a day. Outside the
 * table's years, the day-by-day walk below answers.
 */
const TABLE_FIRST_YEAR = 1990;
const TABLE_LAST_YEAR = 2130;
let table: { first: number; last: number; before: Uint16Array } | null = null;

function workingDayTable() {
	if (table) return table;
	const first = dayNumber(`${TABLE_FIRST_YEAR}-01-01`);
	const last = dayNumber(`${TABLE_LAST_YEAR}-12-31`);
	// The holidays read straight from the library: through frenchPublicHolidays, every year of
	// the table stayed cached as a map of date strings (~0.1 MiB of a page's heap) for the few
	// years a plan spans.
	const holidays = new Set<number>();
	for (let year = TABLE_FIRST_YEAR; year <= TABLE_LAST_YEAR; year += 1) {
		for (const date of Object.values(getFrenchHolidays(year))) holidays.add(dayNumber(holidayDate(date)));
	}
	// before[i]: working days in [first, first + i) (~35 000 at most: 16 bits are enough). The
	// n-th working day is found in it by bisection, not kept in a second table.
	const before = new Uint16Array(last - first + 2);
	for (let day = first; day <= last; day += 1) {
		const open = !isWeekendDayNumber(day) && !holidays.has(day);
		before[day - first + 1] = before[day - first]! + (open ? 1 : 0);
	}
	table = { first, last, before };
	return table;
}

/** The day of the table's working day number `index` (0: its first), or null past its end. */
function workingDayAt(index: number): number | null {
	const { first, before } = workingDayTable();
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

/** Working days in [first, day) by the table, or null outside it. */
function workingDaysBefore(day: number): number | null {
	const t = workingDayTable();
	return day >= t.first && day <= t.last + 1 ? t.before[day - t.first]! : null;
}

export function isWorkingDay(date: IsoDate): boolean {
	const day = dayNumber(date);
	const before = workingDaysBefore(day);
	const after = workingDaysBefore(day + 1);
	if (before === null || after === null) return !isWeekendDay(date) && publicHolidayName(date) === undefined;
	return after - before === 1;
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
	// Working days up to and including `date` (forwards) or strictly before it (backwards).
	const rank = workingDaysBefore(count > 0 ? day + 1 : day);
	const found = rank === null ? null : workingDayAt(count > 0 ? rank + count - 1 : rank + count);
	if (found !== null) return dateOfDayNumber(found);
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
	const start = workingDaysBefore(dayNumber(from));
	const end = workingDaysBefore(dayNumber(to) + 1);
	if (start !== null && end !== null) return end - start;
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
