// Every expected date below was checked against a calendar, not copied from the code's output.
// Run the suite under several zones too: TZ=Europe/Paris and TZ=America/Los_Angeles.
import { format } from 'date-fns';
import { fr } from 'date-fns/locale';
import { describe, expect, it } from 'vitest';
import {
	addCalendarDays,
	daysBetween,
	EARLIEST_DATE,
	formatDateFr,
	formatDayDateFr,
	formatLongDateFr,
	formatWeekFr,
	fromDate,
	isIsoDate,
	isWeekendDay,
	LATEST_DATE,
	maxDate,
	minDate,
	mondayOf,
	toDate,
	today
} from '$lib/domain/dates';

describe('isIsoDate', () => {
	it('accepts real calendar dates', () => {
		expect(isIsoDate('2025-11-24')).toBe(true);
		expect(isIsoDate('2025-12-31')).toBe(true);
		expect(isIsoDate('2026-01-01')).toBe(true);
	});

	it('accepts 29 February only in leap years', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2000-02-29')).toBe(true);
		expect(isIsoDate('2025-02-29')).toBe(false);
		// 2100 is divisible by 100 but not by 400: not a leap year.
		expect(isIsoDate('2100-02-29')).toBe(false);
	});

	it('rejects days and months out of range', () => {
		expect(isIsoDate('2025-04-31')).toBe(false);
		expect(isIsoDate('2025-13-01')).toBe(false);
		expect(isIsoDate('2025-00-10')).toBe(false);
		expect(isIsoDate('2025-01-00')).toBe(false);
		expect(isIsoDate('2025-01-32')).toBe(false);
	});

	it('rejects anything that is not exactly YYYY-MM-DD', () => {
		expect(isIsoDate('2025-1-5')).toBe(false);
		expect(isIsoDate('2025-01-5')).toBe(false);
		expect(isIsoDate('25-01-05')).toBe(false);
		expect(isIsoDate('05/01/2025')).toBe(false);
		expect(isIsoDate('2025-01-05T00:00:00Z')).toBe(false);
		expect(isIsoDate(' 2025-01-05')).toBe(false);
		expect(isIsoDate('2025-01-05 ')).toBe(false);
		expect(isIsoDate('')).toBe(false);
	});
});

describe('toDate / fromDate', () => {
	it('gives local midnight of the calendar date', () => {
		const date = toDate('2025-11-24');
		expect(date.getFullYear()).toBe(2025);
		expect(date.getMonth()).toBe(10);
		expect(date.getDate()).toBe(24);
		expect(date.getHours()).toBe(0);
		expect(date.getMinutes()).toBe(0);
	});

	it('throws a RangeError on a malformed or impossible date', () => {
		expect(() => toDate('2025-02-29')).toThrow(RangeError);
		expect(() => toDate('2025-1-5')).toThrow(RangeError);
		expect(() => toDate('not a date')).toThrow(/Invalid calendar date: not a date/);
	});

	it('reads the date of a Date in local time', () => {
		expect(fromDate(new Date(2025, 11, 31))).toBe('2025-12-31');
		// Late in the evening, local time: toISOString would already say the next day east of UTC
		// and this must not.
		expect(fromDate(new Date(2025, 11, 31, 23, 59))).toBe('2025-12-31');
		expect(fromDate(new Date(2026, 0, 1, 0, 1))).toBe('2026-01-01');
	});

	it('round-trips every day of a leap year', () => {
		let day = '2024-01-01';
		for (let i = 0; i < 366; i += 1) {
			expect(fromDate(toDate(day))).toBe(day);
			day = addCalendarDays(day, 1);
		}
		expect(day).toBe('2025-01-01');
	});

	it('round-trips years before 100, which the Date constructor maps to 19xx', () => {
		expect(isIsoDate('0050-06-15')).toBe(true);
		expect(fromDate(toDate('0050-06-15'))).toBe('0050-06-15');
		expect(addCalendarDays('0050-06-15', 1)).toBe('0050-06-16');
	});
});

describe('today', () => {
	it('is the local calendar date of the given instant', () => {
		expect(today(new Date(2026, 0, 31, 23, 30))).toBe('2026-01-31');
		expect(today(new Date(2026, 1, 1, 0, 5))).toBe('2026-02-01');
	});

	it('defaults to now', () => {
		expect(isIsoDate(today())).toBe(true);
	});
});

describe('addCalendarDays', () => {
	it('counts the deadlines of the terms of reference from the kick-off', () => {
		expect(addCalendarDays('2025-11-24', 21)).toBe('2025-12-15');
		expect(addCalendarDays('2025-11-24', 42)).toBe('2026-01-05');
		expect(addCalendarDays('2025-11-24', 105)).toBe('2026-03-09');
	});

	it('crosses month ends, year ends and 29 February', () => {
		expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01');
		expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addCalendarDays('2025-02-28', 1)).toBe('2025-03-01');
		expect(addCalendarDays('2025-03-01', -1)).toBe('2025-02-28');
	});

	it('goes backwards with a negative count and is the identity at zero', () => {
		expect(addCalendarDays('2026-01-05', -42)).toBe('2025-11-24');
		expect(addCalendarDays('2026-01-05', 0)).toBe('2026-01-05');
	});

	it('does not slip a day across daylight-saving changes', () => {
		// Europe: 29 March and 25 October 2026; United States: 8 March and 1 November 2026.
		expect(addCalendarDays('2026-03-28', 1)).toBe('2026-03-29');
		expect(addCalendarDays('2026-03-28', 2)).toBe('2026-03-30');
		expect(addCalendarDays('2026-03-07', 2)).toBe('2026-03-09');
		expect(addCalendarDays('2026-10-24', 2)).toBe('2026-10-26');
		expect(addCalendarDays('2026-10-31', 2)).toBe('2026-11-02');
		expect(addCalendarDays('2026-11-02', -2)).toBe('2026-10-31');
	});
});

