// The history page's words: a link's type and lag unit in French, a tied task by its name (never
// an id), and five moves of a bar, with the task they pushed, as one entry.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { groupHistory } from '$lib/domain/history';
import { seededMission, taskNamed } from '../support/api';
import { createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(() => t.close());

it('says what a link, a tie and five moves did, in French, with names, one row per action', async () => {
	const { missionId, api } = await seededMission(t.db);
	let plan = await api.missions.get({ missionId });
	const direction = taskNamed(plan, 'Entretiens : direction');
	const team = taskNamed(plan, 'Entretiens : équipe');
	const report = taskNamed(plan, 'Rédaction du rapport d’audit');
	await api.tasks.link({
		predecessorId: direction.id,
		successorId: team.id,
		type: 'SS',
		lagUnit: 'WORKING_DAYS',
		expectedVersion: await storedVersion(api, 'task', team.id)
	});
	const d1 = plan.deliverables[0]!;
	await api.deliverables.update({ deliverableId: d1.id, anchorTaskId: report.id, expectedVersion: d1.version });

	const link = (await api.audit.list({ missionId, objectType: 'dependency' })).map((e) => e.display);
	expect(link.find((r) => r.field === 'Type de lien')!.after).toBe('début → début (dd)');
	expect(link.find((r) => r.field === 'Unité du décalage')!.after).toBe('jours ouvrés');
	const tie = (await api.audit.list({ missionId, objectType: 'deliverable' })).map((e) => e.display);
	expect(tie.find((r) => r.field === 'Tâche de rattachement')!.after).toBe(`Tâche « ${report.name} »`);
	const words = JSON.stringify([...link, ...tie].map((r) => [r.field, r.before, r.after]));
	expect(words).not.toMatch(/\b(FS|SS|WORKING_DAYS|lagUnit|anchorTaskId|type)\b/);
	expect(words).not.toContain(report.id);

	// Five one-day moves of « Entretiens : direction »; from the fourth it pushes its SS successor.
	for (const day of ['02', '03', '04', '05', '08']) {
		await api.tasks.move({
			taskId: direction.id,
			startDate: `2025-12-${day}`,
			endDate: `2025-12-${day}`,
			expectedVersion: await storedVersion(api, 'task', direction.id)
		});
	}
	plan = await api.missions.get({ missionId });
	expect(taskNamed(plan, 'Entretiens : équipe').startDate).toBe('2025-12-08');
	const rows = await api.audit.list({ missionId, objectType: 'task' });
	expect(rows.length).toBeGreaterThanOrEqual(10);
	const entries = groupHistory(rows);
	expect(entries).toHaveLength(1);
	expect(entries[0]!.action).toBe('déplacement');
	expect(entries[0]!.object).toContain(`Tâche « ${direction.name} »`);
	expect(entries[0]!.object).toContain(`Tâche « ${team.name} »`);
	const start = entries[0]!.changes.find((c) => c.object === `Tâche « ${direction.name} »` && c.field === 'Début')!;
	expect([start.before, start.after]).toEqual(['01/12/2025', '08/12/2025']);
});

it('keeps apart two actions of one person sent within the same second: a link, then a tie, then a move', async () => {
	const { missionId, api } = await seededMission(t.db);
	const plan = await api.missions.get({ missionId });
	const direction = taskNamed(plan, 'Entretiens : direction');
	const team = taskNamed(plan, 'Entretiens : équipe');
	const report = taskNamed(plan, 'Rédaction du rapport d’audit');
	const sentAt = Date.now();
	await api.tasks.link({
		predecessorId: direction.id,
		successorId: team.id,
		type: 'SS',
		lagUnit: 'WORKING_DAYS',
		expectedVersion: await storedVersion(api, 'task', team.id)
	});
	const d1 = plan.deliverables[0]!;
	await api.deliverables.update({ deliverableId: d1.id, anchorTaskId: report.id, expectedVersion: d1.version });
	await api.tasks.move({
		taskId: direction.id,
		startDate: '2025-12-02',
		endDate: '2025-12-02',
		expectedVersion: await storedVersion(api, 'task', direction.id)
	});
	// The point is three actions close together, as a script or quick hands send them.
	expect(Date.now() - sentAt).toBeLessThan(1000);

	const rows = await api.audit.list({ missionId });
	const recent = rows.filter((r) => Date.parse(r.at) >= sentAt - 5);
	const entries = groupHistory(recent);
	expect(entries.map((e) => [e.action, [...new Set(e.objectTypes)].sort()])).toEqual([
		['déplacement', ['task']],
		['modification', ['deliverable']],
		['création', ['dependency']]
	]);
	// One call's rows (the link and the date it pushed, if any) carry one time.
	const linkRows = recent.filter((r) => r.objectType === 'dependency');
	expect(new Set(linkRows.map((r) => r.at)).size).toBe(1);
});
