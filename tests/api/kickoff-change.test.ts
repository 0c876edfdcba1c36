// Changing a mission's kick-off: relative deadlines follow it, fixed dates stay, and the plan
// shifts by the same number of days unless told otherwise.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addCalendarDays } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { deliverableNumbered, expectAppError, milestoneNamed, seededMission, type Caller } from '../support/api';

let database: TestDatabase;
let api: Caller;
let missionId: string;
let before: MissionPlan;

beforeAll(async () => {
	database = await createTestDatabase();
});

afterAll(async () => {
	await database.close();
});

beforeEach(async () => {
	({ missionId, api } = await seededMission(database.db));
	before = await api.missions.get({ missionId });
});

const FIXED_MILESTONES = [
	'Publication de l’appel d’offres',
	'Soumission des offres',
	'Sélection des candidats',
	'Pré-diagnostic',
	'Livraison du diagnostic complet',
	'Livraison finale de la feuille de route'
];

const taskDates = (plan: MissionPlan) => plan.tasks.map((t) => [t.id, t.startDate, t.endDate]);

function expectFixedMilestonesUnchanged(after: MissionPlan): void {
	for (const name of FIXED_MILESTONES) {
		expect(milestoneNamed(after, name).date, name).toBe(milestoneNamed(before, name).date);
	}
	expect(milestoneNamed(after, 'Soumission des offres').dateLabel).toBe('13/11/2025 à 23:59');
}

describe('kick-off change', () => {
	it('moves relative deadlines and shifts the plan by default', async () => {
		const returned = await api.missions.update({
			missionId,
			expectedVersion: before.mission.version,
			kickoffDate: '2025-12-01'
		});
		const after = await api.missions.get({ missionId });
		expect(returned).toEqual(after);

		expect(after.mission).toMatchObject({
			kickoffDate: '2025-12-01',
			plannedEndDate: '2026-03-27',
			version: before.mission.version + 1
		});
		expect(after.deliverables.map((d) => d.contractualDeadline)).toEqual(['2025-12-22', '2026-01-12', '2026-03-16']);
		expect(after.deliverables.map((d) => d.plannedDate)).toEqual(['2025-12-19', '2026-02-20', '2026-03-27']);
		expectFixedMilestonesUnchanged(after);
		expect(milestoneNamed(after, 'Cadrage & contractualisation').date).toBe('2025-12-01');
		expect(after.tranches[0]!.expectedDate).toBe('2025-12-01');

		// Every task moved by seven days, links included, durations kept.
		for (const task of before.tasks) {
			const moved = after.tasks.find((t) => t.id === task.id)!;
			expect([moved.startDate, moved.endDate], task.name).toEqual([
				addCalendarDays(task.startDate, 7),
				addCalendarDays(task.endDate, 7)
			]);
		}
		// Same gaps between contract and plan as before.
		expect(after.warnings).toEqual(before.warnings);
	});

	it('moves relative deadlines only when shiftPlan is false', async () => {
		await api.missions.update({
			missionId,
			expectedVersion: before.mission.version,
			kickoffDate: '2025-12-08',
			shiftPlan: false
		});
		const after = await api.missions.get({ missionId });
		expect(after.mission).toMatchObject({ kickoffDate: '2025-12-08', plannedEndDate: '2026-03-20' });
		expect(after.deliverables.map((d) => d.contractualDeadline)).toEqual(['2025-12-29', '2026-01-19', '2026-03-23']);
		expect(after.deliverables.map((d) => d.plannedDate)).toEqual(before.deliverables.map((d) => d.plannedDate));
		expect(taskDates(after)).toEqual(taskDates(before));
		expectFixedMilestonesUnchanged(after);
		expect(milestoneNamed(after, 'Cadrage & contractualisation').date).toBe('2025-12-08');
		// The plan is now closer to the contract: only deliverable 2 is late (25 days).
		expect(after.warnings).toEqual(['Livrable 2 : prévu 25 jour(s) après son échéance contractuelle.']);
	});

	it('moves everything earlier when the kick-off is brought forward', async () => {
		await api.missions.update({ missionId, expectedVersion: before.mission.version, kickoffDate: '2025-11-10' });
		const after = await api.missions.get({ missionId });
		expect(after.deliverables.map((d) => d.contractualDeadline)).toEqual(['2025-12-01', '2025-12-22', '2026-02-23']);
		expect(after.deliverables.map((d) => d.plannedDate)).toEqual(['2025-11-28', '2026-01-30', '2026-03-06']);
		expect(after.mission.plannedEndDate).toBe('2026-03-06');
		expect(taskDates(after)[0]).toEqual([before.tasks[0]!.id, '2025-11-10', '2025-11-14']);
		expectFixedMilestonesUnchanged(after);
	});

	it('keeps a fixed-date deliverable deadline while its planned date shifts', async () => {
		const { id } = await api.deliverables.create({
			missionId,
			title: 'Note de synthèse',
			dueRule: { kind: 'FIXED_DATE', date: '2026-01-16' }
		});
		await api.missions.update({ missionId, expectedVersion: before.mission.version, kickoffDate: '2025-12-01' });
		const fixed = (await api.missions.get({ missionId })).deliverables.find((d) => d.id === id)!;
		expect(fixed).toMatchObject({
			number: 4,
			contractualDeadline: '2026-01-16',
			plannedDate: '2026-01-23',
			plannedDelayDays: 7
		});
	});

	it('uses an explicit planned end instead of shifting it', async () => {
		await api.missions.update({
			missionId,
			expectedVersion: before.mission.version,
			kickoffDate: '2025-12-01',
			plannedEndDate: '2026-04-30'
		});
		const after = await api.missions.get({ missionId });
		expect(after.mission).toMatchObject({ kickoffDate: '2025-12-01', plannedEndDate: '2026-04-30' });
		expect(deliverableNumbered(after, 3).plannedDate).toBe('2026-03-27');
	});

	it('postpones a whole mission beyond its former planned end', async () => {
		// Postponed by 19 weeks: the shifted plan ends on 31 July 2026.
		await api.missions.update({ missionId, expectedVersion: before.mission.version, kickoffDate: '2026-04-06' });
		const after = await api.missions.get({ missionId });
		expect(after.mission).toMatchObject({ kickoffDate: '2026-04-06', plannedEndDate: '2026-07-31' });
		expect(after.deliverables.map((d) => d.contractualDeadline)).toEqual(['2026-04-27', '2026-05-18', '2026-07-20']);
		expect(after.deliverables.map((d) => d.plannedDate)).toEqual(['2026-04-24', '2026-06-26', '2026-07-31']);
	});

	it('refuses a kick-off after the planned end when the plan does not shift, changing nothing', async () => {
		await expectAppError(
			api.missions.update({
				missionId,
				expectedVersion: before.mission.version,
				kickoffDate: '2026-04-06',
				shiftPlan: false
			}),
			'BAD_REQUEST',
			'END_BEFORE_START'
		);
		expect(await api.missions.get({ missionId })).toEqual(before);
	});

	it('changes other fields without moving anything', async () => {
		await api.missions.update({
			missionId,
			expectedVersion: before.mission.version,
			title: 'Étude données et IA',
			reference: null
		});
		const after = await api.missions.get({ missionId });
		expect(after.mission).toMatchObject({ title: 'Étude données et IA', reference: null, kickoffDate: '2025-11-24' });
		expect(taskDates(after)).toEqual(taskDates(before));
		expect(after.deliverables).toEqual(before.deliverables);
		expect(after.milestones).toEqual(before.milestones);
	});
});
