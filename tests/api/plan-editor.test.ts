// The plan editor's structural edits (plan router): delete a phase with its children and links
// and put everything back, insert below a row, indent / outdent, move rows, version checks.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';
import { expectAppError, seededMission, taskNamed, type Caller } from '../support/api';

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

const names = (plan: MissionPlan) => plan.tasks.map((t) => t.name);
const PHASE_1 = 'Phase 1';

describe('deleting a phase', () => {
	it('deletes its children and links, writes each to the history, and restores them with the same ids', async () => {
		const phase = taskNamed(before, PHASE_1);
		const children = before.tasks.filter((t) => t.parentId === phase.id);
		expect(children).toHaveLength(7);
		const { deleted, plan } = await api.plan.deleteTask({ taskId: phase.id, expectedVersion: phase.version });
		expect(deleted.tasks.map((t) => t.id)).toEqual([phase.id, ...children.map((c) => c.id)]);
		expect(plan.tasks).toHaveLength(before.tasks.length - 8);
		// contract → interviews-direction, interviews-team → governance, mapping → report, report → workshops.
		expect(deleted.links).toHaveLength(4);
		expect(plan.dependencies).toHaveLength(before.dependencies.length - 4);

		const history = await api.audit.list({ missionId });
		const deletions = history.filter((e: { action: string; objectType: string }) => e.action === 'delete');
		const ids = new Set(deletions.map((e: { objectId: string }) => e.objectId));
		for (const task of [phase, ...children]) expect(ids.has(task.id), task.name).toBe(true);
		expect(deletions.filter((e: { objectType: string }) => e.objectType === 'dependency')).toHaveLength(4);

		const restored = await api.plan.restore({ missionId, tasks: deleted.tasks, links: deleted.links });
		expect(names(restored)).toEqual(names(before));
		expect(restored.tasks.map((t) => [t.id, t.parentId, t.startDate, t.endDate])).toEqual(
			before.tasks.map((t) => [t.id, t.parentId, t.startDate, t.endDate])
		);
		expect(restored.dependencies).toHaveLength(before.dependencies.length);
		// Restoring twice is refused and changes nothing.
		await expectAppError(
			api.plan.restore({ missionId, tasks: deleted.tasks, links: deleted.links }),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
	});

	it('refuses a delete based on an old version and keeps the phase', async () => {
		const task = taskNamed(before, 'Restitution finale');
		await api.tasks.update({ taskId: task.id, name: 'Restitution', expectedVersion: task.version });
		await expectAppError(
			api.plan.deleteTask({ taskId: task.id, expectedVersion: task.version }),
			'CONFLICT',
			'CONFLICT'
		);
		expect((await api.missions.get({ missionId })).tasks).toHaveLength(before.tasks.length);
	});
});

describe('reorganising rows', () => {
	it('inserts a task right below a task, in its phase, and as the first child of a phase', async () => {
		const mapping = taskNamed(before, 'Cartographie');
		const { id, plan } = await api.plan.insertBelow({ taskId: mapping.id });
		const at = plan.tasks.findIndex((t) => t.id === mapping.id);
		expect(plan.tasks[at + 1]).toMatchObject({ id, name: 'Nouvelle tâche', parentId: mapping.parentId });
		const phase = taskNamed(before, PHASE_1);
		const second = await api.plan.insertBelow({ taskId: phase.id, name: 'Première' });
		const phaseAt = second.plan.tasks.findIndex((t) => t.id === phase.id);
		expect(second.plan.tasks[phaseAt + 1]).toMatchObject({ id: second.id, name: 'Première', parentId: phase.id });
	});

	it('outdents a task after its phase, then indents it back into the phase', async () => {
		const task = taskNamed(before, 'Rédaction du rapport d’audit');
		const phase = taskNamed(before, PHASE_1);
		const out = await api.plan.outdent({ taskId: task.id, expectedVersion: task.version });
		const moved = taskNamed(out, 'Rédaction du rapport d’audit');
		expect(moved.parentId).toBeNull();
		// Right after the phase's remaining rows, before phase 2.
		const order = names(out);
		expect(order.indexOf(moved.name)).toBe(order.findIndex((n) => n.startsWith('Phase 2')) - 1);
		const back = await api.plan.indent({ taskId: task.id, expectedVersion: moved.version });
		expect(taskNamed(back, 'Rédaction du rapport d’audit').parentId).toBe(phase.id);
		expect(names(back)).toEqual(names(before));
	});

	it('refuses to indent the first row of a level, with a French reason', async () => {
		// Sub-tasks under a task are allowed (tests/api/outline-levels.test.ts); the first child has no row above.
		const task = taskNamed(before, 'Entretiens : direction');
		const error = await expectAppError(
			api.plan.indent({ taskId: task.id, expectedVersion: await storedVersion(api, 'task', task.id) }),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
		expect(error.message).toContain('aucune ligne au-dessus');
	});

	it('moves a phase with its children down and back up', async () => {
		const phase = taskNamed(before, PHASE_1);
		const down = await api.plan.moveRow({
			taskId: phase.id,
			direction: 'DOWN',
			expectedVersion: await storedVersion(api, 'task', phase.id)
		});
		const order = names(down);
		expect(order[0]).toBe('Cadrage & contractualisation');
		expect(order.findIndex((n) => n.startsWith('Phase 2'))).toBe(3);
		expect(order.indexOf(phase.name)).toBe(3 + 6);
		const up = await api.plan.moveRow({
			taskId: phase.id,
			direction: 'UP',
			expectedVersion: await storedVersion(api, 'task', phase.id)
		});
		expect(names(up)).toEqual(names(before));
		await expectAppError(
			api.plan.moveRow({
				taskId: before.tasks[0]!.id,
				direction: 'UP',
				expectedVersion: await storedVersion(api, 'task', before.tasks[0]!.id)
			}),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
	});

	it('places a row back where it was (undo of an indent, an outdent or a move)', async () => {
		const task = taskNamed(before, 'Entretiens : comptabilité');
		const previous = before.tasks[before.tasks.findIndex((t) => t.id === task.id) - 1]!;
		const out = await api.plan.outdent({ taskId: task.id, expectedVersion: task.version });
		expect(names(out)).not.toEqual(names(before));
		const back = await api.plan.place({
			taskId: task.id,
			parentId: task.parentId,
			afterTaskId: previous.id,
			expectedVersion: taskNamed(out, 'Entretiens : comptabilité').version
		});
		expect(names(back)).toEqual(names(before));
		expect(taskNamed(back, 'Entretiens : comptabilité').parentId).toBe(task.parentId);
		// Into its own subtree: refused.
		const phase = taskNamed(before, PHASE_1);
		await expectAppError(
			api.plan.place({
				taskId: phase.id,
				parentId: phase.id,
				afterTaskId: null,
				expectedVersion: await storedVersion(api, 'task', phase.id)
			}),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
	});
});

describe('editing the mission', () => {
	it('saves title, client, reference, status and planned end, and refuses an edit based on an old version', async () => {
		const version = before.mission.version;
		const plan = await api.missions.update({
			missionId,
			title: 'Étude données et IA',
			clientOrganisation: 'CUF',
			reference: 'REF-2',
			status: 'COMPLETED',
			plannedEndDate: '2026-04-30',
			expectedVersion: version
		});
		expect(plan.mission).toMatchObject({
			title: 'Étude données et IA',
			clientOrganisation: 'CUF',
			reference: 'REF-2',
			status: 'COMPLETED',
			plannedEndDate: '2026-04-30'
		});
		const error = await expectAppError(
			api.missions.update({ missionId, title: 'Autre titre', expectedVersion: version }),
			'CONFLICT',
			'CONFLICT'
		);
		expect(error.message).toContain('modifiée entre-temps');
		expect((await api.missions.get({ missionId })).mission.title).toBe('Étude données et IA');
	});
});
