// Outline levels through the API: a task indented under a task makes it a summary row (at any
// depth), whose dates, progress and costs roll up from its children after every edit; links to
// summaries are refused; the depth is bounded; JSON, MS Project XML and GanttProject files keep
// the levels both ways.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { MAX_OUTLINE_DEPTH } from '$lib/domain/outline';
import { outlineNumbers } from '$lib/components/plan/outline';
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

// Rows of « Phase 1 » (row 2 of the table):
const RESPONSABLE = 'Entretiens : responsable'; // 2.2, 02/12, no link
const COMPTABILITE = 'Entretiens : comptabilité'; // 2.3, 03/12, no link
const EQUIPE = 'Entretiens : équipe'; // 2.4, 04/12, leads « Revue de la gouvernance » (FS)
const GOVERNANCE = 'Revue de la gouvernance';

const indent = async (plan: MissionPlan, name: string) => {
	const task = taskNamed(plan, name);
	return api.plan.indent({ taskId: task.id, expectedVersion: task.version });
};

/** Phase 1 › responsable › comptabilité › équipe: four levels, two of them former tasks. */
async function nestFourLevels(): Promise<MissionPlan> {
	let plan = await indent(before, COMPTABILITE); // 2.2.1
	plan = await indent(plan, EQUIPE); // 2.2.2, after comptabilité under responsable
	return indent(plan, EQUIPE); // 2.2.1.1
}

const number = (plan: MissionPlan, name: string) => outlineNumbers(plan.tasks).get(taskNamed(plan, name).id);

