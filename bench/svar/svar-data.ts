// The same plan as Jalon's chart, in SVAR Svelte Gantt's shape: phases as summary rows, tasks,
// finish-to-start links. Dates go through JSON as "YYYY-MM-DD" and become local Dates in the page.
import type { MissionPlan } from '../../src/lib/domain/mission-plan';

export interface SvarTask {
	id: string;
	text: string;
	start: string;
	/** Exclusive end: the day after the last day, as SVAR counts. */
	end: string;
	progress: number;
	parent: string | 0;
	type: 'task' | 'summary';
	open: boolean;
}

export interface SvarData {
	tasks: SvarTask[];
	links: { id: string; source: string; target: string; type: 'e2s' }[];
}

const dayAfter = (date: string): string => {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const next = new Date(y, m - 1, d + 1);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}`;
};

export function svarData(plan: MissionPlan, openPhases = true): SvarData {
	// SVAR walks the children of every open row: only rows that have children may be open.
	const parents = new Set(plan.tasks.map((t) => t.parentId).filter(Boolean));
	return {
		tasks: plan.tasks.map((t) => ({
			id: t.id,
			text: t.name,
			start: t.startDate,
			end: dayAfter(t.endDate),
			progress: t.progress,
			parent: t.parentId ?? 0,
			type: t.kind === 'PHASE' ? 'summary' : 'task',
			open: openPhases && parents.has(t.id)
		})),
		links: plan.dependencies.map((d) => ({ id: d.id, source: d.predecessorId, target: d.successorId, type: 'e2s' }))
	};
}
