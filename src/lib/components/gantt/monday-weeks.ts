// frappe-gantt starts its week view one month before the earliest bar, on whatever weekday that
// falls: columns then run Thursday to Wednesday, where French plans speak of "la semaine du lundi
// 9 février". Its start date is moved back to a Monday after the library computes it; the
// library has no option for this, so the method is wrapped once, on the class.
import type Gantt from 'frappe-gantt';

const patched = new WeakSet<object>();

/** The Monday on or before `date` (local calendar). */
export function mondayOnOrBefore(date: Date): Date {
	const daysSinceMonday = (date.getDay() + 6) % 7;
	return new Date(date.getFullYear(), date.getMonth(), date.getDate() - daysSinceMonday);
}

export function startWeeksOnMonday(GanttClass: typeof Gantt): void {
	const prototype = GanttClass.prototype;
	if (patched.has(prototype)) return;
	patched.add(prototype);
	const setup = prototype.setup_gantt_dates;
	prototype.setup_gantt_dates = function (this: Gantt, keepDates?: boolean) {
		setup.call(this, keepDates);
		if (this.config.view_mode.name === 'Week') this.gantt_start = mondayOnOrBefore(this.gantt_start);
	};
}
