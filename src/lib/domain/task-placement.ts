// Where a task lands when someone changes its dates (a drag, an arrow key, the table, the API), as
// MS Project does: a move keeps the task's duration in working days and starts it on a working
// day; a resize changes the duration, and the end it moves lands on a working day too. A day off
// reached by a change is left in the direction of the change (→ onto Saturday gives Monday, ←
// onto Sunday gives Friday), so that each press of an arrow key always moves the task.
// Used by the server (tasks.move / tasks.update) and by the chart's preview while dragging.
import { addWorkingDays, countWorkingDays, nextWorkingDayFrom, previousWorkingDayFrom } from './calendar';
import { daysBetween, type IsoDate } from './dates';

export interface TaskDates {
	start: IsoDate;
	end: IsoDate;
}

/** A task's duration in working days (one at least: a task on a day off still lasts a day). */
export function workingDuration(task: TaskDates): number {
	return Math.max(1, countWorkingDays(task.start, task.end));
}

/** The working day reached when a change moving by `direction` lands on `date`. */
export function landingDay(date: IsoDate, direction: number): IsoDate {
	return direction < 0 ? previousWorkingDayFrom(date) : nextWorkingDayFrom(date);
}

/** The task moved so that it starts on `start` (or the working day after it, in the direction of the move). */
export function moveTask(task: TaskDates, start: IsoDate): TaskDates {
	const direction = Math.sign(daysBetween(task.start, start));
	const landed = landingDay(start, direction);
	return { start: landed, end: addWorkingDays(landed, workingDuration(task) - 1) };
}

/**
 * Each end that changed lands on a working day; never ending before it starts. A start on a day off
 * means the next working day (a task starting on Sunday starts on Monday morning: pulled back to
 * Friday, it could break the link that allowed Sunday); an end goes the way it moved, so that
 * Shift+→ on a Friday end reaches Monday and Shift+← on a Monday end reaches Friday.
 */
export function resizeTask(task: TaskDates, requested: TaskDates): TaskDates {
	const start = requested.start === task.start ? task.start : nextWorkingDayFrom(requested.start);
	const end =
		requested.end === task.end ? task.end : landingDay(requested.end, Math.sign(daysBetween(task.end, requested.end)));
	return { start, end: end < start ? start : end };
}

/**
 * New dates asked for a task: a move when its start changes and its span in calendar days stays
 * (what a drag, an arrow key or a client shifting both dates sends), a resize otherwise. Dates
 * already placed by these rules come back unchanged, so the client's preview and the server agree.
 */
export function placeTask(task: TaskDates, requested: TaskDates): TaskDates {
	const shifted =
		requested.start !== task.start && daysBetween(requested.start, requested.end) === daysBetween(task.start, task.end);
	return shifted ? moveTask(task, requested.start) : resizeTask(task, requested);
}

/** Signed working days from one working day to another (0 when they are the same day). */
export function workingDaysFrom(from: IsoDate, to: IsoDate): number {
	return to >= from ? countWorkingDays(from, to) - 1 : 1 - countWorkingDays(to, from);
}

/**
 * The task moved by `days` working days, keeping its working-day duration: how the tasks of a
 * moved phase follow it (their gaps in working days, hence their links, stay as they were).
 */
export function shiftByWorkingDays(task: TaskDates, days: number): TaskDates {
	const start = addWorkingDays(nextWorkingDayFrom(task.start), days);
	return { start, end: addWorkingDays(start, workingDuration(task) - 1) };
}
