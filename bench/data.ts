// Deterministic bench data: the CUF mission, a 500-task mission with ~30 % finish-to-start
// links, and portfolios of N missions of 50 tasks (3 deliverables, 3 tranches each).
import { MISSION_DOCUMENT_FORMAT, MISSION_DOCUMENT_VERSION, type MissionDocument } from '../src/lib/mission-document';
import { addCalendarDays } from '../src/lib/domain/dates';

/** Park–Miller: the same numbers on every run. */
export function random(seed: number) {
	let state = seed;
	return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

export function generatedMission(title: string, taskCount: number, seed: number): MissionDocument {
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
		deliverables: [3, 6, 15].map((weeks, i) => ({
			ref: `d${i + 1}`,
			number: i + 1,
			title: `Livrable ${i + 1}`,
			description: null,
			expectedFormat: 'PDF',
			dueRule: { kind: 'OFFSET' as const, amount: weeks, unit: 'WEEKS' as const },
			plannedDate: addCalendarDays('2026-01-05', weeks * 7),
			status: 'TODO' as const
		})),
		milestones: [
			{
				ref: 'm1',
				name: 'Signature',
				kind: 'CONTRACT',
				dateRule: { kind: 'OFFSET', amount: 0, unit: 'DAYS' },
				isWeek: false,
				timeOfDay: null
			}
		],
		tranches: [
			{
				label: 'Signature',
				percentBp: 3000,
				triggerKind: 'MILESTONE',
				triggerRef: 'm1',
				status: 'PLANNED',
				invoiceNumber: null,
				invoiceDate: null,
				payments: []
			},
			{
				label: 'Mi-mission',
				percentBp: 4000,
				triggerKind: 'DELIVERABLE_VALIDATION',
				triggerRef: 'd2',
				status: 'PLANNED',
				invoiceNumber: null,
				invoiceDate: null,
				payments: []
			},
			{
				label: 'Fin',
				percentBp: 3000,
				triggerKind: 'DELIVERABLE_VALIDATION',
				triggerRef: 'd3',
				status: 'PLANNED',
				invoiceNumber: null,
				invoiceDate: null,
				payments: []
			}
		],
		contacts: [],
		costPlan: { profiles: [], lines: [] },
		funders: []
	};
}
