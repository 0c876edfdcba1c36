// A small, hand-built version of the CUF mission: kick-off Monday 24 November 2025,
// cap 20 000 € TTC at 20 % VAT, deliverables due 3, 6 and 15 weeks after kick-off, tranches 30/40/30.
import { describe, expect, it } from 'vitest';
import {
	buildMissionPlan,
	deliverableRule,
	planMilestone,
	type DeliverableRow,
	type MilestoneRow,
	type MissionRows,
	type TaskRow,
	type TrancheRow
} from '$lib/domain/mission-plan';

const TODAY = '2026-01-06';

function milestone(overrides: Partial<MilestoneRow> & Pick<MilestoneRow, 'id' | 'name'>): MilestoneRow {
	return {
		kind: 'STEERING',
		dateRuleKind: 'FIXED_DATE',
		fixedDate: null,
		offset: null,
		offsetUnit: null,
		isWeek: false,
		timeOfDay: null,
		sortOrder: 0,
		version: 1,
		anchorTaskId: null,
		anchorLagDays: 0,
		plannedDate: null,
		...overrides
	};
}

function deliverable(
	id: string,
	number: number,
	weeks: number,
	plannedDate: string,
	status: DeliverableRow['status']
): DeliverableRow {
	return {
		id,
		number,
		title: `Livrable ${number}`,
		description: null,
		expectedFormat: null,
		dueRuleKind: 'OFFSET',
		dueFixedDate: null,
		dueOffset: weeks,
		dueOffsetUnit: 'WEEKS',
		plannedDate,
		status,
		version: 1,
		anchorTaskId: null,
		anchorLagDays: 0
	};
}

function tranche(overrides: Partial<TrancheRow> & Pick<TrancheRow, 'id' | 'percentBp' | 'sortOrder'>): TrancheRow {
	return {
		label: `Tranche ${overrides.sortOrder}`,
		triggerKind: 'MILESTONE',
		triggerMilestoneId: null,
		triggerDeliverableId: null,
		status: 'PLANNED',
		version: 1,
		...overrides
	};
}

function taskRow(id: string, sortOrder: number): TaskRow {
	return {
		id,
		parentId: null,
		kind: 'TASK',
		name: id,
		startDate: '2025-11-24',
		endDate: '2025-11-25',
		progress: 0,
		sortOrder,
		version: 1
	};
}

function cufRows(): MissionRows {
	return {
		mission: {
			id: 'mission',
			title: 'Étude données et IA',
			clientOrganisation: 'Cités Unies France',
			reference: 'CUF-DATA-IA-2025',
			kickoffDate: '2025-11-24',
			plannedEndDate: '2026-03-20',
			budgetCapCents: 2_000_000,
			capBasis: 'TTC',
			vatRateBp: 2000,
			status: 'ACTIVE',
			version: 1
		},
		tasks: [taskRow('second', 20), taskRow('first', 10)],
		dependencies: [],
		// Deliberately out of order: the plan sorts deliverables by number.
		deliverables: [
			deliverable('d3', 3, 15, '2026-03-20', 'TODO'),
			deliverable('d1', 1, 3, '2025-12-12', 'VALIDATED'),
			deliverable('d2', 2, 6, '2026-02-13', 'IN_PROGRESS')
		],
		milestones: [
			milestone({
				id: 'diagnostic-week',
				name: 'Livraison du diagnostic complet',
				kind: 'DELIVERY',
				fixedDate: '2026-02-11', // a Wednesday: the week milestone starts on Monday 9
				isWeek: true,
				sortOrder: 6
			}),
			milestone({
				id: 'kickoff',
				name: 'Cadrage & contractualisation',
				kind: 'CONTRACT',
				dateRuleKind: 'OFFSET',
				offset: 0,
				offsetUnit: 'DAYS',
				isWeek: true,
				sortOrder: 4
			}),
			milestone({
				id: 'offers',
				name: 'Soumission des offres',
				kind: 'SELECTION',
				fixedDate: '2025-11-13',
				timeOfDay: '23:59',
				sortOrder: 2
			}),
			milestone({
				id: 'pre-diagnostic',
				name: 'Pré-diagnostic',
				dateRuleKind: 'OFFSET',
				offset: 2,
				offsetUnit: 'WEEKS',
				isWeek: true,
				sortOrder: 5
			})
		],
		tranches: [
			tranche({
				id: 't3',
				percentBp: 3000,
				sortOrder: 3,
				triggerKind: 'DELIVERABLE_VALIDATION',
				triggerDeliverableId: 'd3'
			}),
			tranche({ id: 't1', percentBp: 3000, sortOrder: 1, triggerMilestoneId: 'kickoff' }),
			tranche({
				id: 't2',
				percentBp: 4000,
				sortOrder: 2,
				triggerKind: 'DELIVERABLE_VALIDATION',
				triggerDeliverableId: 'd2'
			})
		],
		contacts: []
	};
}

