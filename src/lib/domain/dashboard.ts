// The supervisors' "where do we stand?" view: a red / amber / green flag per deliverable (and per
// mission) and the milestones of the coming days.
import { addCalendarDays, daysBetween, type IsoDate } from './dates';
import type { DeliverableStatus } from './deliverables';

export type Flag = 'RED' | 'AMBER' | 'GREEN';

export const flagLabels: Record<Flag, string> = {
	RED: 'En retard',
	AMBER: 'À surveiller',
	GREEN: 'Dans les temps'
};

const FLAG_RANK: Record<Flag, number> = { GREEN: 0, AMBER: 1, RED: 2 };

export interface DeliverableDates {
	contractualDeadline: IsoDate;
	plannedDate: IsoDate;
	status: DeliverableStatus;
	/** First hand-in (remis); null when unknown. */
	submittedOn?: IsoDate | null;
	validatedOn?: IsoDate | null;
}

/** A deliverable's one standing against its deadline: the flag and the words that go with it. */
export interface Timeliness {
	flag: Flag;
	/** "validé avec 12 j de retard", "échéance dépassée de 3 j", "dans les délais"… */
	label: string;
	/** Days late (hand-in, validation or today past the deadline); 0 when on time. */
	lateDays: number;
}

const late = (deadline: IsoDate, on: IsoDate) => Math.max(0, daysBetween(deadline, on));

/**
 * Late work stays late: a deliverable handed in or validated after its deadline keeps the fact
 * and the delay once done. RED: late (not handed in past the deadline, or handed in / validated
 * late). AMBER: not handed in and due within `soonDays`, or planned after the deadline.
 * GREEN: on time.
 */
export function deliverableTimeliness(d: DeliverableDates, today: IsoDate, soonDays = 7): Timeliness {
	const deadline = d.contractualDeadline;
	const submittedLate = d.submittedOn ? late(deadline, d.submittedOn) : 0;
	if (d.status === 'VALIDATED') {
		const validatedLate = d.validatedOn ? late(deadline, d.validatedOn) : 0;
		if (submittedLate > 0)
			return { flag: 'RED', label: `remis avec ${submittedLate} j de retard, validé`, lateDays: submittedLate };
		if (validatedLate > 0)
			return { flag: 'RED', label: `validé avec ${validatedLate} j de retard`, lateDays: validatedLate };
		return { flag: 'GREEN', label: 'validé dans les délais', lateDays: 0 };
	}
	if (d.status === 'SUBMITTED') {
		if (submittedLate > 0)
			return { flag: 'RED', label: `remis avec ${submittedLate} j de retard`, lateDays: submittedLate };
		return { flag: 'GREEN', label: 'remis dans les délais', lateDays: 0 };
	}
	if (today > deadline) {
		const days = late(deadline, today);
		return { flag: 'RED', label: `échéance dépassée de ${days} j`, lateDays: days };
	}
	if (d.plannedDate > deadline) {
		return { flag: 'AMBER', label: `prévu ${late(deadline, d.plannedDate)} j après l’échéance`, lateDays: 0 };
	}
	if (deadline <= addCalendarDays(today, soonDays)) {
		const days = daysBetween(today, deadline);
		return { flag: 'AMBER', label: days === 0 ? 'échéance aujourd’hui' : `échéance dans ${days} j`, lateDays: 0 };
	}
	return { flag: 'GREEN', label: 'dans les délais', lateDays: 0 };
}

export function deliverableFlag(d: DeliverableDates, today: IsoDate, soonDays = 7): Flag {
	return deliverableTimeliness(d, today, soonDays).flag;
}

/** A mission's flag: its worst deliverable's (green without deliverables). */
export function missionFlag(flags: readonly Flag[]): Flag {
	return flags.reduce<Flag>((worst, f) => (FLAG_RANK[f] > FLAG_RANK[worst] ? f : worst), 'GREEN');
}

/** Items dated from today to today + `days` inclusive, soonest first. */
export function upcoming<T extends { date: IsoDate }>(items: readonly T[], today: IsoDate, days = 14): T[] {
	const last = addCalendarDays(today, days);
	return items.filter((i) => i.date >= today && i.date <= last).sort((a, b) => a.date.localeCompare(b.date));
}