describe('daysBetween', () => {
	it('is positive when the second date is later, negative otherwise', () => {
		expect(daysBetween('2025-11-24', '2025-12-15')).toBe(21);
		expect(daysBetween('2025-12-15', '2025-11-24')).toBe(-21);
		expect(daysBetween('2025-11-24', '2025-11-24')).toBe(0);
	});

	it('counts whole calendar days across daylight-saving changes and leap days', () => {
		expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
		expect(daysBetween('2026-10-01', '2026-11-30')).toBe(60);
		expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
		expect(daysBetween('2025-02-01', '2025-03-01')).toBe(28);
		expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
	});
});

describe('isWeekendDay', () => {
	it('is true on Saturday and Sunday only', () => {
		expect(isWeekendDay('2025-11-29')).toBe(true); // Saturday
		expect(isWeekendDay('2025-11-30')).toBe(true); // Sunday
		expect(isWeekendDay('2025-11-24')).toBe(false); // Monday
		expect(isWeekendDay('2025-11-28')).toBe(false); // Friday
		// A public holiday on a weekday is not a weekend day.
		expect(isWeekendDay('2025-12-25')).toBe(false);
	});
});

describe('mondayOf', () => {
	it('returns the Monday itself for a Monday', () => {
		expect(mondayOf('2026-02-09')).toBe('2026-02-09');
	});

	it('returns the previous Monday for the rest of the week, Sunday included', () => {
		expect(mondayOf('2026-02-10')).toBe('2026-02-09');
		expect(mondayOf('2026-02-13')).toBe('2026-02-09');
		expect(mondayOf('2026-02-14')).toBe('2026-02-09');
		// French weeks start on Monday: Sunday belongs to the week that is ending.
		expect(mondayOf('2026-02-15')).toBe('2026-02-09');
		expect(mondayOf('2026-02-16')).toBe('2026-02-16');
	});

	it('crosses month and year boundaries', () => {
		expect(mondayOf('2026-01-01')).toBe('2025-12-29');
		expect(mondayOf('2026-03-01')).toBe('2026-02-23');
	});
});

describe('minDate / maxDate', () => {
	it('compare calendar dates', () => {
		expect(minDate('2025-12-15', '2026-01-05')).toBe('2025-12-15');
		expect(minDate('2026-01-05', '2025-12-15')).toBe('2025-12-15');
		expect(maxDate('2025-12-15', '2026-01-05')).toBe('2026-01-05');
		expect(maxDate('2026-01-05', '2025-12-15')).toBe('2026-01-05');
		expect(maxDate('2025-12-15', '2025-12-15')).toBe('2025-12-15');
	});
});

describe('French formatting', () => {
	it('formatDateFr writes dd/MM/yyyy', () => {
		expect(formatDateFr('2025-12-15')).toBe('15/12/2025');
		expect(formatDateFr('2026-01-05')).toBe('05/01/2026');
	});

	it('formatLongDateFr writes the month in French without a leading zero', () => {
		expect(formatLongDateFr('2026-02-09')).toBe('9 février 2026');
		expect(formatLongDateFr('2026-03-01')).toBe('1 mars 2026');
		expect(formatLongDateFr('2025-08-15')).toBe('15 août 2025');
	});

	it('writes every accepted day as date-fns with its French locale does', () => {
		for (let date = EARLIEST_DATE; date <= LATEST_DATE; date = addCalendarDays(date, 1)) {
			const day = toDate(date);
			expect(formatDateFr(date)).toBe(format(day, 'dd/MM/yyyy'));
			expect(formatDayDateFr(date)).toBe(format(day, 'EEEE d MMMM yyyy', { locale: fr }));
		}
	});

	it('formatDayDateFr adds the French weekday', () => {
		expect(formatDayDateFr('2026-02-09')).toBe('lundi 9 février 2026');
		expect(formatDayDateFr('2025-12-25')).toBe('jeudi 25 décembre 2025');
	});

	it('formatWeekFr names the week after its Monday', () => {
		expect(formatWeekFr('2026-02-09')).toBe('semaine du 9 février 2026');
		expect(formatWeekFr('2026-02-12')).toBe('semaine du 9 février 2026');
		expect(formatWeekFr('2026-02-15')).toBe('semaine du 9 février 2026');
		expect(formatWeekFr('2025-11-26')).toBe('semaine du 24 novembre 2025');
		expect(formatWeekFr('2026-01-01')).toBe('semaine du 29 décembre 2025');
	});
});
