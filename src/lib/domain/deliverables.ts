// What a supervisor reads off a deliverable: its contractual deadline (from the rule), its
// planned date (the plan), and whether the plan or the delivery is late.
import { addWorkingDays } from './calendar';
import { daysBetween, type IsoDate } from './dates';
import { resolveDateRule, type DateRule } from './date-rules';

export type DeliverableStatus = 'TODO' | 'IN_PROGRESS' | 'SUBMITTED' | 'VALIDATED' | 'REWORK';

export interface DeliverableSchedule {
	contractualDeadline: IsoDate;
	plannedDate: IsoDate;
	/** Days the plan is later than the contract; 0 when on time or early. */
	plannedDelayDays: number;
	/** The deadline passed and the deliverable is not handed in (remis or validé). */
	overdue: boolean;
}

export function deliverableSchedule(
	rule: DateRule,
	kickoff: IsoDate,
	plannedDate: IsoDate,
	status: DeliverableStatus,
	today: IsoDate
): DeliverableSchedule {
	const contractualDeadline = resolveDateRule(rule, kickoff);
	const handedIn = status === 'SUBMITTED' || status === 'VALIDATED';
	return {
		contractualDeadline,
		plannedDate,
		plannedDelayDays: Math.max(0, daysBetween(contractualDeadline, plannedDate)),
		overdue: !handedIn && today > contractualDeadline
	};
}

/**
 * The planned date of a deliverable or milestone tied to a task: the task's last day, plus a
 * lag in working days (negative: before the task ends).
 */
export function anchoredDate(taskEnd: IsoDate, lagDays: number): IsoDate {
	return lagDays === 0 ? taskEnd : addWorkingDays(taskEnd, lagDays);
}
