// The limits a stored plan keeps (tasks, links, time span), one rule for every write and every
// import: a plan that the app lets anyone save can always be exported and its backup restored.

export interface PlanLimits {
	maxTasks: number;
	maxLinks: number;
	maxSpanYears: number;
}

/** What a plan holds: its number of tasks (phases included) and links, its first and last dates. */
export interface PlanExtent {
	tasks: number;
	links: number;
	first: string | null;
	last: string | null;
}

export type PlanLimitCode = 'TOO_MANY_TASKS' | 'TOO_MANY_LINKS' | 'PLAN_TOO_LONG';

export interface PlanLimitProblem {
	code: PlanLimitCode;
	/** French, after « le plan » : « compterait 2001 tâches, 2000 au plus. », « s’étendrait du 05/01/2026 au 12/03/2041, 10 ans au plus. » */
	detail: string;
}

/**
 * Years between two calendar dates as the limit counts them (365,25 days a year). Any year from 0
 * to 9999 is counted (an imported file may hold dates date-fns refuses).
 */
export function spanYears(first: string, last: string): number {
	return (dayNumber(last) - dayNumber(first)) / 365.25;
}

function dayNumber(iso: string): number {
	const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
	const date = new Date(0);
	date.setUTCFullYear(y, m - 1, d);
	return date.getTime() / 86_400_000;
}

/** 15/12/2025, for any year (see spanYears). */
export function frenchDate(iso: string): string {
	const [y, m, d] = iso.split('-');
	return `${d}/${m}/${y}`;
}

/** The first and last of some YYYY-MM-DD dates (others ignored), or nulls. */
export function dateExtent(dates: Iterable<string | null | undefined>): { first: string | null; last: string | null } {
	let first: string | null = null;
	let last: string | null = null;
	for (const date of dates) {
		if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) continue;
		if (first === null || date < first) first = date;
		if (last === null || date > last) last = date;
	}
	return { first, last };
}

/**
 * The first limit the plan breaks, or null. Given the plan before an edit, a limit it already broke
 * (a plan stored before the limits held for edits) is only refused when the edit makes it worse:
 * such a plan can still be renamed, moved back or trimmed.
 */
export function planLimitProblem(extent: PlanExtent, limits: PlanLimits, before?: PlanExtent): PlanLimitProblem | null {
	const span = (e: PlanExtent) => (e.first && e.last ? spanYears(e.first, e.last) : 0);
	const tolerated = {
		tasks: !!before && before.tasks > limits.maxTasks && extent.tasks <= before.tasks,
		links: !!before && before.links > limits.maxLinks && extent.links <= before.links,
		span:
			!!before &&
			span(before) > limits.maxSpanYears &&
			!!extent.first &&
			!!extent.last &&
			extent.first >= before.first! &&
			extent.last <= before.last!
	};
	if (extent.tasks > limits.maxTasks && !tolerated.tasks)
		return { code: 'TOO_MANY_TASKS', detail: `compterait ${extent.tasks} tâches, ${limits.maxTasks} au plus.` };
	if (extent.links > limits.maxLinks && !tolerated.links)
		return { code: 'TOO_MANY_LINKS', detail: `compterait ${extent.links} liens, ${limits.maxLinks} au plus.` };
	if (extent.first && extent.last && span(extent) > limits.maxSpanYears && !tolerated.span)
		return {
			code: 'PLAN_TOO_LONG',
			detail: `s’étendrait du ${frenchDate(extent.first)} au ${frenchDate(extent.last)}, ${limits.maxSpanYears} ans au plus.`
		};
	return null;
}