describe('planMilestone', () => {
	it('spans a week milestone from Monday to Friday', () => {
		const planned = planMilestone(
			milestone({ id: 'm', name: 'Semaine', fixedDate: '2026-02-11', isWeek: true }),
			'2025-11-24'
		);
		expect(planned.date).toBe('2026-02-09');
		expect(planned.endDate).toBe('2026-02-13');
		expect(planned.dateLabel).toBe('semaine du 9 février 2026');
		expect(planned.ruleLabel).toBe('le 11/02/2026');
	});

	it('snaps a Sunday to the Monday of the week that is ending', () => {
		const planned = planMilestone(
			milestone({ id: 'm', name: 'Semaine', fixedDate: '2026-03-22', isWeek: true }),
			'2025-11-24'
		);
		expect(planned.date).toBe('2026-03-16');
		expect(planned.endDate).toBe('2026-03-20');
	});

	it('keeps a single-day milestone on its day, with its time', () => {
		const planned = planMilestone(
			milestone({ id: 'm', name: 'Offres', fixedDate: '2025-11-13', timeOfDay: '23:59' }),
			'2025-11-24'
		);
		expect(planned.date).toBe('2025-11-13');
		expect(planned.endDate).toBe('2025-11-13');
		expect(planned.dateLabel).toBe('13/11/2025 à 23:59');
		expect(planMilestone(milestone({ id: 'm', name: 'Offres', fixedDate: '2025-11-13' }), '2025-11-24').dateLabel).toBe(
			'13/11/2025'
		);
	});

	it('resolves an offset from the kick-off it is given', () => {
		const row = milestone({ id: 'm', name: 'Copil', dateRuleKind: 'OFFSET', offset: 10, offsetUnit: 'WORKING_DAYS' });
		const planned = planMilestone(row, '2025-12-22');
		expect(planned.date).toBe('2026-01-07');
		expect(planned.ruleLabel).toBe('10 jours ouvrés après démarrage');
	});

	it('throws on an incomplete rule', () => {
		expect(() => planMilestone(milestone({ id: 'broken', name: 'Sans date' }), '2025-11-24')).toThrow(RangeError);
		expect(() =>
			planMilestone(milestone({ id: 'broken', name: 'Sans unité', dateRuleKind: 'OFFSET', offset: 3 }), '2025-11-24')
		).toThrow(/broken/);
	});
});

describe('deliverableRule', () => {
	it('reads the due columns', () => {
		expect(deliverableRule(deliverable('d', 1, 6, '2026-01-05', 'TODO'))).toEqual({
			kind: 'OFFSET',
			amount: 6,
			unit: 'WEEKS'
		});
	});

	it('throws on an incomplete rule', () => {
		expect(() => deliverableRule({ ...deliverable('d', 1, 6, '2026-01-05', 'TODO'), dueOffsetUnit: null })).toThrow(
			RangeError
		);
	});
});

