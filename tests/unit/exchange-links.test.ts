// Link types and lags in MS Project XML and GanttProject, and the calendar-day lag Jalon stores.
import { describe, expect, it } from 'vitest';
import { nextWorkingDayFrom } from '$lib/domain/calendar';
import { addCalendarDays } from '$lib/domain/dates';
import { linkBound } from '$lib/domain/schedule';
import {
	calendarLagForWorkingLag,
	ganttProjectBound,
	ganttProjectDifference,
	ganttProjectLinkType,
	lagFromMspdi,
	linkTypeFromGanttProject,
	linkTypeFromMspdi,
	mspdiLag,
	mspdiLinkType,
	workingLagForCalendarLag,
	type LinkType
} from '$lib/server/exchange/links';

// Where Jalon starts a finish-to-start successor: the first working day from end + 1 + lag.
const startAfter = (end: string, lag: number) => nextWorkingDayFrom(addCalendarDays(end, 1 + lag));

const TYPES: LinkType[] = ['FS', 'SS', 'FF', 'SF'];

describe('link types', () => {
	it('MSPDI codes: 0 = FF, 1 = FS, 2 = SF, 3 = SS, both ways', () => {
		expect(TYPES.map(mspdiLinkType)).toEqual([1, 3, 0, 2]);
		expect(['0', '1', '2', '3'].map(linkTypeFromMspdi)).toEqual(['FF', 'FS', 'SF', 'SS']);
		expect(linkTypeFromMspdi(undefined)).toBe('FS');
		expect(linkTypeFromMspdi('7')).toBeNull();
	});

	it('GanttProject codes: 1 = SS, 2 = FS, 3 = FF, 4 = SF, both ways', () => {
		expect(TYPES.map(ganttProjectLinkType)).toEqual([2, 1, 3, 4]);
		expect(TYPES.map((t) => linkTypeFromGanttProject(ganttProjectLinkType(t)))).toEqual(TYPES);
		expect(linkTypeFromGanttProject('9')).toBeNull();
	});
});

describe('MSPDI lags', () => {
	it('writes working days as LagFormat 7 (480 min a day) and elapsed days as LagFormat 8 (1440 min)', () => {
		expect(mspdiLag({ days: 1, unit: 'WORKING_DAYS' })).toEqual({ LinkLag: 4800, LagFormat: 7 });
		expect(mspdiLag({ days: 7, unit: 'ELAPSED_DAYS' })).toEqual({ LinkLag: 100800, LagFormat: 8 });
		expect(mspdiLag({ days: -2, unit: 'ELAPSED_DAYS' })).toEqual({ LinkLag: -28800, LagFormat: 8 });
	});

	it('reads every unit back as days of the same kind; percentages cannot be read', () => {
		expect(lagFromMspdi('4800', '7')).toEqual({ days: 1, unit: 'WORKING_DAYS' });
		expect(lagFromMspdi('24000', '9')).toEqual({ days: 5, unit: 'WORKING_DAYS' }); // 1 week
		expect(lagFromMspdi('100800', '8')).toEqual({ days: 7, unit: 'ELAPSED_DAYS' });
		expect(lagFromMspdi('28800', '6')).toEqual({ days: 2, unit: 'ELAPSED_DAYS' }); // 48 elapsed hours
		expect(lagFromMspdi('4800', '39')).toEqual({ days: 1, unit: 'WORKING_DAYS' }); // estimated days
		expect(lagFromMspdi('-4800', '7')).toEqual({ days: -1, unit: 'WORKING_DAYS' });
		expect(lagFromMspdi('50', '19')).toBeNull();
		for (const days of [-3, 0, 4, 30]) {
			const { LinkLag, LagFormat } = mspdiLag({ days, unit: 'ELAPSED_DAYS' });
			expect(lagFromMspdi(LinkLag, LagFormat)).toEqual({ days, unit: 'ELAPSED_DAYS' });
		}
	});
});

describe('working-day lags as calendar days', () => {
	it('gives the same start under the French calendar, with the smallest lag', () => {
		// Friday 19 December 2025: no lag starts Monday 22 (lag 0, Jalon skips the weekend itself).
		expect(calendarLagForWorkingLag('2025-12-19', 0)).toBe(0);
		// 1 working day after Friday: Tuesday 23 → 3 calendar days (Sat and Sun are enough to reach Monday).
		expect(calendarLagForWorkingLag('2025-12-19', 1)).toBe(3);
		// 3 working days after Monday 22 December: 23, 24, 26 then Monday 29 (Christmas skipped):
		// a lag of 4 (Saturday 27, moved to Monday).
		expect(calendarLagForWorkingLag('2025-12-22', 3)).toBe(4);
		// A lead: −1 working day after Monday 5 January 2026 → start Monday 5.
		expect(calendarLagForWorkingLag('2026-01-05', -1)).toBe(-1);
	});

	it('round-trips through working days when the start is a working day', () => {
		for (const [end, lag] of [
			['2025-12-19', 3],
			['2025-12-22', 10],
			['2026-04-30', 0],
			['2026-03-02', -2]
		] as const) {
			const working = workingLagForCalendarLag(end, lag);
			expect(startAfter(end, calendarLagForWorkingLag(end, working))).toBe(startAfter(end, lag));
		}
		// Monday 22 December + 10 calendar days: Friday 2 January, 6 working days later (25/12 and 1/1 off).
		expect(workingLagForCalendarLag('2025-12-22', 10)).toBe(6);
	});
});

describe('GanttProject differences', () => {
	const thursday = { id: 'a', name: 'A', start: '2026-01-08', end: '2026-01-08' };
	const difference = (type: 'FS' | 'SS' | 'FF' | 'SF', lagDays: number, lagUnit: 'WORKING_DAYS' | 'ELAPSED_DAYS') => {
		const link = { type, lagDays, lagUnit };
		return ganttProjectDifference(link, thursday, linkBound(link, thursday));
	};

	it('measures each type from the right end of the predecessor', () => {
		// DD+3jé from Thursday 08/01/2026: Sunday 11, so Monday 12; GanttProject: 2 working days from the start.
		expect(difference('SS', 3, 'ELAPSED_DAYS')).toBe(2);
		expect(ganttProjectBound('SS', 2, thursday)).toEqual({ on: 'start', date: '2026-01-12' });
		// DF+2jé: ends no earlier than Friday 09 (the day before Saturday 10): 2, not 0.
		expect(difference('SF', 2, 'ELAPSED_DAYS')).toBe(2);
		expect(ganttProjectBound('SF', 2, thursday)).toEqual({ on: 'end', date: '2026-01-09' });
		// FD+3jé from Thursday's end: Monday 12 too, one working day after Friday.
		expect(difference('FS', 3, 'ELAPSED_DAYS')).toBe(1);
		// Working-day lags stay as they are.
		expect(difference('FS', 2, 'WORKING_DAYS')).toBe(2);
		expect(difference('SS', -1, 'WORKING_DAYS')).toBe(-1);
	});
});
