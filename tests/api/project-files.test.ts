// MS Project XML and GanttProject files: the real files in ../shared/fixtures (read from there,
// never copied), and the MSPDI round trip of a Jalon mission.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGanttProject, importMspdi } from '$lib/server/project-files';
import { seedCufMission } from '$lib/server/seed';
import { callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';

// The shared fixtures sit beside the repository (../shared/fixtures); a clone elsewhere finds
// them through $JALON_FIXTURES or at /work/shared/fixtures.
const FIXTURES = [process.env.JALON_FIXTURES, path.resolve('..', 'shared', 'fixtures'), '/work/shared/fixtures'].find(
	(dir): dir is string => !!dir && fs.existsSync(path.join(dir, 'SOURCES.md'))
)!;
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const defaults = { clientOrganisation: 'Import', budgetCapCents: 100 };

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(async () => {
	await t.close();
});

describe('MS Project 2002 sample', () => {
	const { document, warnings } = importMspdi(fixture('mspdi-msproject2002-sample.xml'), defaults);

	it('imports summary tasks as phases with their children, and the milestone as a milestone', () => {
		const phases = document.tasks.filter((x) => x.kind === 'PHASE').map((x) => x.name);
		expect(phases).toEqual(['First Task', 'Recurring Task', 'Task Relationships']);
		const second = document.tasks.find((x) => x.name === 'Second Task')!;
		expect(second.parentRef).toBe(document.tasks.find((x) => x.name === 'First Task')!.ref);
		expect(document.milestones.map((m) => m.name)).toEqual(['Third task']);
		expect(document.tasks.some((x) => x.name === 'Third task')).toBe(false);
	});

	it('keeps every link with its type, lag and lead, and says what it left', () => {
		expect(document.dependencies.map((d) => [d.type, d.lagDays, d.lagUnit])).toEqual([
			['FS', 0, 'WORKING_DAYS'],
			['FS', 1, 'WORKING_DAYS'],
			['FS', -1, 'WORKING_DAYS'],
			['SS', 0, 'WORKING_DAYS'],
			['FF', 0, 'WORKING_DAYS'],
			['SF', 0, 'WORKING_DAYS']
		]);
		expect(warnings.join(' ')).not.toContain('début-début');
		expect(warnings.join(' ')).toContain('ressource(s)');
		expect(warnings.join(' ')).toContain('calendrier(s)');
	});
});

describe('MS Project 2019 task links', () => {
	it('converts lags in days and weeks to working days, and keeps SS, FF and SF links', () => {
		const { document } = importMspdi(fixture('mspdi-msproject2019-task-links.xml'), defaults);
		expect(document.tasks).toHaveLength(16);
		// 0, 1 and 2 working days; 1 and 2 weeks are 5 and 10 working days.
		expect(document.dependencies.map((d) => [d.type, d.lagDays, d.lagUnit])).toEqual([
			['FS', 0, 'WORKING_DAYS'],
			['FS', 1, 'WORKING_DAYS'],
			['FS', 2, 'WORKING_DAYS'],
			['FS', 5, 'WORKING_DAYS'],
			['FS', 10, 'WORKING_DAYS'],
			['SF', 2, 'WORKING_DAYS'],
			['SS', 2, 'WORKING_DAYS'],
			['FF', 2, 'WORKING_DAYS']
		]);
		const firstPair = document.tasks.slice(0, 2).map((x) => [x.startDate, x.endDate]);
		expect(firstPair).toEqual([
			['2018-10-18', '2018-10-18'],
			['2018-10-19', '2018-10-19']
		]);
	});
});

describe('GanttProject sample', () => {
	const { document, warnings } = importGanttProject(fixture('ganttproject-house-building-sample.gan'), defaults);

	it('imports nested tasks, summary tasks as phases, milestones as milestones (names trimmed)', () => {
		expect(document.tasks).toHaveLength(16);
		expect(document.tasks.filter((x) => x.kind === 'PHASE').map((x) => x.name)).toEqual([
			'Architectural design',
			'Interior design',
			'Construction phase',
			'Decoration phase'
		]);
		expect(document.milestones).toHaveLength(4);
		expect(document.milestones.every((m) => m.name === m.name.trim())).toBe(true);
		// 10 working days from Monday 27 May 2024: Friday 7 June.
		const draft = document.tasks.find((x) => x.name === 'Create draft of architecture')!;
		expect([draft.startDate, draft.endDate]).toEqual(['2024-05-27', '2024-06-07']);
	});

	it('keeps task-to-task finish-to-start links and reports the others', () => {
		expect(document.dependencies).toHaveLength(8);
		expect(warnings.join(' ')).toContain('tâche récapitulative');
		expect(warnings.join(' ')).toContain('jalon');
	});
});

describe('MSPDI round trip', () => {
	it('a Jalon mission exported to MS Project XML comes back with its phases, tasks and links', async () => {
		const missionId = await seedCufMission(t.db);
		const api = callerFor(t.db);
		const xml = await api.documents.exportMspdi({ missionId });
		const original = await api.documents.exportMission({ missionId });
		const { document } = importMspdi(xml, defaults);
		const shape = (doc: typeof original) => ({
			tasks: doc.tasks.map((x) => [x.kind, x.name, x.startDate, x.endDate]),
			links: doc.dependencies
				.map((d) => {
					const name = (ref: string) => doc.tasks.find((x) => x.ref === ref)!.name;
					return `${name(d.predecessorRef)} → ${name(d.successorRef)} (${d.type} ${d.lagDays} ${d.lagUnit ?? 'ELAPSED_DAYS'})`;
				})
				.sort()
		});
		expect(shape(document)).toEqual(shape(original));
		expect(document.milestones.map((m) => m.name).sort()).toEqual(original.milestones.map((m) => m.name).sort());

		const { id, warnings } = await api.documents.importProject({
			content: xml,
			clientOrganisation: 'Import',
			budgetCapCents: 1000
		});
		expect(warnings).toEqual([]);
		expect((await api.missions.get({ missionId: id })).tasks).toHaveLength(23);
	});
});
