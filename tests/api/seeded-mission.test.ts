// The CUF mission as the seed writes it, read back through missions.get.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { CUF_MISSION_TITLE } from '$lib/server/seed';
import { callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';
import { deliverableNumbered, milestoneNamed, seededMission } from '../support/api';

let database: TestDatabase;
let plan: MissionPlan;
let missionId: string;

beforeAll(async () => {
	database = await createTestDatabase();
	const seeded = await seededMission(database.db);
	missionId = seeded.missionId;
	plan = await seeded.api.missions.get({ missionId });
});

afterAll(async () => {
	await database.close();
});

describe('seeded CUF mission', () => {
	it('reads the mission header', () => {
		expect(plan.mission).toMatchObject({
			id: missionId,
			title: CUF_MISSION_TITLE,
			clientOrganisation: 'Cités Unies France',
			kickoffDate: '2025-11-24',
			plannedEndDate: '2026-03-20',
			budgetCapCents: 2_000_000,
			capBasis: 'TTC',
			vatRateBp: 2000,
			budgetCapTtcCents: 2_000_000,
			budgetCapHtCents: 1_666_667
		});
		expect(plan.tasks.filter((t) => t.kind === 'PHASE')).toHaveLength(4);
		expect(plan.tasks.filter((t) => t.kind === 'TASK')).toHaveLength(19);
		expect(plan.dependencies).toHaveLength(12);
		expect(plan.contacts).toHaveLength(5);
	});

	it('has three deliverables due 3, 6 and 15 weeks after the kick-off', () => {
		expect(plan.deliverables.map((d) => d.number)).toEqual([1, 2, 3]);
		expect(plan.deliverables.map((d) => d.rule)).toEqual([
			{ kind: 'OFFSET', amount: 3, unit: 'WEEKS' },
			{ kind: 'OFFSET', amount: 6, unit: 'WEEKS' },
			{ kind: 'OFFSET', amount: 15, unit: 'WEEKS' }
		]);
		expect(plan.deliverables.map((d) => d.contractualDeadline)).toEqual(['2025-12-15', '2026-01-05', '2026-03-09']);
		expect(plan.deliverables.map((d) => d.ruleLabel)).toEqual([
			'3 semaines après démarrage',
			'6 semaines après démarrage',
			'15 semaines après démarrage'
		]);
		expect(plan.deliverables.map((d) => d.plannedDate)).toEqual(['2025-12-12', '2026-02-13', '2026-03-20']);
	});

	it('warns about deliverables 2 and 3, planned later than the contract', () => {
		expect(deliverableNumbered(plan, 1).plannedDelayDays).toBe(0);
		expect(deliverableNumbered(plan, 2).plannedDelayDays).toBe(39);
		expect(deliverableNumbered(plan, 3).plannedDelayDays).toBe(11);
		expect(plan.warnings).toEqual([
			'Livrable 2 : prévu 39 jour(s) après son échéance contractuelle.',
			'Livrable 3 : prévu 11 jour(s) après son échéance contractuelle.'
		]);
		// Frozen "today" (2025-12-01) is before every deadline.
		expect(plan.deliverables.every((d) => !d.overdue)).toBe(true);
	});

	it('has the fixed selection dates, including a deadline at 23:59', () => {
		const publication = milestoneNamed(plan, 'Publication de l’appel d’offres');
		expect(publication).toMatchObject({
			kind: 'SELECTION',
			rule: { kind: 'FIXED_DATE', date: '2025-10-24' },
			date: '2025-10-24',
			endDate: '2025-10-24',
			isWeek: false,
			timeOfDay: null,
			dateLabel: '24/10/2025'
		});
		const submission = milestoneNamed(plan, 'Soumission des offres');
		expect(submission).toMatchObject({
			kind: 'SELECTION',
			rule: { kind: 'FIXED_DATE', date: '2025-11-13' },
			date: '2025-11-13',
			isWeek: false,
			timeOfDay: '23:59',
			dateLabel: '13/11/2025 à 23:59'
		});
	});

	it('has week milestones from Monday to Friday, and a kick-off relative to the mission', () => {
		const weeks = plan.milestones.filter((m) => m.isWeek);
		expect(weeks.map((m) => [m.date, m.endDate])).toEqual([
			['2025-11-17', '2025-11-21'],
			['2025-11-24', '2025-11-28'],
			['2025-12-08', '2025-12-12'],
			['2026-02-09', '2026-02-13'],
			['2026-03-16', '2026-03-20']
		]);
		expect(milestoneNamed(plan, 'Sélection des candidats').dateLabel).toBe('semaine du 17 novembre 2025');
		expect(milestoneNamed(plan, 'Cadrage & contractualisation').rule).toEqual({
			kind: 'OFFSET',
			amount: 0,
			unit: 'DAYS'
		});
		expect(milestoneNamed(plan, 'Livraison du diagnostic complet').dateLabel).toBe('semaine du 9 février 2026');
		// Sorted by date.
		const dates = plan.milestones.map((m) => m.date);
		expect(dates).toEqual([...dates].sort());
		expect(plan.milestones).toHaveLength(7);
	});

	it('splits the budget cap into 30/40/30 tranches', () => {
		expect(plan.tranchesBalanced).toBe(true);
		expect(plan.tranches.map((t) => t.percentBp)).toEqual([3000, 4000, 3000]);
		expect(plan.tranches.map((t) => t.amountTtcCents)).toEqual([600_000, 800_000, 600_000]);
		const ht = plan.tranches.map((t) => t.amountHtCents);
		expect(ht.reduce((a, b) => a + b, 0)).toBe(plan.mission.budgetCapHtCents);
		expect(plan.tranches.map((t) => t.expectedDate)).toEqual(['2025-11-24', '2026-02-13', '2026-03-20']);
		expect(plan.tranches.map((t) => t.triggerLabel)).toEqual([
			'Jalon « Cadrage & contractualisation (démarrage) »',
			'Validation du livrable 2',
			'Validation du livrable 3'
		]);
	});

	it('lists the mission with its counts', async () => {
		const list = await callerFor(database.db).missions.list();
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ id: missionId, taskCount: 23, deliverableCount: 3, status: 'ACTIVE' });
	});
});
