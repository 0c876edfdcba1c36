// A second mission built from scratch through the API: tasks in a phase, deliverables with fixed
// and relative deadlines (working days across Christmas), milestones, and the mission list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';
import { expectAppError, milestoneNamed, seededMission, taskNamed, type Caller } from '../support/api';

let database: TestDatabase;
let api: Caller;
let cufMissionId: string;
let missionId: string;

beforeAll(async () => {
	database = await createTestDatabase();
	({ missionId: cufMissionId, api } = await seededMission(database.db));
});

afterAll(async () => {
	await database.close();
});

const get = (): Promise<MissionPlan> => api.missions.get({ missionId });

describe('a mission created from scratch', () => {
	it('creates the mission', async () => {
		({ id: missionId } = await api.missions.create({
			title: '  Évaluation du programme jeunesse  ',
			clientOrganisation: 'Région Exemple',
			kickoffDate: '2025-12-22',
			plannedEndDate: '2026-03-31',
			budgetCapCents: 1_200_000,
			capBasis: 'HT',
			vatRateBp: 2000
		}));
		const plan = await get();
		expect(plan.mission).toMatchObject({
			title: 'Évaluation du programme jeunesse',
			reference: null,
			kickoffDate: '2025-12-22',
			plannedEndDate: '2026-03-31',
			status: 'ACTIVE',
			version: 1,
			budgetCapHtCents: 1_200_000,
			budgetCapTtcCents: 1_440_000
		});
		expect(plan.tasks).toEqual([]);
		expect(plan.deliverables).toEqual([]);
		expect(plan.milestones).toEqual([]);
		expect(plan.tranches).toEqual([]);
		expect(plan.warnings).toEqual([]);
	});

	it('adds a phase and tasks inside it; the phase spans its children', async () => {
		const { id: phaseId } = await api.tasks.create({
			missionId,
			kind: 'PHASE',
			name: 'Phase 1 — Collecte',
			startDate: '2026-01-05',
			endDate: '2026-01-09'
		});
		const { id: outsideId } = await api.tasks.create({
			missionId,
			name: 'Restitution',
			startDate: '2026-03-23',
			endDate: '2026-03-24'
		});
		const { id: firstId } = await api.tasks.create({
			missionId,
			parentId: phaseId,
			name: 'Entretiens',
			startDate: '2026-01-06',
			endDate: '2026-01-16'
		});
		const { id: secondId, plan } = await api.tasks.create({
			missionId,
			parentId: phaseId,
			name: 'Questionnaire',
			startDate: '2026-01-12',
			endDate: '2026-01-30',
			progress: 10
		});
		// Children are listed right after their phase, before the later task outside it.
		expect(plan.tasks.map((t) => t.name)).toEqual(['Phase 1 — Collecte', 'Entretiens', 'Questionnaire', 'Restitution']);
		expect(plan.tasks.map((t) => t.parentId)).toEqual([null, phaseId, phaseId, null]);
		expect(taskNamed(plan, 'Phase 1')).toMatchObject({ kind: 'PHASE', startDate: '2026-01-06', endDate: '2026-01-30' });
		expect(taskNamed(plan, 'Questionnaire')).toMatchObject({ kind: 'TASK', progress: 10 });
		expect(plan.tasks.map((t) => t.id)).toEqual([phaseId, firstId, secondId, outsideId]);
		expect(await get()).toEqual(plan);
	});

	it('moves a task into the phase and refuses a task as a parent', async () => {
		const plan = await get();
		const phase = taskNamed(plan, 'Phase 1');
		const outside = taskNamed(plan, 'Restitution');
		await expectAppError(
			api.tasks.create({
				missionId,
				parentId: outside.id,
				name: 'Sous-tâche',
				startDate: '2026-03-23',
				endDate: '2026-03-23'
			}),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
		await expectAppError(
			api.tasks.update({
				taskId: phase.id,
				parentId: phase.id,
				expectedVersion: await storedVersion(api, 'task', phase.id)
			}),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
		await expectAppError(
			api.tasks.create({
				missionId: cufMissionId,
				parentId: phase.id,
				name: 'Ailleurs',
				startDate: '2026-01-05',
				endDate: '2026-01-06'
			}),
			'NOT_FOUND',
			'NOT_FOUND'
		);
		expect(await get()).toEqual(plan);

		await api.tasks.update({
			taskId: outside.id,
			parentId: phase.id,
			expectedVersion: await storedVersion(api, 'task', outside.id)
		});
		expect(taskNamed(await get(), 'Phase 1')).toMatchObject({ startDate: '2026-01-06', endDate: '2026-03-24' });
		await api.tasks.update({
			taskId: outside.id,
			parentId: null,
			expectedVersion: await storedVersion(api, 'task', outside.id)
		});
		expect(taskNamed(await get(), 'Phase 1')).toMatchObject({ startDate: '2026-01-06', endDate: '2026-01-30' });
	});

	it('adds deliverables with fixed and relative deadlines', async () => {
		await api.deliverables.create({
			missionId,
			title: 'Note de cadrage',
			dueRule: { kind: 'OFFSET', amount: 10, unit: 'WORKING_DAYS' }
		});
		await api.deliverables.create({
			missionId,
			title: 'Rapport intermédiaire',
			expectedFormat: 'PDF',
			dueRule: { kind: 'OFFSET', amount: 6, unit: 'WEEKS' },
			plannedDate: '2026-02-06'
		});
		await api.deliverables.create({
			missionId,
			number: 5,
			title: 'Rapport final',
			dueRule: { kind: 'FIXED_DATE', date: '2026-03-27' }
		});
		const { plan } = await api.deliverables.create({
			missionId,
			title: 'Synthèse',
			dueRule: { kind: 'OFFSET', amount: 30, unit: 'DAYS' }
		});
		expect(plan.deliverables.map((d) => [d.number, d.title])).toEqual([
			[1, 'Note de cadrage'],
			[2, 'Rapport intermédiaire'],
			[5, 'Rapport final'],
			[6, 'Synthèse']
		]);
		// 10 working days after Monday 22 December 2025 skip two weekends, Christmas and New Year's Day.
		expect(plan.deliverables[0]).toMatchObject({
			rule: { kind: 'OFFSET', amount: 10, unit: 'WORKING_DAYS' },
			ruleLabel: '10 jours ouvrés après démarrage',
			contractualDeadline: '2026-01-07',
			plannedDate: '2026-01-07',
			status: 'TODO'
		});
		expect(plan.deliverables[1]).toMatchObject({
			contractualDeadline: '2026-02-02',
			plannedDate: '2026-02-06',
			plannedDelayDays: 4,
			expectedFormat: 'PDF'
		});
		expect(plan.deliverables[2]).toMatchObject({
			rule: { kind: 'FIXED_DATE', date: '2026-03-27' },
			ruleLabel: 'le 27/03/2026',
			contractualDeadline: '2026-03-27',
			plannedDate: '2026-03-27'
		});
		expect(plan.deliverables[3]).toMatchObject({
			contractualDeadline: '2026-01-21',
			ruleLabel: '30 jours après démarrage'
		});
		expect(plan.warnings).toEqual(['Livrable 2 : prévu 4 jour(s) après son échéance contractuelle.']);
		expect(await get()).toEqual(plan);
	});

	it('refuses a deliverable number already used, changing nothing', async () => {
		const before = await get();
		const error = await expectAppError(
			api.deliverables.create({
				missionId,
				number: 5,
				title: 'Doublon',
				dueRule: { kind: 'FIXED_DATE', date: '2026-03-01' }
			}),
			'CONFLICT',
			'CONFLICT'
		);
		expect(error.message).toBe('Le livrable n° 5 existe déjà dans cette mission.');
		expect(await get()).toEqual(before);
	});

	it('updates a deliverable: a new rule, then hands it in through the workflow', async () => {
		const plan = await get();
		const deliverable = plan.deliverables.find((d) => d.number === 2)!;
		await api.deliverables.update({
			deliverableId: deliverable.id,
			expectedVersion: deliverable.version,
			dueRule: { kind: 'OFFSET', amount: 8, unit: 'WEEKS' }
		});
		const after = await api.deliverables.transition({
			deliverableId: deliverable.id,
			action: 'SUBMIT',
			expectedVersion: await storedVersion(api, 'deliverable', deliverable.id)
		});
		expect(after.deliverables.find((d) => d.number === 2)).toMatchObject({
			contractualDeadline: '2026-02-16',
			plannedDate: '2026-02-06',
			plannedDelayDays: 0,
			status: 'SUBMITTED',
			version: deliverable.version + 2
		});
		expect(after.warnings).toEqual([]);
	});

	it('adds milestones: a fixed date with a time, weeks, and offsets', async () => {
		await api.milestones.create({
			missionId,
			name: 'Remise des candidatures',
			kind: 'SELECTION',
			dateRule: { kind: 'FIXED_DATE', date: '2025-12-05' },
			timeOfDay: '12:00'
		});
		await api.milestones.create({
			missionId,
			name: 'Comité de suivi',
			kind: 'STEERING',
			dateRule: { kind: 'OFFSET', amount: 2, unit: 'WEEKS' },
			isWeek: true
		});
		await api.milestones.create({
			missionId,
			name: 'Atelier de restitution',
			kind: 'DELIVERY',
			dateRule: { kind: 'FIXED_DATE', date: '2026-01-15' },
			isWeek: true
		});
		const { plan } = await api.milestones.create({
			missionId,
			name: 'Pré-cadrage',
			kind: 'CONTRACT',
			dateRule: { kind: 'OFFSET', amount: -5, unit: 'DAYS' }
		});
		expect(plan.milestones.map((m) => [m.name, m.date, m.endDate])).toEqual([
			['Remise des candidatures', '2025-12-05', '2025-12-05'],
			['Pré-cadrage', '2025-12-17', '2025-12-17'],
			['Comité de suivi', '2026-01-05', '2026-01-09'],
			['Atelier de restitution', '2026-01-12', '2026-01-16']
		]);
		expect(milestoneNamed(plan, 'Remise des candidatures')).toMatchObject({
			dateLabel: '05/12/2025 à 12:00',
			isWeek: false
		});
		expect(milestoneNamed(plan, 'Comité de suivi')).toMatchObject({
			isWeek: true,
			dateLabel: 'semaine du 5 janvier 2026',
			ruleLabel: '2 semaines après démarrage'
		});
		expect(milestoneNamed(plan, 'Pré-cadrage').ruleLabel).toBe('5 jours avant démarrage');
		expect(await get()).toEqual(plan);
	});

	it('updates and deletes a milestone', async () => {
		const milestone = milestoneNamed(await get(), 'Pré-cadrage');
		const updated = await api.milestones.update({
			milestoneId: milestone.id,
			expectedVersion: milestone.version,
			isWeek: true,
			name: 'Pré-cadrage (semaine)'
		});
		expect(milestoneNamed(updated, 'Pré-cadrage')).toMatchObject({
			date: '2025-12-15',
			endDate: '2025-12-19',
			version: 2
		});
		const deleted = await api.milestones.delete({ milestoneId: milestone.id });
		expect(deleted.milestones).toHaveLength(3);
		await expectAppError(api.milestones.delete({ milestoneId: milestone.id }), 'NOT_FOUND', 'NOT_FOUND');
	});

	it('lists both missions, latest kick-off first, with their counts', async () => {
		const list = await api.missions.list();
		expect(list.map((m) => [m.id, m.kickoffDate, m.taskCount, m.deliverableCount])).toEqual([
			[missionId, '2025-12-22', 4, 4],
			[cufMissionId, '2025-11-24', 23, 3]
		]);
		expect(list[0]).toMatchObject({
			title: 'Évaluation du programme jeunesse',
			clientOrganisation: 'Région Exemple',
			capBasis: 'HT'
		});
	});

	it('leaves the seeded mission untouched', async () => {
		const cuf = await api.missions.get({ missionId: cufMissionId });
		expect(cuf.tasks).toHaveLength(23);
		expect(cuf.milestones).toHaveLength(7);
		expect(cuf.deliverables.map((d) => d.title)).not.toContain('Note de cadrage');
	});
});
