// Expected dates checked by hand against a calendar. Easter: 31 March 2024, 20 April 2025,
// 5 April 2026.
import { describe, expect, it, vi } from 'vitest';
import {
	addWorkingDays,
	countWorkingDays,
	frenchPublicHolidays,
	isWorkingDay,
	nextWorkingDayFrom,
	publicHolidayName,
	publicHolidaysBetween
} from '$lib/domain/calendar';
import { addCalendarDays, isWeekendDay } from '$lib/domain/dates';

describe('frenchPublicHolidays', () => {
	it('lists the eleven metropolitan holidays of 2026', () => {
		expect([...frenchPublicHolidays(2026).keys()].sort()).toEqual([
			'2026-01-01',
			'2026-04-06', // Easter Monday
			'2026-05-01',
			'2026-05-08',
			'2026-05-14', // Ascension
			'2026-05-25', // Whit Monday
			'2026-07-14',
			'2026-08-15',
			'2026-11-01',
			'2026-11-11',
			'2026-12-25'
		]);
	});

	it('computes the Easter-based holidays of 2025 and 2024', () => {
		const h2025 = frenchPublicHolidays(2025);
		expect(h2025.get('2025-04-21')).toBe('Lundi de Pâques');
		expect(h2025.get('2025-05-29')).toBe('Ascension');
		expect(h2025.get('2025-06-09')).toBe('Lundi de Pentecôte');
		const h2024 = frenchPublicHolidays(2024);
		expect(h2024.get('2024-04-01')).toBe('Lundi de Pâques');
		expect(h2024.get('2024-05-09')).toBe('Ascension');
		expect(h2024.get('2024-05-20')).toBe('Lundi de Pentecôte');
	});

	it('leaves out the Alsace-Moselle holidays', () => {
		expect(frenchPublicHolidays(2026).has('2026-04-03')).toBe(false); // Good Friday
		expect(frenchPublicHolidays(2025).has('2025-12-26')).toBe(false); // St Stephen's Day
		expect(isWorkingDay('2025-12-26')).toBe(true);
	});

	// The holiday library steps from Easter in 24-hour blocks; where daylight saving ends between
	// Easter and Whit Monday (southern hemisphere), those dates used to land on the eve.
	it.each(['Australia/Sydney', 'Pacific/Auckland', 'America/Santiago', 'Europe/Paris', 'America/Los_Angeles'])(
		'finds Easter Monday, Ascension and Whit Monday on the right day in %s',
		async (zone) => {
			const previous = process.env.TZ;
			process.env.TZ = zone;
			try {
				vi.resetModules(); // a fresh holiday cache, filled in this zone
				const calendar = await import('$lib/domain/calendar');
				for (const [date, name] of [
					['2024-04-01', 'Lundi de Pâques'],
					['2024-05-09', 'Ascension'],
					['2024-05-20', 'Lundi de Pentecôte'],
					['2026-04-06', 'Lundi de Pâques'],
					['2026-05-14', 'Ascension'],
					['2026-05-25', 'Lundi de Pentecôte']
				] as const) {
					expect(calendar.publicHolidayName(date)).toBe(name);
				}
				expect(calendar.addWorkingDays('2026-04-03', 1)).toBe('2026-04-07');
			} finally {
				if (previous === undefined) delete process.env.TZ;
				else process.env.TZ = previous;
				vi.resetModules();
			}
		}
	);
});

describe('publicHolidayName', () => {
	it('names the holidays in French', () => {
		expect(publicHolidayName('2025-12-25')).toBe('Noël');
		expect(publicHolidayName('2026-01-01')).toBe("Jour de l'an");
		expect(publicHolidayName('2026-07-14')).toBe('Fête Nationale');
		expect(publicHolidayName('2025-11-11')).toBe('Armistice');
	});

	it('is undefined on an ordinary day', () => {
		expect(publicHolidayName('2025-12-24')).toBeUndefined();
		expect(publicHolidayName('2026-04-05')).toBeUndefined(); // Easter Sunday itself
	});
});

describe('isWorkingDay', () => {
	it('is true on an ordinary weekday', () => {
		expect(isWorkingDay('2025-11-24')).toBe(true); // Monday
		expect(isWorkingDay('2025-12-24')).toBe(true); // Wednesday, Christmas Eve
	});

	it('is false on weekends', () => {
		expect(isWorkingDay('2025-11-29')).toBe(false);
		expect(isWorkingDay('2025-11-30')).toBe(false);
	});

	it('is false on public holidays falling on weekdays', () => {
		expect(isWorkingDay('2025-12-25')).toBe(false); // Thursday
		expect(isWorkingDay('2026-01-01')).toBe(false); // Thursday
		expect(isWorkingDay('2026-04-06')).toBe(false); // Easter Monday
		expect(isWorkingDay('2026-05-14')).toBe(false); // Ascension
		expect(isWorkingDay('2026-05-25')).toBe(false); // Whit Monday
		expect(isWorkingDay('2025-04-21')).toBe(false);
		expect(isWorkingDay('2025-05-29')).toBe(false);
		expect(isWorkingDay('2025-11-11')).toBe(false); // Tuesday
	});

	it('is true on the days around Easter-based holidays', () => {
		expect(isWorkingDay('2026-04-07')).toBe(true);
		expect(isWorkingDay('2026-05-15')).toBe(true); // the Friday after Ascension (a "pont", still worked)
	});
});