describe('indenting a task under a task', () => {
	it('makes the task above a summary row at depth 3, its dates the span of its children', async () => {
		const plan = await nestFourLevels();
		expect(number(plan, RESPONSABLE)).toBe('2.2');
		expect(number(plan, COMPTABILITE)).toBe('2.2.1');
		expect(number(plan, EQUIPE)).toBe('2.2.1.1');
		const responsable = taskNamed(plan, RESPONSABLE);
		const comptabilite = taskNamed(plan, COMPTABILITE);
		expect(responsable.kind).toBe('PHASE');
		expect(comptabilite.kind).toBe('PHASE');
		expect(taskNamed(plan, EQUIPE).parentId).toBe(comptabilite.id);
		// Its own day (02/12) gave way to its children's span: 03/12 (comptabilité was a task
		// of that day, now a summary of équipe's 04/12) to 04/12.
		expect([comptabilite.startDate, comptabilite.endDate]).toEqual(['2025-12-04', '2025-12-04']);
		expect([responsable.startDate, responsable.endDate]).toEqual(['2025-12-04', '2025-12-04']);
		// Same rows, same order: only the levels changed.
		expect(plan.tasks.map((t) => t.id)).toEqual(before.tasks.map((t) => t.id));
		// The history says it.
		const history = await api.audit.list({ missionId });
		expect(
			history.some(
				(e: { objectId: string; after: unknown }) =>
					e.objectId === responsable.id && JSON.stringify(e.after).includes('PHASE')
			)
		).toBe(true);
	});

	it('a deliverable tied to the task follows its new end when it becomes a summary', async () => {
		const responsable = taskNamed(before, RESPONSABLE);
		const d1 = before.deliverables.find((d) => d.number === 1)!;
		await api.deliverables.update({
			deliverableId: d1.id,
			anchorTaskId: responsable.id,
			anchorLagDays: 0,
			expectedVersion: d1.version
		});
		const plan = await indent(await api.missions.get({ missionId }), COMPTABILITE);
		// Its end went from 02/12 to 03/12 (comptabilité's day): the deliverable with it.
		expect(plan.deliverables.find((d) => d.id === d1.id)!.plannedDate).toBe('2025-12-03');
	});

	it('rolls dates and progress up after a move that pushes a successor', async () => {
		let plan = await nestFourLevels();
		const equipe = taskNamed(plan, EQUIPE);
		plan = await api.tasks.update({ taskId: equipe.id, progress: 50, expectedVersion: equipe.version });
		// Progress: équipe alone under comptabilité; comptabilité alone under responsable.
		expect(taskNamed(plan, COMPTABILITE).progress).toBe(50);
		expect(taskNamed(plan, RESPONSABLE).progress).toBe(50);
		// Phase 1: 7 children weighted by working days; only équipe (1 day of 1) is started.
		const phase = taskNamed(plan, 'Phase 1');
		expect(phase.progress).toBeGreaterThan(0);
		expect(phase.progress).toBeLessThan(50);

		// Équipe a week later: Thursday 11 December. Governance (FS) is pushed after it.
		const moved = await api.tasks.move({
			taskId: equipe.id,
			startDate: '2025-12-11',
			endDate: '2025-12-11',
			expectedVersion: taskNamed(plan, EQUIPE).version
		});
		const changed = new Map(moved.tasks.map((t) => [t.id, t]));
		for (const name of [COMPTABILITE, RESPONSABLE]) {
			const summary = changed.get(taskNamed(plan, name).id);
			expect(summary, name).toMatchObject({ startDate: '2025-12-11', endDate: '2025-12-11' });
		}
		const after = await api.missions.get({ missionId });
		expect(taskNamed(after, GOVERNANCE).startDate).toBe('2025-12-12');
		expect([taskNamed(after, RESPONSABLE).startDate, taskNamed(after, RESPONSABLE).endDate]).toEqual([
			'2025-12-11',
			'2025-12-11'
		]);
		expect(taskNamed(after, RESPONSABLE).progress).toBe(50);
	});

	it('moves a summary with its whole subtree, at any depth', async () => {
		const plan = await nestFourLevels();
		const responsable = taskNamed(plan, RESPONSABLE);
		await api.tasks.move({
			taskId: responsable.id,
			startDate: '2025-12-11',
			endDate: '2025-12-11',
			expectedVersion: responsable.version
		});
		const after = await api.missions.get({ missionId });
		expect(taskNamed(after, EQUIPE).startDate).toBe('2025-12-11');
		expect(taskNamed(after, COMPTABILITE).startDate).toBe('2025-12-11');
	});

	it('refuses to type a summary’s progress, and changes nothing', async () => {
		const plan = await nestFourLevels();
		const responsable = taskNamed(plan, RESPONSABLE);
		const error = await expectAppError(
			api.tasks.update({ taskId: responsable.id, progress: 90, expectedVersion: responsable.version }),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
		expect(error.message).toContain('sous-tâches');
		expect(await api.missions.get({ missionId })).toEqual(plan);
	});

	it('outdenting the last child makes the summary a task again; placing back (undo) a summary again', async () => {
		let plan = await indent(before, COMPTABILITE);
		const comptabilite = taskNamed(plan, COMPTABILITE);
		const responsable = taskNamed(plan, RESPONSABLE);
		plan = await api.plan.outdent({ taskId: comptabilite.id, expectedVersion: comptabilite.version });
		expect(taskNamed(plan, RESPONSABLE).kind).toBe('TASK');
		expect(plan.tasks.map((t) => [t.id, t.parentId])).toEqual(before.tasks.map((t) => [t.id, t.parentId]));
		plan = await api.plan.place({
			taskId: comptabilite.id,
			parentId: responsable.id,
			afterTaskId: null,
			expectedVersion: taskNamed(plan, COMPTABILITE).version
		});
		expect(taskNamed(plan, RESPONSABLE).kind).toBe('PHASE');
		expect(taskNamed(plan, COMPTABILITE).parentId).toBe(responsable.id);
	});

	it('deleting a summary takes its subtree; undo puts it back at its levels', async () => {
		const plan = await nestFourLevels();
		const responsable = taskNamed(plan, RESPONSABLE);
		const { deleted, plan: after } = await api.plan.deleteTask({
			taskId: responsable.id,
			expectedVersion: responsable.version
		});
		expect(deleted.tasks.map((t) => t.name.slice(0, 25))).toEqual(
			[RESPONSABLE, COMPTABILITE, EQUIPE].map((n) => taskNamed(plan, n).name.slice(0, 25))
		);
		expect(after.tasks).toHaveLength(before.tasks.length - 3);
		const restored = await api.plan.restore({ missionId, tasks: deleted.tasks, links: deleted.links });
		expect(number(restored, EQUIPE)).toBe('2.2.1.1');
	});
});

describe('links and summaries', () => {
	it('refuses a link to or from a summary row, in French', async () => {
		const plan = await nestFourLevels();
		const responsable = taskNamed(plan, RESPONSABLE);
		const other = taskNamed(plan, 'Restitution finale');
		for (const call of [
			api.tasks.link({
				predecessorId: responsable.id,
				successorId: other.id,
				lagDays: 0,
				expectedVersion: await storedVersion(api, 'task', other.id)
			}),
			api.tasks.link({
				predecessorId: other.id,
				successorId: responsable.id,
				lagDays: 0,
				expectedVersion: await storedVersion(api, 'task', responsable.id)
			})
		]) {
			const error = await expectAppError(call, 'BAD_REQUEST', 'INVALID_OPERATION');
			expect(error.message).toContain('récapitulatives');
		}
		// A sub-task at level 4 takes links as any task.
		const equipe = taskNamed(plan, EQUIPE);
		const linked = await api.tasks.link({
			predecessorId: other.id,
			successorId: equipe.id,
			lagDays: 0,
			expectedVersion: await storedVersion(api, 'task', equipe.id)
		});
		expect(linked.dependencies.some((d) => d.successorId === equipe.id && d.predecessorId === other.id)).toBe(true);
	});

	it('refuses to indent under a task that has links, saying why, and changes nothing', async () => {
		// « Revue de la gouvernance » (after équipe, before the report) leads nothing but follows équipe.
		const error = await expectAppError(
			indent(before, 'Rédaction du rapport d’audit'),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
		expect(error.message).toContain('a des liens');
		expect(await api.missions.get({ missionId })).toEqual(before);
	});
});

describe('depth limit', () => {
	it(`refuses an ${MAX_OUTLINE_DEPTH + 1}th level with TOO_DEEP and a French message, changing nothing`, async () => {
		// Under « Phase 3 » (level 1): Niveau 1 to Niveau 9, each in the previous one (levels 2 to 10).
		let parentId = taskNamed(before, 'Phase 3').id;
		for (let i = 1; i < MAX_OUTLINE_DEPTH; i += 1) {
			const created = await api.tasks.create({
				missionId,
				parentId,
				kind: 'PHASE',
				name: `Niveau ${i}`,
				startDate: '2026-03-23',
				endDate: '2026-03-23'
			});
			parentId = created.id;
		}
		// Two tasks at level 10 in Niveau 8: Niveau 9, then Niveau 10.
		const level9 = taskNamed(await api.missions.get({ missionId }), 'Niveau 9');
		const { plan } = await api.tasks.create({
			missionId,
			parentId: level9.parentId,
			name: 'Niveau 10',
			startDate: '2026-03-23',
			endDate: '2026-03-23'
		});
		expect(number(plan, 'Niveau 9')!.split('.')).toHaveLength(MAX_OUTLINE_DEPTH);
		expect(number(plan, 'Niveau 10')!.split('.')).toHaveLength(MAX_OUTLINE_DEPTH);

		const last = taskNamed(plan, 'Niveau 10');
		const error = await expectAppError(
			api.plan.indent({ taskId: last.id, expectedVersion: last.version }),
			'BAD_REQUEST',
			'TOO_DEEP'
		);
		expect(error.message).toContain('limité à 10 niveaux');
		await expectAppError(
			api.tasks.create({
				missionId,
				parentId: level9.id,
				name: 'Trop bas',
				startDate: '2026-03-23',
				endDate: '2026-03-23'
			}),
			'BAD_REQUEST',
			'TOO_DEEP'
		);
		expect(await api.missions.get({ missionId })).toEqual(plan);
	});
});

describe('costs of sub-levels', () => {
	it('a cost line on a sub-summary counts in it and in every summary above it, once in the total', async () => {
		const plan = await nestFourLevels();
		const phase = taskNamed(plan, 'Phase 1');
		const comptabilite = taskNamed(plan, COMPTABILITE);
		await api.finance.saveCostLine({
			missionId,
			label: 'Sous-niveau',
			phaseId: comptabilite.id,
			fixedAmountHtCents: 1000_00
		});
		const view = await api.finance.saveCostLine({
			missionId,
			label: 'Phase',
			phaseId: phase.id,
			fixedAmountHtCents: 500_00
		});
		const rows = view.costPlan.byPhase.map((p) => [p.phaseName.slice(0, 25), p.level, p.plannedHtCents]);
		expect(rows).toEqual([
			[phase.name.slice(0, 25), 1, 1500_00],
			[taskNamed(plan, RESPONSABLE).name.slice(0, 25), 2, 1000_00],
			[comptabilite.name.slice(0, 25), 3, 1000_00]
		]);
		expect(view.costPlan.total.plannedHtCents).toBe(1500_00);
		// A summary with costs on it stays a phase when its last child leaves.
		const equipe = taskNamed(plan, EQUIPE);
		const out = await api.plan.outdent({ taskId: equipe.id, expectedVersion: equipe.version });
		expect(taskNamed(out, COMPTABILITE).kind).toBe('PHASE');
	});
});

describe('files keep the levels', () => {
	const levels = (plan: MissionPlan) => {
		const numbers = outlineNumbers(plan.tasks);
		return plan.tasks.map((t) => [t.name, numbers.get(t.id), t.kind, t.startDate, t.endDate]);
	};

	it('JSON backup, MS Project XML and GanttProject files round-trip four levels', async () => {
		const plan = await nestFourLevels();
		const expected = levels(plan);

		const document = await api.documents.exportMission({ missionId });
		const fromJson = await api.documents.importMission({ document: JSON.parse(JSON.stringify(document)) });
		expect(levels(await api.missions.get({ missionId: fromJson.id }))).toEqual(expected);

		const xml = await api.documents.exportMspdi({ missionId });
		const rows = new XMLParser().parse(xml).Project.Tasks.Task as Record<string, unknown>[];
		const equipeRow = rows.find((r) => String(r.Name).startsWith(EQUIPE))!;
		expect([equipeRow.OutlineNumber, equipeRow.OutlineLevel, equipeRow.WBS, equipeRow.Summary]).toEqual([
			'2.2.1.1',
			4,
			'2.2.1.1',
			0
		]);
		const responsableRow = rows.find((r) => String(r.Name).startsWith(RESPONSABLE))!;
		expect([responsableRow.OutlineLevel, responsableRow.Summary]).toEqual([2, 1]);
		const fromXml = await api.documents.importProject({
			content: xml,
			clientOrganisation: 'Import',
			budgetCapCents: 100
		});
		expect(levels(await api.missions.get({ missionId: fromXml.id }))).toEqual(expected);

		const gan = await api.documents.exportGanttProject({ missionId });
		const fromGan = await api.documents.importProject({
			content: gan,
			clientOrganisation: 'Import',
			budgetCapCents: 100
		});
		expect(levels(await api.missions.get({ missionId: fromGan.id }))).toEqual(expected);
	});

	it('an MS Project file with levels but no outline numbers keeps its levels', async () => {
		const task = (uid: number, level: number, summary: number) =>
			`<Task><UID>${uid}</UID><Name>T${uid}</Name><OutlineLevel>${level}</OutlineLevel><Start>2025-12-01T08:00:00</Start><Finish>2025-12-01T17:00:00</Finish><Milestone>0</Milestone><Summary>${summary}</Summary></Task>`;
		const xml = `<?xml version="1.0"?><Project xmlns="http://schemas.microsoft.com/project"><StartDate>2025-12-01T08:00:00</StartDate><Tasks>${
			task(1, 1, 1) + task(2, 2, 1) + task(3, 3, 0) + task(4, 2, 0) + task(5, 1, 0)
		}</Tasks></Project>`;
		const { id } = await api.documents.importProject({
			content: xml,
			clientOrganisation: 'Import',
			budgetCapCents: 100
		});
		const plan = await api.missions.get({ missionId: id });
		expect([...outlineNumbers(plan.tasks).values()]).toEqual(['1', '1.1', '1.1.1', '1.2', '2']);
	});

	it('a backup whose task has sub-tasks (kind TASK) imports it as a summary row; a link to it is refused', async () => {
		const document = await api.documents.exportMission({ missionId });
		const tasks = document.tasks.map((t) => ({ ...t }));
		const at = tasks.findIndex((t) => t.name.startsWith(COMPTABILITE));
		tasks[at]!.parentRef = tasks[at - 1]!.ref; // under « responsable », still kind TASK
		const { id } = await api.documents.importMission({ document: { ...document, tasks } });
		const plan = await api.missions.get({ missionId: id });
		expect(taskNamed(plan, RESPONSABLE).kind).toBe('PHASE');
		expect(number(plan, COMPTABILITE)).toBe('2.2.1');
		const linked = {
			...document,
			tasks,
			dependencies: [
				...document.dependencies,
				{
					predecessorRef: tasks[at - 1]!.ref,
					successorRef: tasks[0]!.ref,
					type: 'FS',
					lagDays: 0,
					lagUnit: 'WORKING_DAYS'
				}
			]
		};
		const error = await expectAppError(api.documents.importMission({ document: linked }), 'BAD_REQUEST', 'VALIDATION');
		expect(error.message).toContain('pas des phases');
	});

	it(`refuses a backup deeper than ${MAX_OUTLINE_DEPTH} levels, creating nothing`, async () => {
		const document = await api.documents.exportMission({ missionId });
		const chain = Array.from({ length: MAX_OUTLINE_DEPTH + 1 }, (_, i) => ({
			ref: `deep-${i}`,
			parentRef: i === 0 ? null : `deep-${i - 1}`,
			kind: i === MAX_OUTLINE_DEPTH ? ('TASK' as const) : ('PHASE' as const),
			name: `Niveau ${i + 1}`,
			startDate: '2025-12-01',
			endDate: '2025-12-01',
			progress: 0
		}));
		const missions = await database.db.mission.count();
		const error = await expectAppError(
			api.documents.importMission({ document: { ...document, tasks: [...document.tasks, ...chain] } }),
			'BAD_REQUEST',
			'VALIDATION'
		);
		expect(error.message).toContain('11 niveaux');
		expect(await database.db.mission.count()).toBe(missions);
	});
});
