// Limits of the heavy work (imports and exports): what a plan may hold before Jalon refuses to
// import or draw it, in French, with a typed code. A real mission has tens to a few hundred
// tasks over months; these bounds leave ample room and keep every job to seconds. Every write of
// a plan keeps the same limits (../plan-limits.ts), so a stored mission always exports and restores.
import { dateExtent, frenchDate, spanYears } from '$lib/domain/plan-limits';

export const HEAVY_LIMITS = {
	/** Tasks (phases included) in an imported or exported plan (the bench's server imports 3 000). */
	maxTasks: process.env.JALON_BENCH === '1' ? 5000 : 2000,
	/** Finish-to-start links. */
	maxLinks: 5000,
	/** From the earliest to the latest date of the plan (the bench's 3 000-task plans span 14). */
	maxSpanYears: process.env.JALON_BENCH === '1' ? 20 : 10,
	/** Bytes of an imported MS Project or GanttProject file. */
	maxFileBytes: 5_000_000
} as const;

export type HeavyErrorCode = 'TOO_LARGE' | 'TOO_SLOW' | 'BUSY' | 'VALIDATION';

/** A refusal of heavy work, with a French message; crosses the worker boundary as plain data. */
export class HeavyError extends Error {
	constructor(
		readonly code: HeavyErrorCode,
		message: string
	) {
		super(message);
		this.name = 'HeavyError';
	}
}

/** Throws TOO_LARGE when a plan has too many tasks or links or spans too long. */
export function checkPlanSize(plan: {
	tasks: readonly { startDate: string; endDate: string }[];
	links?: number;
	dates?: readonly (string | null | undefined)[];
}): void {
	const { maxTasks, maxLinks, maxSpanYears } = HEAVY_LIMITS;
	if (plan.tasks.length > maxTasks) {
		throw new HeavyError('TOO_LARGE', `Plan trop grand : ${plan.tasks.length} tâches, ${maxTasks} au plus.`);
	}
	if ((plan.links ?? 0) > maxLinks) {
		throw new HeavyError('TOO_LARGE', `Plan trop grand : ${plan.links} liens, ${maxLinks} au plus.`);
	}
	// The same count as every write of a plan (domain/plan-limits.ts): what one may save, one may import.
	const { first, last } = dateExtent([...plan.tasks.flatMap((t) => [t.startDate, t.endDate]), ...(plan.dates ?? [])]);
	if (first !== null && last !== null && spanYears(first, last) > maxSpanYears) {
		throw new HeavyError(
			'TOO_LARGE',
			`Plan trop long : il s’étend du ${frenchDate(first)} au ${frenchDate(last)}, ${maxSpanYears} ans au plus.`
		);
	}
}
