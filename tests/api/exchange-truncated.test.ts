// A file cut while saved or sent (the first half of a 10-task plan) is refused with a French
// message and a typed code, and nothing is created; the same file whole imports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissionDocument } from '$lib/mission-document';
import { exportGanttProject, exportMspdi, importMspdi } from '$lib/server/project-files';
import { generatedPlan } from '../support/generated-plan';
import { callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(async () => {
	await t.close();
});

/** A plan of 10 tasks, no deliverable or milestone. */
function tenTasks(): MissionDocument {
	const plan = generatedPlan(10);
	const tasks = plan.tasks.filter((x) => x.kind === 'TASK').map((x) => ({ ...x, parentRef: null }));
	return {
		...plan,
		tasks,
		dependencies: plan.dependencies.filter((d) => tasks.some((x) => x.ref === d.successorRef)),
		milestoneLinks: [],
		milestones: [],
		deliverables: [],
		tranches: []
	};
}

describe.each([
	{ name: 'MS Project XML', write: exportMspdi, kind: 'MS Project', root: '</Project>' },
	{ name: 'GanttProject', write: exportGanttProject, kind: 'GanttProject', root: '</project>' }
])('a truncated $name file', ({ write, kind, root }) => {
	it('is refused with a French message and the code VALIDATION; nothing is created', async () => {
		const api = callerFor(t.db);
		const whole = write(tenTasks());
		const before = await t.db.mission.count();
		const half = whole.slice(0, Math.floor(whole.length / 2));
		// The first half holds about 5 of the 10 tasks: a lenient parser imported them silently.
		await expect(
			api.documents.importProject({ content: half, clientOrganisation: 'Import', budgetCapCents: 1000 })
		).rejects.toMatchObject({
			message: expect.stringContaining(`Fichier ${kind} incomplet`),
			appCode: 'VALIDATION'
		});
		// Cut just before its closing tag, or inside it: refused too.
		for (const cut of [whole.slice(0, whole.lastIndexOf(root)), whole.slice(0, whole.lastIndexOf(root) + 4)])
			await expect(
				api.documents.importProject({ content: cut, clientOrganisation: 'Import', budgetCapCents: 1000 })
			).rejects.toMatchObject({ appCode: 'VALIDATION' });
		expect(await t.db.mission.count()).toBe(before);
		// The whole file imports its 10 tasks.
		const { taskCount } = await api.documents.importProject({
			content: whole,
			clientOrganisation: 'Import',
			budgetCapCents: 1000
		});
		expect(taskCount).toBe(10);
	});
});

it('a file whose tags do not match is refused as not well-formed, with its line', () => {
	const xml = exportMspdi(tenTasks()).replace('</Name>', '</Nom>');
	expect(() => importMspdi(xml, { clientOrganisation: 'x', budgetCapCents: 100 })).toThrow(
		/Fichier MS Project illisible : XML mal formé \(ligne \d+\)/
	);
});