describe('buildMissionPlan', () => {
	it('derives both caps from a TTC cap', () => {
		const plan = buildMissionPlan(cufRows(), TODAY);
		expect(plan.mission.budgetCapTtcCents).toBe(2_000_000);
		expect(plan.mission.budgetCapHtCents).toBe(1_666_667);
		expect(plan.mission.title).toBe('Étude données et IA');
	});

	it('derives both caps from an HT cap', () => {
		const rows = cufRows();
		rows.mission = { ...rows.mission, capBasis: 'HT', budgetCapCents: 1_000_000 };
		const plan = buildMissionPlan(rows, TODAY);
		expect(plan.mission.budgetCapHtCents).toBe(1_000_000);
		expect(plan.mission.budgetCapTtcCents).toBe(1_200_000);
	});

	it('sorts deliverables by number and resolves their deadlines', () => {
		const plan = buildMissionPlan(cufRows(), TODAY);
		expect(plan.deliverables.map((d) => [d.number, d.contractualDeadline, d.plannedDelayDays, d.ruleLabel])).toEqual([
			[1, '2025-12-15', 0, '3 semaines après démarrage'],
			[2, '2026-01-05', 39, '6 semaines après démarrage'],
			[3, '2026-03-09', 11, '15 semaines après démarrage']
		]);
	});

	it('marks as overdue only a deliverable past its deadline and not handed in', () => {
		const plan = buildMissionPlan(cufRows(), TODAY);
		// On 6 January 2026: #1 is validated, #2 was due on 5 January, #3 is due on 9 March.
		expect(plan.deliverables.map((d) => d.overdue)).toEqual([false, true, false]);
		expect(buildMissionPlan(cufRows(), '2026-01-05').deliverables.map((d) => d.overdue)).toEqual([false, false, false]);
	});

	it('dates and sorts milestones, week milestones spanning Monday to Friday', () => {
		const plan = buildMissionPlan(cufRows(), TODAY);
		expect(plan.milestones.map((m) => [m.id, m.date, m.endDate, m.dateLabel])).toEqual([
			['offers', '2025-11-13', '2025-11-13', '13/11/2025 à 23:59'],
			['kickoff', '2025-11-24', '2025-11-28', 'semaine du 24 novembre 2025'],
			['pre-diagnostic', '2025-12-08', '2025-12-12', 'semaine du 8 décembre 2025'],
			['diagnostic-week', '2026-02-09', '2026-02-13', 'semaine du 9 février 2026']
		]);
		expect(plan.milestones.map((m) => m.ruleLabel)).toEqual([
			'le 13/11/2025',
			'au démarrage',
			'2 semaines après démarrage',
			'le 11/02/2026'
		]);
	});

	it('breaks a tie between milestones on the same date by sort order', () => {
		const rows = cufRows();
		rows.milestones = [
			milestone({ id: 'late', name: 'B', fixedDate: '2025-12-08', sortOrder: 9 }),
			milestone({ id: 'early', name: 'A', fixedDate: '2025-12-08', sortOrder: 1 })
		];
		expect(buildMissionPlan(rows, TODAY).milestones.map((m) => m.id)).toEqual(['early', 'late']);
	});

	it('moves milestones and deadlines with the kick-off date', () => {
		const rows = cufRows();
		rows.mission = { ...rows.mission, kickoffDate: '2025-12-01' };
		const plan = buildMissionPlan(rows, TODAY);
		expect(plan.milestones.find((m) => m.id === 'kickoff')!.date).toBe('2025-12-01');
		expect(plan.milestones.find((m) => m.id === 'diagnostic-week')!.date).toBe('2026-02-09');
		expect(plan.deliverables[0]!.contractualDeadline).toBe('2025-12-22');
	});

	it('dates tranches from their milestone or from the planned date of their deliverable', () => {
		const plan = buildMissionPlan(cufRows(), TODAY);
		expect(plan.tranches.map((t) => [t.id, t.expectedDate, t.triggerLabel])).toEqual([
			['t1', '2025-11-24', 'Jalon « Cadrage & contractualisation »'],
			// The planned date (13 February), not the contractual deadline (5 January).
			['t2', '2026-02-13', 'Validation du livrable 2'],
			['t3', '2026-03-20', 'Validation du livrable 3']
		]);
	});

	it('splits the cap 30/40/30 between the tranches, HT and TTC', () => {
		const plan = buildMissionPlan(cufRows(), TODAY);
		expect(plan.tranchesBalanced).toBe(true);
		expect(plan.tranches.map((t) => t.amountTtcCents)).toEqual([600_000, 800_000, 600_000]);
		// The TTC cap is the reference; each HT gives its TTC as an invoice does (VAT rounded).
		expect(plan.tranches.map((t) => t.amountHtCents)).toEqual([500_000, 666_667, 500_000]);
		expect(plan.contract).toMatchObject({ basis: 'TTC', htCents: 1_666_667, ttcCents: 2_000_000, gapCents: 0 });
	});

	it('leaves a tranche without a usable trigger undated', () => {
		const rows = cufRows();
		rows.tranches = [
			tranche({ id: 'none', percentBp: 5000, sortOrder: 1 }),
			tranche({ id: 'ghost', percentBp: 5000, sortOrder: 2, triggerMilestoneId: 'missing' })
		];
		const plan = buildMissionPlan(rows, TODAY);
		expect(plan.tranches.map((t) => [t.expectedDate, t.triggerLabel])).toEqual([
			[null, 'Déclencheur non défini'],
			[null, 'Déclencheur non défini']
		]);
		expect(plan.tranches.map((t) => t.amountTtcCents)).toEqual([1_000_000, 1_000_000]);
	});

	it('warns when a deliverable is planned later than its contractual deadline', () => {
		const plan = buildMissionPlan(cufRows(), TODAY);
		expect(plan.warnings).toEqual([
			'Livrable 2 : prévu 39 jour(s) après son échéance contractuelle.',
			'Livrable 3 : prévu 11 jour(s) après son échéance contractuelle.'
		]);
	});

	it('does not warn when every deliverable is planned on time', () => {
		const rows = cufRows();
		rows.deliverables = [
			deliverable('d1', 1, 3, '2025-12-15', 'TODO'),
			deliverable('d2', 2, 6, '2026-01-02', 'TODO'),
			deliverable('d3', 3, 15, '2026-03-09', 'TODO')
		];
		expect(buildMissionPlan(rows, TODAY).warnings).toEqual([]);
	});

	it('flags tranches that do not add up to 100 % and gives them no amount', () => {
		const rows = cufRows();
		rows.tranches = rows.tranches.map((t) => (t.id === 't3' ? { ...t, percentBp: 2000 } : t));
		const plan = buildMissionPlan(rows, TODAY);
		expect(plan.tranchesBalanced).toBe(false);
		expect(plan.tranches.map((t) => [t.amountHtCents, t.amountTtcCents])).toEqual([
			[0, 0],
			[0, 0],
			[0, 0]
		]);
		expect(plan.warnings).toContain('Les pourcentages des tranches de paiement ne totalisent pas 100 %.');
		// Dates still follow the triggers.
		expect(plan.tranches.map((t) => t.expectedDate)).toEqual(['2025-11-24', '2026-02-13', '2026-03-20']);
	});

	it('does not warn about tranches when there are none yet', () => {
		const rows = cufRows();
		rows.tranches = [];
		const plan = buildMissionPlan(rows, TODAY);
		expect(plan.tranches).toEqual([]);
		expect(plan.tranchesBalanced).toBe(false);
		expect(plan.warnings.some((w) => w.includes('tranches'))).toBe(false);
	});

	it('sorts tasks by sort order and passes the other rows through', () => {
		const rows = cufRows();
		const plan = buildMissionPlan(rows, TODAY);
		expect(plan.tasks.map((t) => t.id)).toEqual(['first', 'second']);
		expect(plan.dependencies).toBe(rows.dependencies);
		expect(plan.contacts).toBe(rows.contacts);
	});

	it('does not modify the rows it is given', () => {
		const rows = cufRows();
		const copy = structuredClone(rows);
		buildMissionPlan(rows, TODAY);
		expect(rows).toEqual(copy);
	});
});
