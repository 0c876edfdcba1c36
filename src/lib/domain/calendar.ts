// Working-day calendar: Monday to Friday, minus French public holidays (metropolitan list,
// from @socialgouv/jours-feries, which computes Easter-based holidays for any year).
import getFrenchHolidays from '@socialgouv/jours-feries';
import { addHours } from 'date-fns';
import { addCalendarDays, fromDate, isWeekendDay, type IsoDate } from './dates';

const holidayCache = new Map<number, Map<IsoDate, string>>();

/** French public holidays of a year, by date, with their French names. */
export function frenchPublicHolidays(year: number): Map<IsoDate, string> {
	let holidays = holidayCache.get(year);
	if (!holidays) {
		holidays = new Map();
		for (const [name, date] of Object.entries(getFrenchHolidays(year))) {
			// The library adds 24-hour steps to Easter: where daylight saving ends in between
			// (southern hemisphere), it lands at 23:00 the day before. Round to the nearest day.
			holidays.set(fromDate(addHours(date, 12)), name);
		}
		holidayCache.set(year, holidays);
	}
	return holidays;
}

export function publicHolidayName(date: IsoDate): string | undefined {
	return frenchPublicHolidays(Number(date.slice(0, 4))).get(date);
}

export function isWorkingDay(date: IsoDate): boolean {
	return !isWeekendDay(date) && publicHolidayName(date) === undefined;
}

/** The date itself if it is a working day, otherwise the next working day. */
export function nextWorkingDayFrom(date: IsoDate): IsoDate {
	let day = date;
	while (!isWorkingDay(day)) day = addCalendarDays(day, 1);
	return day;
}

/**
 * The `count`-th working day after `date` (the start date itself is not counted):
 * "10 jours ouvrés après le lundi 22 décembre" skips the weekends, 25 December and 1 January.
 * A negative count goes backwards; zero returns the date unchanged.
 */
export function addWorkingDays(date: IsoDate, count: number): IsoDate {
	const step = count < 0 ? -1 : 1;
	let remaining = Math.abs(count);
	let day = date;
	while (remaining > 0) {
		day = addCalendarDays(day, step);
		if (isWorkingDay(day)) remaining -= 1;
	}
	return day;
}

/** Working days in the inclusive range [from, to]; 0 when `to` is before `from`. */
export function countWorkingDays(from: IsoDate, to: IsoDate): number {
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
