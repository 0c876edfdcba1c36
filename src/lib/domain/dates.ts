// Calendar dates as "YYYY-MM-DD" strings. They carry no time zone, so a deadline never
// slides by a day between the server, the browser and the database. Arithmetic goes through
// date-fns on local-midnight Date objects and straight back to strings.
import { addDays, differenceInCalendarDays, isValid, isWeekend, startOfISOWeek } from 'date-fns';

/** A calendar date written "YYYY-MM-DD". */
export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): value is IsoDate {
	return localMidnight(value) !== null;
}

/**
 * The calendar Jalon accepts, everywhere (API, forms, imports): a mission of the years 2000 to
 * 2099. Wider dates only ever came from typos ("0002-01-17") or hostile input, and a task on
 * 9999-12-31 made every renderer of a time axis fail.
 */
export const EARLIEST_DATE: IsoDate = '2000-01-01';
export const LATEST_DATE: IsoDate = '2099-12-31';

/** A real calendar date within [EARLIEST_DATE, LATEST_DATE]. */
export function isDateInRange(value: string): value is IsoDate {
	return isIsoDate(value) && value >= EARLIEST_DATE && value <= LATEST_DATE;
}

/**
 * Local midnight of "YYYY-MM-DD", or null when malformed or not a real day (2026-02-30).
 * Hand-written rather than date-fns' parse + format: scheduling converts dates thousands of
 * times per drag, and this round trip is ~20 times cheaper for the same answer.
 */
function localMidnight(value: string): Date | null {
	if (!ISO_DATE.test(value)) return null;
	const y = Number(value.slice(0, 4));
	const m = Number(value.slice(5, 7));
	const d = Number(value.slice(8, 10));
	// setFullYear, because the Date constructor reads years 0 to 99 as 1900 to 1999.
	const date = new Date(2000, 0, 1);
	date.setFullYear(y, m - 1, d);
	// An impossible day rolls over into the next month: the fields no longer match.
	return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? date : null;
}

/** Local midnight of the given calendar date. Throws on a malformed date. */
export function toDate(value: IsoDate): Date {
	const date = localMidnight(value);
	if (!date) throw new RangeError(`Invalid calendar date: ${value}`);
	return date;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** The calendar date of a Date, read in local time (never through toISOString). */
export function fromDate(date: Date): IsoDate {
	if (!isValid(date)) throw new RangeError('Invalid Date');
	return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
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

// French names, written out rather than through date-fns' format and its French locale: every
// page shows dates, and those two weighed ~6 KiB gzip of each page's script. A unit test checks
// these against date-fns for every day Jalon accepts.
const MONTHS = [
	'janvier',
	'février',
	'mars',
	'avril',
	'mai',
	'juin',
	'juillet',
	'août',
	'septembre',
	'octobre',
	'novembre',
	'décembre'
];
const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

/** "15/12/2025" */
export function formatDateFr(date: IsoDate): string {
	const day = toDate(date);
	return `${pad(day.getDate(), 2)}/${pad(day.getMonth() + 1, 2)}/${day.getFullYear()}`;
}

/** "9 février 2026" */
export function formatLongDateFr(date: IsoDate): string {
	const day = toDate(date);
	return `${day.getDate()} ${MONTHS[day.getMonth()]} ${day.getFullYear()}`;
}

/** "lundi 9 février 2026" */
export function formatDayDateFr(date: IsoDate): string {
	return `${WEEKDAYS[toDate(date).getDay()]} ${formatLongDateFr(date)}`;
}

/** "semaine du 9 février 2026": the week is named after its Monday. */
export function formatWeekFr(date: IsoDate): string {
	return `semaine du ${formatLongDateFr(mondayOf(date))}`;
}

/** Today's calendar date where the code runs. */
export function today(now: Date = new Date()): IsoDate {
	return fromDate(now);
}
