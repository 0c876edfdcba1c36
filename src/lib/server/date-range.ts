// Dates Jalon computes (deadlines from a rule, a plan shifted with its kick-off) stay within the
// calendar it accepts as input, EARLIEST_DATE..LATEST_DATE: a refusal in French, never a stored
// date that the chart, the PDF or the calendar feed cannot draw.
import { resolveDateRule, type DateRule } from '$lib/domain/date-rules';
import { EARLIEST_DATE, LATEST_DATE, formatDateFr, isDateInRange, type IsoDate } from '$lib/domain/dates';
import type { Prisma } from './generated/prisma/client';
import { AppError, notFound } from './trpc/trpc';

export const DATE_RANGE_TEXT = `du ${formatDateFr(EARLIEST_DATE)} au ${formatDateFr(LATEST_DATE)}`;

/** Refuses a deadline rule that falls outside the accepted calendar for this kick-off. */
export function checkRuleInRange(rule: DateRule, kickoff: IsoDate, what: string): void {
	if (!isDateInRange(resolveDateRule(rule, kickoff))) {
		throw new AppError('VALIDATION', `${what} : l’échéance tomberait hors du calendrier accepté (${DATE_RANGE_TEXT}).`);
	}
}

export async function kickoffOf(tx: Prisma.TransactionClient, missionId: string): Promise<IsoDate> {
	const mission = await tx.mission.findUnique({ where: { id: missionId }, select: { kickoffDate: true } });
	if (!mission) throw notFound('Mission');
	return mission.kickoffDate;
}

interface DatedThing {
	name: string;
	dates: IsoDate[];
}

/**
 * Refuses a kick-off change that would move a task, a planned date or a deadline out of the
 * accepted calendar, naming the first few in French.
 */
export function checkShiftInRange(after: {
	plannedEnd: IsoDate | null;
	tasks: DatedThing[];
	deliverables: DatedThing[];
	milestones: DatedThing[];
}): void {
	const outside = [
		...(after.plannedEnd && !isDateInRange(after.plannedEnd) ? ['la fin prévue'] : []),
		...[...after.tasks.map((t) => ({ ...t, name: `« ${t.name} »` })), ...after.deliverables, ...after.milestones]
			.filter((thing) => thing.dates.some((date) => !isDateInRange(date)))
			.map((thing) => thing.name)
	];
	if (outside.length === 0) return;
	const named = outside.slice(0, 3).join(', ') + (outside.length > 3 ? ` et ${outside.length - 3} autre(s)` : '');
	throw new AppError(
		'VALIDATION',
		`Ce changement de démarrage placerait ${named} hors du calendrier accepté (${DATE_RANGE_TEXT}) : rien n’a été modifié.`
	);
}