describe('nextWorkingDayFrom', () => {
	it('keeps a working day', () => {
		expect(nextWorkingDayFrom('2025-12-24')).toBe('2025-12-24');
	});

	it('skips a weekend', () => {
		expect(nextWorkingDayFrom('2025-11-29')).toBe('2025-12-01');
		expect(nextWorkingDayFrom('2025-11-30')).toBe('2025-12-01');
	});

	it('skips holidays and the weekend that follows them', () => {
		expect(nextWorkingDayFrom('2025-12-25')).toBe('2025-12-26');
		expect(nextWorkingDayFrom('2026-01-01')).toBe('2026-01-02');
		// Saturday, Easter Sunday, Easter Monday.
		expect(nextWorkingDayFrom('2026-04-04')).toBe('2026-04-07');
		// Saturday, Sunday, Whit Monday.
		expect(nextWorkingDayFrom('2026-05-23')).toBe('2026-05-26');
		expect(nextWorkingDayFrom('2026-05-14')).toBe('2026-05-15');
	});

	it('crosses into the next year', () => {
		expect(nextWorkingDayFrom('2022-12-31')).toBe('2023-01-02'); // Saturday, then Sunday 1 January
	});
});

describe('addWorkingDays', () => {
	it('counts 10 working days after Monday 22 December 2025, skipping 25 December and 1 January', () => {
		// 23, 24, 26, 29, 30, 31 December, 2, 5, 6, 7 January.
		expect(addWorkingDays('2025-12-22', 10)).toBe('2026-01-07');
	});

	it('does not count the start date', () => {
		expect(addWorkingDays('2025-11-24', 1)).toBe('2025-11-25');
		expect(addWorkingDays('2025-11-24', 10)).toBe('2025-12-08');
	});

	it('returns the date unchanged for zero, even on a non-working day', () => {
		expect(addWorkingDays('2025-12-25', 0)).toBe('2025-12-25');
		expect(addWorkingDays('2025-11-29', 0)).toBe('2025-11-29');
	});

	it('skips weekends', () => {
		expect(addWorkingDays('2025-11-28', 1)).toBe('2025-12-01'); // Friday → Monday
		expect(addWorkingDays('2025-11-29', 1)).toBe('2025-12-01'); // from a Saturday
		expect(addWorkingDays('2025-11-24', 5)).toBe('2025-12-01');
	});

	it('skips Easter Monday and Ascension in 2026', () => {
		expect(addWorkingDays('2026-04-03', 1)).toBe('2026-04-07');
		expect(addWorkingDays('2026-04-02', 2)).toBe('2026-04-07');
		expect(addWorkingDays('2026-05-13', 1)).toBe('2026-05-15');
		// 1 May and 8 May are Fridays in 2026.
		expect(addWorkingDays('2026-04-30', 1)).toBe('2026-05-04');
		expect(addWorkingDays('2026-05-07', 1)).toBe('2026-05-11');
		expect(addWorkingDays('2026-05-22', 1)).toBe('2026-05-26');
	});

	it('skips Easter Monday and Ascension in 2025', () => {
		expect(addWorkingDays('2025-04-18', 1)).toBe('2025-04-22');
		expect(addWorkingDays('2025-05-28', 1)).toBe('2025-05-30');
		expect(addWorkingDays('2025-06-06', 1)).toBe('2025-06-10');
	});

	it('goes backwards with a negative count', () => {
		expect(addWorkingDays('2026-01-07', -10)).toBe('2025-12-22');
		expect(addWorkingDays('2026-01-02', -1)).toBe('2025-12-31');
		expect(addWorkingDays('2026-01-05', -1)).toBe('2026-01-02');
		expect(addWorkingDays('2025-12-26', -1)).toBe('2025-12-24');
		expect(addWorkingDays('2026-04-07', -1)).toBe('2026-04-03');
		expect(addWorkingDays('2026-05-15', -1)).toBe('2026-05-13');
		// 11 November 2025 is a Tuesday.
		expect(addWorkingDays('2025-11-24', -10)).toBe('2025-11-07');
	});
});

