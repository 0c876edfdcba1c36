// Calendar dates as day numbers (days since 1970-01-01), by integer arithmetic only: scheduling
// converts dates thousands of times per drag, and this avoids a Date object per step. The
// algorithms are Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
import type { IsoDate } from './dates';

/** Days since 1970-01-01 of a well-formed "YYYY-MM-DD" (not validated: callers hold IsoDates). */
export function dayNumber(date: IsoDate): number {
	const month = Number(date.slice(5, 7));
	const day = Number(date.slice(8, 10));
	const year = Number(date.slice(0, 4)) - (month <= 2 ? 1 : 0);
	const era = Math.floor(year / 400);
	const yearOfEra = year - era * 400;
	const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146097 + dayOfEra - 719468;
}

/** The "YYYY-MM-DD" of a day number. */
export function dateOfDayNumber(value: number): IsoDate {
	const z = value + 719468;
	const era = Math.floor(z / 146097);
	const dayOfEra = z - era * 146097;
	const yearOfEra = Math.floor(
		(dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365
	);
	const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const shifted = Math.floor((5 * dayOfYear + 2) / 153);
	const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
	const month = shifted < 10 ? shifted + 3 : shifted - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Saturday or Sunday (1970-01-01 was a Thursday). */
export function isWeekendDayNumber(value: number): boolean {
	const weekday = (((value + 4) % 7) + 7) % 7; // 0 = Sunday
	return weekday === 0 || weekday === 6;
}
