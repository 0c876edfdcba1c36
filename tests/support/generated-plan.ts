// A larger plan made for the exchange tests: phases of tasks across Christmas, Easter and the May
// holidays, links of the four types with lags and leads in both units, milestones (with a time,
// one at 23:59, one on a Saturday, a week milestone) leading tasks, deliverables tied or not,
// validated or not, tasks done, under way or not started, tranches. Its dates satisfy every link
// by Jalon's own rule (successors pushed as Jalon pushes them), some with slack.
import { addWorkingDays, countWorkingDays } from '$lib/domain/calendar';
import { addCalendarDays, maxDate, minDate, type IsoDate } from '$lib/domain/dates';
import { linkBound, placeAfterBounds, pushSuccessors, type ScheduleLink } from '$lib/domain/schedule';
import { MISSION_DOCUMENT_FORMAT, MISSION_DOCUMENT_VERSION, type MissionDocument } from '$lib/mission-document';

/** A small deterministic generator (mulberry32), so the plan is the same on every run. */
function random(seed: number) {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Doc = MissionDocument;

export function generatedPlan(taskCount = 60, seed = 22): Doc {
	const rnd = random(seed);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
	const kickoff: IsoDate = '2025-11-24';
	const phases = 5;
	const perPhase = Math.ceil(taskCount / phases);
	const tasks: Doc['tasks'] = [];
	const leaves: { ref: string; start: IsoDate; end: IsoDate; name: string }[] = [];
	let cursor: IsoDate = kickoff;
	for (let p = 0; p < phases; p++) {
		const phaseRef = `phase-${p + 1}`;
		tasks.push({
			ref: phaseRef,
			parentRef: null,
			kind: 'PHASE',
			name: `Phase ${p + 1}`,
			startDate: cursor,
			endDate: cursor,
			progress: 0
		});
		for (let i = 0; i < perPhase && leaves.length < taskCount; i++) {
			const ref = `task-${leaves.length + 1}`;
			const start = addWorkingDays(cursor, Math.floor(rnd() * 6));
			const end = addWorkingDays(start, Math.floor(rnd() * 8));
			leaves.push({ ref, start, end, name: `Tâche ${leaves.length + 1}` });
			tasks.push({
				ref,
				parentRef: phaseRef,
				kind: 'TASK',
				name: `Tâche ${leaves.length}`,
				startDate: start,
				endDate: end,
				progress: 0
			});
			if (rnd() < 0.5) cursor = addWorkingDays(cursor, 2 + Math.floor(rnd() * 4));
		}
		cursor = addWorkingDays(cursor, 3);
	}
	// Links: each task after one or two earlier ones, every type and unit, some leads.
	const dependencies: Doc['dependencies'] = [];
	const types = ['FS', 'SS', 'FF', 'SF'] as const;
	for (let i = 1; i < leaves.length; i++) {
		const count = rnd() < 0.3 ? 2 : rnd() < 0.85 ? 1 : 0;
		const used = new Set<number>();
		for (let k = 0; k < count; k++) {
			const from = Math.max(0, i - 1 - Math.floor(rnd() * 6));
			if (used.has(from)) continue;
			used.add(from);
			const type = i <= 4 ? types[i - 1]! : pick(types);
			const unit = rnd() < 0.5 ? 'WORKING_DAYS' : 'ELAPSED_DAYS';
			const lagDays = pick([0, 0, 1, 2, 3, 5, -1, -2, 7]);
			dependencies.push({
				predecessorRef: leaves[from]!.ref,
				successorRef: leaves[i]!.ref,
				type,
				lagDays,
				lagUnit: i === 2 ? 'ELAPSED_DAYS' : i === 3 ? 'WORKING_DAYS' : unit
			});
		}
	}
	const milestones: Doc['milestones'] = [
		{
			ref: 'm-1',
			name: 'Lancement (lundi 9 h)',
			kind: 'CONTRACT',
			dateRule: { kind: 'FIXED_DATE', date: kickoff },
			isWeek: false,
			timeOfDay: '09:00'
		},
		{
			ref: 'm-2',
			name: 'Dépôt des offres (23 h 59)',
			kind: 'SELECTION',
			dateRule: { kind: 'FIXED_DATE', date: '2025-11-13' },
			isWeek: false,
			timeOfDay: '23:59'
		},
		{
			ref: 'm-3',
			name: 'Comité du samedi',
			kind: 'STEERING',
			dateRule: { kind: 'FIXED_DATE', date: '2026-01-17' },
			isWeek: false,
			timeOfDay: null
		},
		{
			ref: 'm-4',
			name: 'Semaine de restitution',
			kind: 'DELIVERY',
			dateRule: { kind: 'OFFSET', amount: 12, unit: 'WEEKS' },
			isWeek: true,
			timeOfDay: null
		},
		{
			ref: 'm-5',
			name: 'Comité à 12 h 30',
			kind: 'STEERING',
			dateRule: { kind: 'FIXED_DATE', date: '2026-02-03' },
			isWeek: false,
			timeOfDay: '12:30'
		},
		{
			ref: 'm-6',
			name: 'Réunion de 7 h',
			kind: 'STEERING',
			dateRule: { kind: 'FIXED_DATE', date: '2026-03-04' },
			isWeek: false,
			timeOfDay: '07:00'
		},
		{
			ref: 'm-7',
			name: 'Revue après la tâche 10',
			kind: 'STEERING',
			dateRule: { kind: 'FIXED_DATE', date: kickoff },
			isWeek: false,
			timeOfDay: null,
			anchorRef: leaves[9]!.ref,
			anchorLagDays: 2
		}
	];
	const milestoneLinks: NonNullable<Doc['milestoneLinks']> = [
		{ milestoneRef: 'm-1', successorRef: leaves[0]!.ref, type: 'FS', lagDays: 0, lagUnit: 'WORKING_DAYS' },
		{
			milestoneRef: 'm-3',
			successorRef: leaves[Math.floor(leaves.length / 3)]!.ref,
			type: 'FS',
			lagDays: 1,
			lagUnit: 'WORKING_DAYS'
		},
		{
			milestoneRef: 'm-5',
			successorRef: leaves[Math.floor(leaves.length / 2)]!.ref,
			type: 'SS',
			lagDays: 2,
			lagUnit: 'ELAPSED_DAYS'
		}
	];
	// Push every task after its links (task links and milestones' leads), as Jalon does.
	const byRef = new Map(tasks.map((t) => [t.ref, t]));
	const milestoneDate = (ref: string) => {
		const rule = milestones.find((m) => m.ref === ref)!.dateRule;
		return rule.kind === 'FIXED_DATE' ? rule.date : addCalendarDays(kickoff, rule.amount * 7);
	};
	for (const lead of milestoneLinks) {
		const task = byRef.get(lead.successorRef)!;
		const date = milestoneDate(lead.milestoneRef);
		const bound = linkBound(lead, { id: lead.milestoneRef, name: '', start: date, end: date });
		const placed = placeAfterBounds(
			{ id: task.ref, name: task.name, start: task.startDate, end: task.endDate },
			bound.on === 'start' ? bound.date : null,
			bound.on === 'end' ? bound.date : null
		);
		if (placed) Object.assign(task, { startDate: placed.start, endDate: placed.end });
	}
	const scheduled = tasks
		.filter((t) => t.kind === 'TASK')
		.map((t) => ({ id: t.ref, name: t.name, start: t.startDate, end: t.endDate }));
	const links: ScheduleLink[] = dependencies.map((d) => ({
		predecessorId: d.predecessorRef,
		successorId: d.successorRef,
		type: d.type,
		lagDays: d.lagDays,
		lagUnit: d.lagUnit ?? 'ELAPSED_DAYS'
	}));
	for (const moved of pushSuccessors(scheduled, links))
		Object.assign(byRef.get(moved.id)!, { startDate: moved.start, endDate: moved.end });
	// Progress: the first tasks done, some under way.
	tasks
		.filter((t) => t.kind === 'TASK')
		.forEach((t, i) => {
			t.progress = i < 5 ? 100 : i < 9 ? pick([10, 25, 50, 80]) : 0;
		});
	for (const phase of tasks.filter((t) => t.kind === 'PHASE')) {
		const children = tasks.filter((t) => t.parentRef === phase.ref);
		phase.startDate = children.reduce((d, c) => minDate(d, c.startDate), children[0]!.startDate);
		phase.endDate = children.reduce((d, c) => maxDate(d, c.endDate), children[0]!.endDate);
		phase.progress = Math.round(children.reduce((s, c) => s + c.progress, 0) / children.length);
	}
	const last = tasks.reduce((d, t) => maxDate(d, t.endDate), kickoff);
	const deliverables: Doc['deliverables'] = [
		{
			ref: 'd-1',
			number: 1,
			title: 'Note de cadrage',
			description: 'Validée en comité.',
			expectedFormat: 'PDF',
			dueRule: { kind: 'OFFSET', amount: 3, unit: 'WEEKS' },
			plannedDate: addWorkingDays(leaves[3]!.end, 1),
			status: 'VALIDATED',
			validatedOn: addWorkingDays(leaves[3]!.end, 3),
			validatedByName: 'Camille Martin',
			submissions: [
				{
					versionLabel: 'v1',
					link: 'https://example.org/cadrage-v1.pdf',
					comment: 'Première version',
					submittedByName: 'Alex Durand',
					submittedAt: '2025-12-08T09:30:00.000Z',
					decision: 'REWORK',
					decisionComment: 'Préciser le calendrier',
					decidedByName: 'Camille Martin',
					decidedAt: '2025-12-09T14:00:00.000Z'
				},
				{
					versionLabel: 'v2',
					link: null,
					comment: null,
					submittedByName: 'Alex Durand',
					submittedAt: '2025-12-10T10:00:00.000Z',
					decision: 'VALIDATED',
					decisionComment: null,
					decidedByName: 'Camille Martin',
					decidedAt: '2025-12-11T16:15:00.000Z'
				}
			],
			anchorRef: leaves[3]!.ref,
			anchorLagDays: 1
		},
		{
			ref: 'd-2',
			number: 2,
			title: 'Rapport intermédiaire',
			description: null,
			expectedFormat: null,
			dueRule: { kind: 'OFFSET', amount: 40, unit: 'WORKING_DAYS' },
			plannedDate: addWorkingDays(kickoff, 45),
			status: 'SUBMITTED',
			validatedOn: null,
			submissions: [
				{
					versionLabel: 'v1',
					link: null,
					comment: 'Pour relecture',
					submittedByName: 'Alex Durand',
					submittedAt: '2026-01-30T08:00:00.000Z',
					decision: null,
					decisionComment: null,
					decidedByName: null,
					decidedAt: null
				}
			]
		},
		{
			ref: 'd-3',
			number: 3,
			title: 'Rapport final',
			description: null,
			expectedFormat: null,
			dueRule: { kind: 'FIXED_DATE', date: addCalendarDays(last, 10) },
			plannedDate: last,
			status: 'TODO',
			anchorRef: tasks.filter((t) => t.kind === 'TASK').find((t) => t.endDate === last)!.ref,
			anchorLagDays: 0
		}
	];
	const duration = countWorkingDays(kickoff, last);
	return {
		format: MISSION_DOCUMENT_FORMAT,
		version: MISSION_DOCUMENT_VERSION,
		mission: {
			title: `Plan généré (${leaves.length} tâches, ${duration} jours ouvrés)`,
			clientOrganisation: 'Commune de test',
			reference: 'GEN-22',
			kickoffDate: kickoff,
			plannedEndDate: last,
			budgetCapCents: 50_000_00,
			capBasis: 'HT',
			vatRateBp: 2000,
			status: 'ACTIVE',
			contractAmountHtCents: 40_000_00,
			paymentDelayDays: 30
		},
		tasks,
		dependencies,
		milestoneLinks,
		deliverables,
		milestones,
		tranches: [
			{
				label: 'Avance',
				percentBp: 2000,
				kind: 'AVANCE',
				triggerKind: 'MILESTONE',
				triggerRef: 'm-1',
				status: 'PAID',
				invoiceNumber: 'F-2025-01',
				invoiceDate: '2025-11-25',
				payments: [{ paidOn: '2025-12-10', amountCents: 9_600_00 }]
			},
			{
				label: 'Acompte',
				percentBp: 5000,
				kind: 'ACOMPTE',
				triggerKind: 'DELIVERABLE_VALIDATION',
				triggerRef: 'd-1',
				status: 'INVOICED',
				invoiceNumber: 'F-2025-07',
				invoiceDate: '2025-12-12',
				payments: []
			},
			{
				label: 'Solde',
				percentBp: 5000,
				kind: 'SOLDE',
				triggerKind: 'DELIVERABLE_VALIDATION',
				triggerRef: 'd-3',
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