describe('countWorkingDays', () => {
	it('counts the inclusive range', () => {
		expect(countWorkingDays('2025-11-24', '2025-11-24')).toBe(1);
		expect(countWorkingDays('2025-11-24', '2025-11-28')).toBe(5);
		expect(countWorkingDays('2025-11-24', '2025-11-30')).toBe(5);
		expect(countWorkingDays('2025-11-24', '2025-12-01')).toBe(6);
	});

	it('is 0 for a range holding only non-working days', () => {
		expect(countWorkingDays('2025-12-25', '2025-12-25')).toBe(0);
		expect(countWorkingDays('2025-11-29', '2025-11-30')).toBe(0);
	});

	it('is 0 when the end is before the start', () => {
		expect(countWorkingDays('2025-12-05', '2025-12-01')).toBe(0);
	});

	it('agrees with addWorkingDays across Christmas and New Year', () => {
		expect(countWorkingDays('2025-12-22', '2026-01-07')).toBe(11);
		expect(countWorkingDays('2025-12-23', '2026-01-07')).toBe(10);
	});

	it('counts whole months', () => {
		// 23 weekdays minus 25 December.
		expect(countWorkingDays('2025-12-01', '2025-12-31')).toBe(22);
		// 22 weekdays minus Easter Monday.
		expect(countWorkingDays('2026-04-01', '2026-04-30')).toBe(21);
		// 21 weekdays minus 1 May, 8 May, Ascension and Whit Monday.
		expect(countWorkingDays('2026-05-01', '2026-05-31')).toBe(17);
		// 22 weekdays minus 1 May, 8 May and Ascension (all Thursdays).
		expect(countWorkingDays('2025-05-01', '2025-05-31')).toBe(19);
	});
});

describe('publicHolidaysBetween', () => {
	it('lists the holidays of a range spanning two years, in order', () => {
		expect(publicHolidaysBetween('2025-12-20', '2026-01-10')).toEqual([
			{ date: '2025-12-25', name: 'Noël' },
			{ date: '2026-01-01', name: "Jour de l'an" }
		]);
	});

	it('includes both ends', () => {
		expect(publicHolidaysBetween('2026-05-14', '2026-05-25').map((h) => h.date)).toEqual(['2026-05-14', '2026-05-25']);
	});

	it('is empty for a range without holidays', () => {
		expect(publicHolidaysBetween('2026-02-01', '2026-02-28')).toEqual([]);
	});

	it('covers the whole CUF mission', () => {
		expect(publicHolidaysBetween('2025-11-24', '2026-03-20').map((h) => h.date)).toEqual(['2025-12-25', '2026-01-01']);
	});
});

describe('the working-day table', () => {
	// The day-by-day walk the table replaces: the n-th working day after a date.
	function walk(date: string, count: number): string {
		const step = count < 0 ? -1 : 1;
		let current = date;
		for (let remaining = Math.abs(count); remaining > 0;) {
			current = addCalendarDays(current, step);
			if (!isWeekendDay(current) && publicHolidayName(current) === undefined) remaining -= 1;
		}
		return current;
	}

	it('answers as the day-by-day walk, forwards and backwards, up to and across its ends', () => {
		const starts = ['1990-01-01', '1990-01-03', '1999-12-31', '2026-04-03', '2026-05-08', '2099-12-31'];
		starts.push('2130-12-24', '2130-12-31', '2131-01-02', '1989-12-29');
		for (let year = 1991; year <= 2129; year += 7) starts.push(`${year}-0${1 + (year % 9)}-1${year % 10}`);
		for (const start of starts) {
			for (const count of [1, 2, 5, 6, 11, 23, 260, -1, -3, -5, -12, -260]) {
				expect(addWorkingDays(start, count), `${start} ${count}`).toBe(walk(start, count));
			}
		}
	});

	it('grows from the years first asked for to dates far outside them, in either direction', async () => {
		// A fresh module: its table starts from the first date asked (a plan of 2026) and must grow.
		vi.resetModules();
		const fresh = await import('$lib/domain/calendar');
		const asked: [string, number][] = [
			['2026-02-09', 15],
			['2026-02-09', 5000],
			['2026-02-09', -5000],
			['2031-12-31', 2],
			['2126-05-01', 300],
			['1992-03-02', -40]
		];
		for (const [start, count] of asked)
			expect(fresh.addWorkingDays(start, count), `${start} ${count}`).toBe(walk(start, count));
		vi.resetModules();
		const other = await import('$lib/domain/calendar');
		expect(other.countWorkingDays('2026-02-09', '2060-06-30')).toBe(countWorkingDays('2026-02-09', '2060-06-30'));
		expect(other.isWorkingDay('2101-07-14')).toBe(false);
		expect(other.isWorkingDay('2101-07-15')).toBe(true);
	});

	it('counts from the table as day by day, at its first and last days', () => {
		const dayByDay = (from: string, to: string) => {
			let count = 0;
			for (let day = from; day <= to; day = addCalendarDays(day, 1))
				if (!isWeekendDay(day) && publicHolidayName(day) === undefined) count += 1;
			return count;
		};
		for (const [from, to] of [
			['1990-01-01', '1990-01-31'],
			['1989-12-20', '1990-01-10'],
			['2130-12-01', '2130-12-31'],
			['2130-12-20', '2131-01-10']
		] as const)
			expect(countWorkingDays(from, to), `${from} ${to}`).toBe(dayByDay(from, to));
	});
});
