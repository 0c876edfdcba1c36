import { describe, expect, it } from 'vitest';
import { mondayOnOrBefore, startWeeksOnMonday } from '$lib/components/gantt/monday-weeks';

const ymd = (d: Date) => [d.getFullYear(), d.getMonth() + 1, d.getDate()];

describe('mondayOnOrBefore', () => {
	it('goes back to the Monday of the week, staying put on a Monday', () => {
		expect(ymd(mondayOnOrBefore(new Date(2026, 1, 12)))).toEqual([2026, 2, 9]); // Thursday
		expect(ymd(mondayOnOrBefore(new Date(2026, 1, 15)))).toEqual([2026, 2, 9]); // Sunday
		expect(ymd(mondayOnOrBefore(new Date(2026, 1, 9)))).toEqual([2026, 2, 9]); // Monday
		expect(ymd(mondayOnOrBefore(new Date(2026, 0, 1)))).toEqual([2025, 12, 29]); // across a year
	});
});

describe('startWeeksOnMonday', () => {
	class FakeGantt {
		gantt_start = new Date(2026, 1, 12);
		config = { view_mode: { name: 'Week' } };
		calls = 0;
		setup_gantt_dates() {
			this.calls += 1;
			this.gantt_start = new Date(2026, 1, 12);
		}
	}

	it('moves the week view start to a Monday, once however often it is applied, and leaves other views', () => {
		startWeeksOnMonday(FakeGantt as never);
		startWeeksOnMonday(FakeGantt as never);
		const week = new FakeGantt();
		week.setup_gantt_dates();
		expect(week.calls).toBe(1);
		expect(ymd(week.gantt_start)).toEqual([2026, 2, 9]);
		const day = new FakeGantt();
		day.config.view_mode.name = 'Day';
		day.setup_gantt_dates();
		expect(ymd(day.gantt_start)).toEqual([2026, 2, 12]);
	});
});
