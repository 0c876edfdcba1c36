// Calendar dates as "YYYY-MM-DD" strings. They carry no time zone, so a deadline never
// slides by a day between the server, the browser and the database. Arithmetic goes through
// date-fns on local-midnight Date objects and straight back to strings.
import { addDays, differenceInCalendarDays, format, isValid, isWeekend, parse, startOfISOWeek } from 'date-fns';
import { fr } from 'date-fns/locale';

/** A calendar date written "YYYY-MM-DD". */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): value is IsoDate {
	if (!ISO_DATE.test(value)) return false;
	const parsed = parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1));
	return isValid(parsed) && format(parsed, 'yyyy-MM-dd') === value;
}

/** Local midnight of the given calendar date. Throws on a malformed date. */
export function toDate(value: IsoDate): Date {
	if (!isIsoDate(value)) throw new RangeError(`Invalid calendar date: ${value}`);
	const [y, m, d] = value.split('-').map(Number) as [number, number, number];
	// setFullYear, because the Date constructor reads years 0 to 99 as 1900 to 1999.
	const date = new Date(2000, 0, 1);
	date.setFullYear(y, m - 1, d);
	return date;
}

/** The calendar date of a Date, read in local time (never through toISOString). */
export function fromDate(date: Date): IsoDate {
	return format(date, 'yyyy-MM-dd');
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
	return fromDate(addDays(toDate(date), days));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
	return differenceInCalendarDays(toDate(to), toDate(from));
}

export function isWeekendDay(date: IsoDate): boolean {
	return isWeekend(toDate(date));
}

/** Monday of the week containing the date (French weeks start on Monday). */
export function mondayOf(date: IsoDate): IsoDate {
	return fromDate(startOfISOWeek(toDate(date)));
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
	return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
	return a >= b ? a : b;
}

/** "15/12/2025" */
export function formatDateFr(date: IsoDate): string {
	return format(toDate(date), 'dd/MM/yyyy');
}

/** "9 février 2026" */
export function formatLongDateFr(date: IsoDate): string {
	return format(toDate(date), 'd MMMM yyyy', { locale: fr });
}

/** "lundi 9 février 2026" */
export function formatDayDateFr(date: IsoDate): string {
	return format(toDate(date), 'EEEE d MMMM yyyy', { locale: fr });
}

/** "semaine du 9 février 2026": the week is named after its Monday. */
export function formatWeekFr(date: IsoDate): string {
	return `semaine du ${formatLongDateFr(mondayOf(date))}`;
}

/** Today's calendar date where the code runs. */
export function today(now: Date = new Date()): IsoDate {
	return fromDate(now);
}
