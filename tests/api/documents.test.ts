// Whole-mission backup and templates: export → import → export gives the same document except
// the export time; an invalid import creates nothing; templates land on the right dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCufMission } from '$lib/server/seed';
import { callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';
import { expectAppError } from '../support/api';

let t: TestDatabase;
let api: ReturnType<typeof callerFor>;
let missionId: string;

beforeAll(async () => {
	t = await createTestDatabase();
	missionId = await seedCufMission(t.db);
	api = callerFor(t.db);
	// Some finance and workflow state, so the round trip covers more than the plan.
	await api.finance.saveProfile({ missionId, name: 'Expert', dayRateHtCents: 90_000 });
	const view = await api.finance.get({ missionId });
	await api.finance.saveCostLine({
		missionId,
		profileId: view.costPlan.profiles[0]!.id,
		label: 'Audit',
		dayHundredths: 550
	});
	await api.finance.setFunders({
		missionId,
		funders: [
			{ name: 'Dispositif', shareBp: 8000, ceilingCents: 1_000_000 },
			{ name: 'CUF', shareBp: 2000 }
		]
	});
	await api.finance.invoice({ trancheId: view.tranches[0]!.id, invoiceNumber: 'F-1', invoiceDate: '2025-11-28' });
	await api.finance.recordPayment({ trancheId: view.tranches[0]!.id, paidOn: '2025-12-10', amountCents: 100_000 });
});

afterAll(async () => {
	await t.close();
});

const withoutTime = <T extends { exportedAt?: string }>(doc: T) => ({ ...doc, exportedAt: undefined });

describe('mission document', () => {
	it('export → import → export gives the same document except the export time', async () => {
		const first = await api.documents.exportMission({ missionId });
		expect(first.tasks).toHaveLength(23);
		expect(first.dependencies).toHaveLength(12);
		const { id: copyId } = await api.documents.importMission({ document: JSON.parse(JSON.stringify(first)) });
		expect(copyId).not.toBe(missionId);
		const second = await api.documents.exportMission({ missionId: copyId });
		expect(withoutTime(second)).toEqual(withoutTime(first));
		const plan = await api.missions.get({ missionId: copyId });
		expect(plan.deliverables.map((d) => d.contractualDeadline)).toEqual(['2025-12-15', '2026-01-05', '2026-03-09']);
		expect((await api.finance.get({ missionId: copyId })).totals.receivedCents).toBe(100_000);
	});

	it('an import that fails validation creates nothing', async () => {
		const before = await t.db.mission.count();
		const doc = await api.documents.exportMission({ missionId });
		const broken = {
			...doc,
			dependencies: [
				...doc.dependencies,
				{ predecessorRef: 'task-999', successorRef: 'task-2', type: 'FS', lagDays: 0 }
			]
		};
		const error = await expectAppError(api.documents.importMission({ document: broken }), 'BAD_REQUEST', 'VALIDATION');
		expect(error.message).toContain('Un lien pointe vers une tâche inconnue (task-999 → task-2).');
		expect(error.message).toContain('rien n’a été créé');
		await expectAppError(
			api.documents.importMission({ document: { format: 'autre chose' } }),
			'BAD_REQUEST',
			'VALIDATION'
		);
		// A failure half-way (duplicate deliverable numbers hit the database constraint) rolls back too.
		const clash = { ...doc, deliverables: doc.deliverables.map((d) => ({ ...d, number: 1 })) };
		await expect(api.documents.importMission({ document: clash })).rejects.toThrow();
		expect(await t.db.mission.count()).toBe(before);
	});
});

describe('templates', () => {
	const instantiate = async (templateId: string, kickoffDate: string) => {
		const { id } = await api.documents.createFromTemplate({
			templateId,
			kickoffDate,
			title: `${templateId} ${kickoffDate}`,
			clientOrganisation: 'Commune',
			budgetCapCents: 1_000_000
		});
		return api.missions.get({ missionId: id });
	};

	it('study with three deliverables: +3, +6, +15 weeks and 30/40/30 at two kick-off dates', async () => {
		for (const [kickoff, deadlines] of [
			['2026-01-05', ['2026-01-26', '2026-02-16', '2026-04-20']],
			['2026-09-07', ['2026-09-28', '2026-10-19', '2026-12-21']]
		] as const) {
			const plan = await instantiate('builtin:study', kickoff);
			expect(plan.deliverables.map((d) => d.contractualDeadline)).toEqual(deadlines);
			expect(plan.tranches.map((tr) => tr.percentBp)).toEqual([3000, 4000, 3000]);
			expect(plan.tasks[0]!.startDate).toBe(kickoff);
		}
	});

	it('framework order: working-day deadlines, across Christmas and New Year’s Day', async () => {
		const march = await instantiate('builtin:framework-order', '2026-03-02');
		// 10 working days after Monday 2 March 2026 is Monday 16 March; +20 is 30 March.
		expect(march.milestones.find((m) => m.name.startsWith('Devis'))!.date).toBe('2026-03-16');
		expect(march.milestones.find((m) => m.name.startsWith('Validation'))!.date).toBe('2026-03-30');
		const december = await instantiate('builtin:framework-order', '2025-12-15');
		// 16, 17, 18, 19, 22, 23, 24, 26, 29, 30 December: the 25th is skipped.
		expect(december.milestones.find((m) => m.name.startsWith('Devis'))!.date).toBe('2025-12-30');
		// +20: 31 Dec, then 2, 5, 6, 7, 8, 9, 12, 13, 14 January (1 January skipped).
		expect(december.milestones.find((m) => m.name.startsWith('Validation'))!.date).toBe('2026-01-14');
		expect(december.deliverables[0]!.contractualDeadline).toBe('2025-12-30');
		// Task dates keep their working-day distance from the kick-off: the work starts 35 working
		// days after it (with the purchase order) and ends 54 working days after it.
		const work = december.tasks.find((x) => x.kind === 'TASK')!;
		expect([work.startDate, work.endDate]).toEqual(['2026-02-04', '2026-03-03']);
		expect(december.milestones.find((m) => m.name.startsWith('Bon de commande'))!.date).toBe('2026-02-04');
	});

	it('training path at two kick-off dates keeps its sessions on working days', async () => {
		for (const kickoff of ['2026-01-05', '2026-04-06']) {
			const plan = await instantiate('builtin:training', kickoff);
			for (const task of plan.tasks) {
				expect([1, 2, 3, 4, 5]).toContain(new Date(`${task.startDate}T12:00:00`).getDay());
			}
		}
		// Kick-off on Easter Monday 2026 (a holiday): the plan starts on the next working day.
		const easter = await instantiate('builtin:training', '2026-04-06');
		expect(easter.tasks.find((x) => x.name.endsWith('Lyon'))!.startDate).toBe('2026-04-14');
	});

	it('a mission saved as a template starts again from scratch at a new date', async () => {
		const { id } = await api.documents.saveAsTemplate({ missionId, name: 'Modèle CUF' });
		const templates = await api.documents.templates();
		expect(templates.map((x) => x.name)).toContain('Modèle CUF');
		const plan = await instantiate(id, '2026-11-23');
		expect(plan.deliverables.map((d) => d.contractualDeadline)).toEqual(['2026-12-14', '2027-01-04', '2027-03-08']);
		expect(plan.deliverables.every((d) => d.status === 'TODO')).toBe(true);
		expect(plan.contacts).toEqual([]);
		expect((await api.finance.get({ missionId: plan.mission.id })).totals.receivedCents).toBe(0);
	});
});
