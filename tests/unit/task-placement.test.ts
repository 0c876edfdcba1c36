import { describe, expect, it } from 'vitest';
import { countWorkingDays, isWorkingDay } from '$lib/domain/calendar';
import { addCalendarDays } from '$lib/domain/dates';
import {
	moveTask,
	placeTask,
	resizeTask,
	shiftByWorkingDays,
	workingDaysFrom,
	workingDuration
} from '$lib/domain/task-placement';

// March–May 2026: Saturday 7 and Sunday 8 March; 1 May (Friday), 8 May (Friday) and Ascension
// (Thursday 14 May) are French public holidays.
const tenDays = { start: '2026-03-23', end: '2026-04-03' }; // Monday to Friday two weeks later

describe('moveTask', () => {
	it('keeps the working-day duration across public holidays (a drag six weeks later)', () => {
		expect(workingDuration(tenDays)).toBe(10);
		const moved = moveTask(tenDays, addCalendarDays(tenDays.start, 42));
		// Shifting both dates by 42 days would give 4–15 May: 8 working days (1 and 8 May, Ascension).
		expect(countWorkingDays('2026-05-04', '2026-05-15')).toBe(8);
		expect(moved).toEqual({ start: '2026-05-04', end: '2026-05-19' });
		expect(countWorkingDays(moved.start, moved.end)).toBe(10);
	});

	it('leaves a weekend in the direction of the move', () => {
		const friday = { start: '2026-03-04', end: '2026-03-06' }; // Wednesday to Friday
		// → three times: Thursday, Friday, then Saturday → Monday; still three working days.
		expect(moveTask(friday, '2026-03-07')).toEqual({ start: '2026-03-09', end: '2026-03-11' });
		const monday = { start: '2026-03-09', end: '2026-03-11' };
		// ← onto Sunday: Friday, and three working days from there.
		expect(moveTask(monday, '2026-03-08')).toEqual({ start: '2026-03-06', end: '2026-03-10' });
	});

	it('never starts or ends on a day off, whatever the day asked', () => {
		const task = { start: '2026-03-02', end: '2026-03-13' };
		for (let shift = -20; shift <= 60; shift += 1) {
			const moved = moveTask(task, addCalendarDays(task.start, shift));
			expect(isWorkingDay(moved.start) && isWorkingDay(moved.end)).toBe(true);
			expect(countWorkingDays(moved.start, moved.end)).toBe(10);
		}
	});
});

describe('resizeTask', () => {
	const task = { start: '2026-03-02', end: '2026-03-06' }; // Monday to Friday
	it('puts a moved end on a working day in the direction it moved', () => {
		expect(resizeTask(task, { start: task.start, end: '2026-03-07' })).toEqual({
			start: task.start,
			end: '2026-03-09'
		});
		expect(resizeTask({ start: task.start, end: '2026-03-09' }, { start: task.start, end: '2026-03-08' })).toEqual({
			start: task.start,
			end: '2026-03-06'
		});
	});

	it('puts a moved start on a working day, and never past the end', () => {
		const long = { start: '2026-03-05', end: '2026-03-10' };
		expect(resizeTask(long, { start: '2026-03-07', end: long.end })).toEqual({ start: '2026-03-09', end: long.end });
		// Pulled back onto Sunday: it starts on the Monday (working time), never on the Friday before.
		expect(resizeTask(long, { start: '2026-03-01', end: long.end })).toEqual({ start: '2026-03-02', end: long.end });
		const short = { start: '2026-03-05', end: '2026-03-09' };
		expect(resizeTask(short, { start: '2026-03-08', end: '2026-03-08' })).toEqual({
			start: '2026-03-09',
			end: '2026-03-09'
		});
	});
});

describe('placeTask', () => {
	const task = { start: '2026-03-02', end: '2026-03-11' }; // 8 working days
	it('reads both dates shifted by the same days as a move', () => {
		expect(placeTask(task, { start: '2026-03-07', end: '2026-03-16' })).toEqual({
			start: '2026-03-09',
			end: '2026-03-18'
		});
	});

	it('reads a new end alone as a resize', () => {
		expect(placeTask(task, { start: task.start, end: '2026-03-14' })).toEqual({ start: task.start, end: '2026-03-16' });
	});

	it('gives back dates it placed itself (the preview and the server agree)', () => {
		for (let shift = -10; shift <= 30; shift += 1) {
			const asked = { start: addCalendarDays(task.start, shift), end: addCalendarDays(task.end, shift) };
			const placed = placeTask(task, asked);
			expect(placeTask(task, placed)).toEqual(placed);
		}
	});
});

describe('shiftByWorkingDays', () => {
	it('moves by working days, keeping the duration', () => {
		expect(workingDaysFrom('2026-03-06', '2026-03-09')).toBe(1);
		expect(workingDaysFrom('2026-03-09', '2026-03-06')).toBe(-1);
		expect(workingDaysFrom('2026-04-30', '2026-05-04')).toBe(1);
		expect(shiftByWorkingDays({ start: '2026-03-05', end: '2026-03-06' }, 1)).toEqual({
			start: '2026-03-06',
			end: '2026-03-09'
		});
	});
});
