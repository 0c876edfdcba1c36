// Deterministic bench data: the CUF mission, a 500-task mission with ~30 % finish-to-start
// links, and portfolios of N missions of 50 tasks (3 deliverables, 3 tranches each).
import { MISSION_DOCUMENT_FORMAT, MISSION_DOCUMENT_VERSION, type MissionDocument } from '../src/lib/mission-document';
import { addCalendarDays } from '../src/lib/domain/dates';
import { BUILTIN_TEMPLATES } from '../src/lib/server/templates/builtin';

const study = BUILTIN_TEMPLATES.find((t) => t.id === 'builtin:study')!.document;

/** Park–Miller: the same numbers on every run. */
export function random(seed: number) {
	let state = seed;
	return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

/** `flat`: tasks without phases (the peers' "no phases" data set). */
export function generatedMission(title: string, taskCount: number, seed: number, flat = false): MissionDocument {
	if (flat) return flattened(generatedMission(title, Math.ceil(taskCount * 1.2), seed), taskCount);
	const next = random(seed);
	const phases = Math.max(1, Math.round(taskCount / 10));
	const tasks: MissionDocument['tasks'] = [];
	const dependencies: MissionDocument['dependencies'] = [];
	const leafRefs: string[] = [];
	for (let p = 0; p < phases; p += 1) {
		const phaseRef = `p${p}`;
		const phaseStart = addCalendarDays('2026-01-05', p * 14);
		tasks.push({
			ref: phaseRef,
			parentRef: null,
			kind: 'PHASE',
			name: `Phase ${p + 1}`,
			startDate: phaseStart,
			endDate: addCalendarDays(phaseStart, 40),
			progress: 0
		});
		for (let i = 0; i < taskCount / phases - 1 && leafRefs.length < taskCount - phases; i += 1) {
			const ref = `t${leafRefs.length}`;
			const start = addCalendarDays(phaseStart, Math.floor(next() * 30));
			tasks.push({
				ref,
				parentRef: phaseRef,
				kind: 'TASK',
				name: `Tâche ${leafRefs.length + 1}`,
				startDate: start,
				endDate: addCalendarDays(start, 1 + Math.floor(next() * 8)),
				progress: Math.floor(next() * 100)
			});
			// Links go from an earlier task that ends before this one starts, so no push is needed.
			if (leafRefs.length > 0 && next() < 0.3) {
				const candidate = tasks.find((t) => t.ref === leafRefs[Math.floor(next() * leafRefs.length)]);
				if (candidate && candidate.endDate < start)
					dependencies.push({ predecessorRef: candidate.ref, successorRef: ref, type: 'FS', lagDays: 0 });
			}
			leafRefs.push(ref);
		}
	}
	return {
		format: MISSION_DOCUMENT_FORMAT,
		version: MISSION_DOCUMENT_VERSION,
		mission: {
			title,
			clientOrganisation: 'Collectivité de test',
			reference: null,
			kickoffDate: '2026-01-05',
			plannedEndDate: null,
			budgetCapCents: 5_000_000,
			capBasis: 'TTC',
			vatRateBp: 2000,
			status: 'ACTIVE',
			contractAmountHtCents: null,
			paymentDelayDays: 30
		},
		tasks,
		dependencies,
		// The built-in study template's deliverables (+3, +6, +15 weeks), milestone and 30/40/30
		// tranches: it also starts on 5 January 2026.
		deliverables: study.deliverables,
		milestones: study.milestones,
		tranches: study.tranches,
		contacts: [],
		costPlan: { profiles: [], lines: [] },
		funders: []
	};
}

/** The first `taskCount` plain tasks of a mission, its phases removed, the links between them kept. */
function flattened(document: MissionDocument, taskCount: number): MissionDocument {
	const tasks = document.tasks
		.filter((t) => t.kind === 'TASK')
		.slice(0, taskCount)
		.map((t) => ({ ...t, parentRef: null }));
	const kept = new Set(tasks.map((t) => t.ref));
	return {
		...document,
		tasks,
		dependencies: document.dependencies.filter((d) => kept.has(d.predecessorRef) && kept.has(d.successorRef))
	};
}
