// Nothing lost: the full backup holds what happened (actuals, hand-ins, validations, over-cap
// approvals); imports are refused as a whole when a live edit would be; every update checks the
// version it was based on; the trail keeps deleted missions, tasks deleted with their phase and
// tasks moved by a kick-off change; dates stay within 2000-2099.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '$lib/domain/dates';
import type { MissionDocument } from '$lib/mission-document';
import { createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';
import { expectAppError, expectFrench, seededMission, taskNamed, type Caller } from '../support/api';

let database: TestDatabase;

beforeAll(async () => {
	database = await createTestDatabase();
});

afterAll(async () => {
	await database.close();
});

async function fresh(): Promise<{ missionId: string; api: Caller }> {
	return seededMission(database.db);
}

describe('the full backup', () => {
	it('holds time entries, expenses, hand-ins, validations and over-cap approvals, and comes back identical', async () => {
		const { missionId, api } = await fresh();
		let plan = await api.missions.get({ missionId });
		const phase = plan.tasks.find((t) => t.kind === 'PHASE')!;
		await api.finance.saveProfile({ missionId, name: 'Expert', dayRateHtCents: 90_000 });
		// 100 days of an expert: far above the 20 000 € cap, saved with a recorded confirmation.
		const view = await api.finance.saveCostLine({
			missionId,
			label: 'Audit',
			profileId: (await api.finance.get({ missionId })).costPlan.profiles[0]!.id,
			dayHundredths: 10_000,
			confirmOverCap: true,
			overCapComment: 'Accord du commanditaire du 2 décembre'
		});
		const profileId = view.costPlan.profiles[0]!.id;
		await api.finance.setTimeEntry({ missionId, profileId, weekStart: '2025-12-01', dayHundredths: 250 });
		await api.finance.setTimeEntry({
			missionId,
			profileId,
			phaseId: phase.id,
			weekStart: '2025-12-08',
			dayHundredths: 150
		});
		await api.finance.addExpense({
			missionId,
			phaseId: phase.id,
			label: 'Train Paris',
			incurredOn: '2025-12-03',
			amountHtCents: 8_950
		});
		const deliverable = plan.deliverables[0]!;
		await api.deliverables.transition({
			deliverableId: deliverable.id,
			action: 'START',
			expectedVersion: await storedVersion(api, 'deliverable', deliverable.id)
		});
		await api.deliverables.transition({
			deliverableId: deliverable.id,
			action: 'SUBMIT',
			versionLabel: 'v1',
			link: 'https://exemple.fr/audit-v1.pdf',
			comment: 'Première version',
			expectedVersion: await storedVersion(api, 'deliverable', deliverable.id)
		});
		await api.deliverables.transition({
			deliverableId: deliverable.id,
			action: 'REQUEST_REWORK',
			comment: 'Annexes manquantes',
			expectedVersion: await storedVersion(api, 'deliverable', deliverable.id)
		});
		await api.deliverables.transition({
			deliverableId: deliverable.id,
			action: 'SUBMIT',
			versionLabel: 'v2',
			expectedVersion: await storedVersion(api, 'deliverable', deliverable.id)
		});
		plan = await api.deliverables.transition({
			deliverableId: deliverable.id,
			action: 'VALIDATE',
			expectedVersion: await storedVersion(api, 'deliverable', deliverable.id)
		});

		const exported = await api.documents.exportMission({ missionId });
		expect(exported.timeEntries).toEqual([
			{ profileRef: 'profile-1', phaseRef: null, weekStart: '2025-12-01', dayHundredths: 250 },
			{ profileRef: 'profile-1', phaseRef: 'task-1', weekStart: '2025-12-08', dayHundredths: 150 }
		]);
		expect(exported.expenses).toEqual([
			{ phaseRef: 'task-1', label: 'Train Paris', incurredOn: '2025-12-03', amountHtCents: 8_950 }
		]);
		expect(exported.overCapApprovals).toHaveLength(1);
		expect(exported.overCapApprovals![0]).toMatchObject({ comment: 'Accord du commanditaire du 2 décembre' });
		const validated = exported.deliverables[0]!;
		expect(validated).toMatchObject({
			status: 'VALIDATED',
			validatedOn: '2025-12-01',
			validatedByName: 'Admin de test'
		});
		expect(validated.submissions).toMatchObject([
			{
				versionLabel: 'v1',
				link: 'https://exemple.fr/audit-v1.pdf',
				comment: 'Première version',
				submittedByName: 'Admin de test',
				decision: 'REWORK',
				decisionComment: 'Annexes manquantes',
				decidedByName: 'Admin de test'
			},
			{ versionLabel: 'v2', decision: 'VALIDATED', decidedByName: 'Admin de test' }
		]);

		const { id } = await api.documents.importMission({ document: exported });
		const again = await api.documents.exportMission({ missionId: id });
		expect({ ...again, exportedAt: null }).toEqual({ ...exported, exportedAt: null });
		// The restored mission's finance page reads the same actuals.
		const [original, restored] = await Promise.all([
			api.finance.get({ missionId }),
			api.finance.get({ missionId: id })
		]);
		expect(restored.costPlan.total).toEqual(original.costPlan.total);
	});
});

describe('an import', () => {
	type Breakage = { title: string; problem: string | RegExp; break: (doc: MissionDocument) => MissionDocument };
	const task = (doc: MissionDocument, name: string) => doc.tasks.find((t) => t.name.startsWith(name))!.ref;
	const breakages: Breakage[] = [
		{
			title: 'a task linked to itself',
			problem: 'Tâche « Benchmark',
			break: (doc) => ({
				...doc,
				dependencies: [
					...doc.dependencies,
					{ predecessorRef: task(doc, 'Benchmark'), successorRef: task(doc, 'Benchmark'), type: 'FS', lagDays: 0 }
				]
			})
		},
		{
			title: 'a two-task loop',
			problem: 'Les liens entre tâches forment une boucle',
			break: (doc) => {
				const [a, b] = [task(doc, 'Benchmark'), task(doc, 'Restitution finale')];
				return {
					...doc,
					dependencies: [
						{ predecessorRef: a, successorRef: b, type: 'FS', lagDays: 0 },
						{ predecessorRef: b, successorRef: a, type: 'FS', lagDays: 0 }
					]
				};
			}
		},
		{
			title: 'a link to a phase',
			problem: 'les liens relient des tâches, pas des phases',
			break: (doc) => ({
				...doc,
				dependencies: [
					{ predecessorRef: doc.tasks[0]!.ref, successorRef: task(doc, 'Benchmark'), type: 'FS', lagDays: 0 }
				]
			})
		},
		{
			title: 'a payment of 10¹⁰ cents on a 6 000 € tranche',
			problem: /Tranche « .* » : les paiements \(100\s000\s000,00\s€\) dépassent son montant \(6\s000,00\s€\)\./,
			break: (doc) => ({
				...doc,
				tranches: doc.tranches.map((t, i) =>
					i === 0
						? {
								...t,
								status: 'INVOICED',
								invoiceNumber: 'F-1',
								invoiceDate: '2025-12-01',
								payments: [{ paidOn: '2025-12-10', amountCents: 10_000_000_000 }]
							}
						: t
				)
			})
		},
		{
			title: 'two tasks with the same reference',
			problem: 'Deux tâches portent la référence « task-2 ».',
			break: (doc) => ({ ...doc, tasks: doc.tasks.map((t) => (t.ref === 'task-3' ? { ...t, ref: 'task-2' } : t)) })
		},
		{
			title: 'the same week of the same profile twice',
			problem: 'Temps passé en double',
			break: (doc) => ({
				...doc,
				costPlan: { profiles: [{ ref: 'p', name: 'Expert', dayRateHtCents: 1 }], lines: [] },
				timeEntries: [
					{ profileRef: 'p', phaseRef: null, weekStart: '2025-12-01', dayHundredths: 100 },
					{ profileRef: 'p', phaseRef: null, weekStart: '2025-12-01', dayHundredths: 200 }
				]
			})
		},
		{
			title: 'a task on 9999-12-31',
			problem: 'tasks.1.endDate : Fin : la date doit être entre le 01/01/2000 et le 31/12/2099.',
			break: (doc) => ({ ...doc, tasks: doc.tasks.map((t, i) => (i === 1 ? { ...t, endDate: '9999-12-31' } : t)) })
		},
		{
			title: 'a deadline 70 years after a kick-off in 2040',
			problem: 'Livrable 1 : son échéance sort du calendrier accepté (du 01/01/2000 au 31/12/2099).',
			break: (doc) => ({
				...doc,
				mission: { ...doc.mission, kickoffDate: '2040-01-02', plannedEndDate: null },
				deliverables: doc.deliverables.map((d, i) =>
					i === 0 ? { ...d, dueRule: { kind: 'OFFSET', amount: 3650, unit: 'WEEKS' } } : d
				)
			})
		}
	];

	it.each(breakages)('refuses $title, lists it in French and creates nothing', async (b) => {
		const { missionId, api } = await fresh();
		const doc = await api.documents.exportMission({ missionId });
		const count = await database.db.mission.count();
		const error = await expectAppError(
			api.documents.importMission({ document: b.break(doc) }),
			'BAD_REQUEST',
			'VALIDATION'
		);
		expect(error.message).toMatch(/^Import refusé, rien n’a été créé — /);
		if (typeof b.problem === 'string') expect(error.message).toContain(b.problem);
		else expect(error.message).toMatch(b.problem);
		expectFrench(error.message);
		expect(await database.db.mission.count()).toBe(count);
	});

	it('refuses a GanttProject task linked to itself through the same gate', async () => {
		const { api } = await fresh();
		const count = await database.db.mission.count();
		const gan = `<project name="Boucle"><tasks><task id="1" name="A" start="2026-01-05" duration="2"><depend id="1" type="2" difference="0"/></task></tasks></project>`;
		const error = await expectAppError(
			api.documents.importProject({ content: gan, clientOrganisation: 'C', budgetCapCents: 100 }),
			'BAD_REQUEST',
			'VALIDATION'
		);
		expect(error.message).toBe(
			'Import refusé, rien n’a été créé — Tâche « A » : une tâche ne peut pas dépendre d’elle-même.'
		);
		expect(await database.db.mission.count()).toBe(count);
	});
});

describe('every update checks the version it was based on', () => {
	it('refuses a deliverable dragged from a stale version, naming who changed it', async () => {
		const { missionId, api } = await fresh();
		const plan = await api.missions.get({ missionId });
		const deliverable = plan.deliverables[0]!;
		await api.deliverables.update({
			deliverableId: deliverable.id,
			plannedDate: '2025-12-15',
			expectedVersion: deliverable.version
		});
		const after = await api.missions.get({ missionId });
		const error = await expectAppError(
			api.deliverables.update({
				deliverableId: deliverable.id,
				plannedDate: '2025-12-19',
				expectedVersion: deliverable.version
			}),
			'CONFLICT',
			'CONFLICT'
		);
		expect(error.message).toBe('Livrable modifié entre-temps par Admin de test : rechargez avant d’enregistrer.');
		expect(await api.missions.get({ missionId })).toEqual(after);
	});

	it('refuses a milestone edited from a stale version', async () => {
		const { missionId, api } = await fresh();
		const milestone = (await api.missions.get({ missionId })).milestones[0]!;
		await api.milestones.update({ milestoneId: milestone.id, name: 'Premier nom', expectedVersion: milestone.version });
		const after = await api.missions.get({ missionId });
		const error = await expectAppError(
			api.milestones.update({ milestoneId: milestone.id, name: 'Second nom', expectedVersion: milestone.version }),
			'CONFLICT',
			'CONFLICT'
		);
		expect(error.message).toBe(
			`Jalon « Premier nom » modifié entre-temps par Admin de test : rechargez avant d’enregistrer.`
		);
		expect(await api.missions.get({ missionId })).toEqual(after);
	});

	it('refuses a mission edited from a stale version', async () => {
		const { missionId, api } = await fresh();
		const { version } = (await api.missions.get({ missionId })).mission;
		await api.missions.update({ missionId, title: 'Premier titre', expectedVersion: version });
		const after = await api.missions.get({ missionId });
		const error = await expectAppError(
			api.missions.update({ missionId, kickoffDate: '2025-12-01', expectedVersion: version }),
			'CONFLICT',
			'CONFLICT'
		);
		expect(error.message).toBe('Mission modifiée entre-temps par Admin de test : rechargez avant d’enregistrer.');
		expect(await api.missions.get({ missionId })).toEqual(after);
	});
});

describe('the audit trail keeps', () => {
	it('a deleted mission’s whole history, ending with its deletion', async () => {
		const { missionId, api } = await fresh();
		const plan = await api.missions.get({ missionId });
		await api.missions.update({ missionId, title: 'Avant suppression', expectedVersion: plan.mission.version });
		const trail = await api.audit.list({ missionId });
		await api.missions.delete({ missionId });
		const kept = await api.audit.list({ missionId });
		expect(kept.length).toBe(trail.length + 1);
		// Read back through the API by an administrator, although the mission is gone.
		expect(kept[0]).toMatchObject({
			objectType: 'mission',
			objectId: missionId,
			action: 'delete',
			field: 'title',
			before: 'Avant suppression',
			actorName: 'Admin de test'
		});
		// The rows themselves are kept; their display names the mission as deleted.
		const raw = (rows: typeof trail) => rows.map(({ display: _display, ...row }) => row);
		expect(raw(kept.slice(kept.length - trail.length))).toEqual(raw(trail));
	});

	it('one row for each task deleted with its phase', async () => {
		const { missionId, api } = await fresh();
		const plan = await api.missions.get({ missionId });
		const phase = plan.tasks.find((t) => t.kind === 'PHASE')!;
		const children = plan.tasks.filter((t) => t.parentId === phase.id);
		expect(children.length).toBeGreaterThan(1);
		await api.tasks.delete({ taskId: phase.id });
		const rows = (await api.audit.list({ missionId, objectType: 'task' })).filter((e) => e.action === 'delete');
		expect(rows.map((r) => r.objectId).sort()).toEqual([phase.id, ...children.map((c) => c.id)].sort());
	});

	it('each task moved by a kick-off change, with its dates before and after', async () => {
		const { missionId, api } = await fresh();
		const plan = await api.missions.get({ missionId });
		await api.missions.update({ missionId, kickoffDate: '2025-12-01', expectedVersion: plan.mission.version });
		const rows = (await api.audit.list({ missionId, objectType: 'task', limit: 500 })).filter(
			(e) => e.field === 'startDate'
		);
		expect(rows).toHaveLength(plan.tasks.length);
		const benchmark = taskNamed(plan, 'Benchmark');
		// The kick-off moves from 24 November to 1 December 2025: the plan moves by 7 days.
		expect(rows.find((r) => r.objectId === benchmark.id)).toMatchObject({
			before: benchmark.startDate,
			after: addCalendarDays(benchmark.startDate, 7),
			actorName: 'Admin de test'
		});
	});
});

describe('dates stay within 2000-2099', () => {
	it('refuses a deadline rule that falls after 2099, in French, creating nothing', async () => {
		const { api } = await fresh();
		const { id: missionId } = await api.missions.create({
			title: 'Mission lointaine',
			clientOrganisation: 'C',
			kickoffDate: '2095-01-03',
			budgetCapCents: 100,
			capBasis: 'HT',
			vatRateBp: 2000
		});
		const before = await api.missions.get({ missionId });
		const error = await expectAppError(
			api.deliverables.create({ missionId, title: 'Rapport', dueRule: { kind: 'OFFSET', amount: 520, unit: 'WEEKS' } }),
			'BAD_REQUEST',
			'VALIDATION'
		);
		expect(error.message).toBe(
			'Livrable « Rapport » : l’échéance tomberait hors du calendrier accepté (du 01/01/2000 au 31/12/2099).'
		);
		await expectAppError(
			api.milestones.create({
				missionId,
				name: 'Comité',
				kind: 'STEERING',
				dateRule: { kind: 'OFFSET', amount: 3650, unit: 'DAYS' }
			}),
			'BAD_REQUEST',
			'VALIDATION'
		);
		expect(await api.missions.get({ missionId })).toEqual(before);
	});
});
