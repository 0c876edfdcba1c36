// The supervisors' "where do we stand?" view: a red / amber / green flag per deliverable and
// the milestones of the coming days.
import { addCalendarDays, type IsoDate } from './dates';
import type { DeliverableStatus } from './deliverables';

export type Flag = 'RED' | 'AMBER' | 'GREEN';

export const flagLabels: Record<Flag, string> = {
	RED: 'En retard',
	AMBER: 'À surveiller',
	GREEN: 'Dans les temps'
};

/**
 * RED: the deadline has passed and the deliverable is not handed in (remis or validé).
 * AMBER: not handed in and due within `soonDays`, or planned after its deadline.
 * GREEN: everything else (validated, submitted in time, on track).
 */
export function deliverableFlag(
	d: { contractualDeadline: IsoDate; plannedDate: IsoDate; status: DeliverableStatus },
	today: IsoDate,
	soonDays = 7
): Flag {
	if (d.status === 'VALIDATED') return 'GREEN';
	const handedIn = d.status === 'SUBMITTED';
	if (!handedIn && today > d.contractualDeadline) return 'RED';
	if (!handedIn && d.contractualDeadline <= addCalendarDays(today, soonDays)) return 'AMBER';
	if (d.plannedDate > d.contractualDeadline && !handedIn) return 'AMBER';
	return 'GREEN';
}

/** Items dated from today to today + `days` inclusive, soonest first. */
export function upcoming<T extends { date: IsoDate }>(items: readonly T[], today: IsoDate, days = 14): T[] {
	const last = addCalendarDays(today, days);
	return items.filter((i) => i.date >= today && i.date <= last).sort((a, b) => a.date.localeCompare(b.date));
}
