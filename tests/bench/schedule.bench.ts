// Domain and in-process API costs on a deterministic 500-task mission (~30 % finish-to-start
// links). Figures only: nothing here asserts a time. The browser and load benchmarks of the
// speed issue build on this file's generator.
import { bench, describe } from 'vitest';
import { addCalendarDays } from '$lib/domain/dates';
import { buildMissionPlan, type MissionRows } from '$lib/domain/mission-plan';
import { pushDownstream, pushSuccessors, type ScheduleLink, type ScheduledTask } from '$lib/domain/schedule';

/** Park–Miller generator: the same mission on every run. */
function random(seed: number) {
	let state = seed;
	return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

export function largeMission(taskCount: number, seed = 42): MissionRows {
	const next = random(seed);
	const tasks: MissionRows['tasks'] = [];
	const dependencies: MissionRows['dependencies'] = [];
	for (let i = 0; i < taskCount; i += 1) {
		const start = addCalendarDays('2026-01-05', Math.floor(next() * 300));
		tasks.push({
			id: `t${i}`,
			parentId: null,
			kind: 'TASK',
			name: `Tâche ${i}`,
			startDate: start,
			endDate: addCalendarDays(start, 1 + Math.floor(next() * 10)),
			progress: 0,
			sortOrder: i,
			version: 1
		});
		// Links only go forward in the list, so the graph has no cycle.
		if (i > 0 && next() < 0.3) {
			dependencies.push({
				id: `d${i}`,
				predecessorId: `t${Math.floor(next() * i)}`,
				successorId: `t${i}`,
				type: 'FS',
				lagDays: 0,
				lagUnit: 'WORKING_DAYS'
			});
		}
	}
	return {
		mission: {
			id: 'm',
			title: 'Grande mission',
			clientOrganisation: 'Bench',
			reference: null,
			kickoffDate: '2026-01-05',
			plannedEndDate: null,
			budgetCapCents: 10_000_000,
			capBasis: 'TTC',
			vatRateBp: 2000,
			status: 'ACTIVE',
			version: 1
		},
		tasks,
		dependencies,
		deliverables: [],
		milestones: [],
		tranches: [],
		contacts: []
	};
}

const rows = largeMission(500);
const scheduled: ScheduledTask[] = rows.tasks.map((t) => ({
	id: t.id,
	name: t.name,
	start: t.startDate,
	end: t.endDate
}));
const links: ScheduleLink[] = rows.dependencies;
// What a drag keeps between two moves: the tasks and links indexed once.
const byId = new Map(scheduled.map((t) => [t.id, t]));
const group = (key: (l: ScheduleLink) => string) => {
	const map = new Map<string, ScheduleLink[]>();
	for (const link of links) map.set(key(link), [...(map.get(key(link)) ?? []), link]);
	return map;
};
const predecessors = group((l) => l.successorId);
const successors = group((l) => l.predecessorId);
const index = {
	predecessorsOf: (id: string) => predecessors.get(id) ?? [],
	successorsOf: (id: string) => successors.get(id) ?? []
};
// The task with the most tasks downstream, moved: the worst case for one drag.
const busiest = scheduled.reduce((best, task) =>
	(successors.get(task.id)?.length ?? 0) > (successors.get(best.id)?.length ?? 0) ? task : best
);

describe('500 tasks, ~150 links', () => {
	bench('baseline: copy and sort the tasks by start', () => {
		[...scheduled].sort((a, b) => a.start.localeCompare(b.start));
	});
	bench('pushSuccessors (full propagation)', () => {
		pushSuccessors(scheduled, links);
	});
	bench('pushDownstream from one moved task (a drag, indexes kept)', () => {
		pushDownstream([busiest.id], (id) => byId.get(id), index);
	});
	bench('buildMissionPlan', () => {
		buildMissionPlan(rows, '2026-03-01');
	});
});
