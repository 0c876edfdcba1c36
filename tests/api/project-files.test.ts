// MS Project XML and GanttProject files: the real files in ../shared/fixtures (read from there,
// never copied) with the exact counts of what is kept and reported, the MSPDI export checked by
// xmllint against the schema's element order and types, and the round trips
// Jalon → MS Project XML → Jalon and Jalon → .gan → Jalon.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { resolveDateRule } from '$lib/domain/date-rules';
import { checkMissionDocument, type MissionDocument } from '$lib/mission-document';
import { exportGanttProject, exportMspdi, importGanttProject, importMspdi } from '$lib/server/project-files';
import { seedCufMission } from '$lib/server/seed';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';

// The shared fixtures sit beside the repository (../shared/fixtures); a clone elsewhere finds
// them through $JALON_FIXTURES or at /work/shared/fixtures.
const FIXTURES = [process.env.JALON_FIXTURES, path.resolve('..', 'shared', 'fixtures'), '/work/shared/fixtures'].find(
	(dir): dir is string => !!dir && fs.existsSync(path.join(dir, 'SOURCES.md'))
)!;
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const defaults = { clientOrganisation: 'Import', budgetCapCents: 100 };
const report = (warnings: string[]) => warnings.join('\n');

let t: TestDatabase;
let missionId: string;
let original: MissionDocument;
beforeAll(async () => {
	t = await createTestDatabase();
	missionId = await seedCufMission(t.db);
	// Deliverables and milestones tied to tasks, milestones leading tasks: a milestone written at
	// the start of its day (FS and SS), one at 23:59 (FS).
	const api = callerFor(t.db);
	const taskNamed = (name: string) => t.db.task.findFirstOrThrow({ where: { missionId, name: { startsWith: name } } });
	const milestoneNamed = (name: string) => t.db.milestone.findFirstOrThrow({ where: { missionId, name } });
	const report = await taskNamed('Rédaction du rapport d’audit');
	const contract = await taskNamed('Signature du contrat');
	const d1 = await t.db.deliverable.findFirstOrThrow({ where: { missionId, number: 1 } });
	await api.deliverables.update({
		deliverableId: d1.id,
		anchorTaskId: report.id,
		anchorLagDays: 2,
		expectedVersion: d1.version
	});
	await api.milestones.create({
		missionId,
		name: 'Comité de relecture de l’audit',
		kind: 'STEERING',
		dateRule: { kind: 'FIXED_DATE', date: '2025-12-19' },
		anchorTaskId: report.id,
		anchorLagDays: 1
	});
	const publication = await milestoneNamed('Publication de l’appel d’offres');
	const submission = await milestoneNamed('Soumission des offres');
	await api.milestones.link({
		milestoneId: publication.id,
		successorId: contract.id,
		type: 'SS',
		lagDays: 3,
		expectedVersion: await storedVersion(api, 'task', contract.id)
	});
	await api.milestones.link({
		milestoneId: publication.id,
		successorId: report.id,
		type: 'FS',
		lagDays: 1,
		expectedVersion: await storedVersion(api, 'task', report.id)
	});
	await api.milestones.link({
		milestoneId: submission.id,
		successorId: contract.id,
		type: 'FS',
		lagDays: 2,
		expectedVersion: await storedVersion(api, 'task', contract.id)
	});
	// Lags and a lead, and a name holding a control character (stored before inputs refused them).
	const links = await t.db.dependency.findMany({ where: { missionId }, orderBy: { id: 'asc' } });
	await t.db.dependency.update({ where: { id: links[0]!.id }, data: { lagDays: 3 } });
	await t.db.dependency.update({ where: { id: links[1]!.id }, data: { lagDays: -1 } });
	// Every link type and both lag units travel too (the lead in elapsed days, a start-to-start,
	// a finish-to-finish): the stored dates already satisfy them.
	await t.db.dependency.update({ where: { id: links[1]!.id }, data: { lagUnit: 'ELAPSED_DAYS' } });
	await t.db.dependency.update({ where: { id: links[2]!.id }, data: { type: 'SS' } });
	await t.db.dependency.update({ where: { id: links[3]!.id }, data: { type: 'FF' } });
	const task = await t.db.task.findFirstOrThrow({ where: { missionId, kind: 'TASK' }, orderBy: { sortOrder: 'asc' } });
	await t.db.task.update({ where: { id: task.id }, data: { name: `${task.name}\u0007` } });
	original = await callerFor(t.db).documents.exportMission({ missionId });
	expect(original.milestoneLinks).toHaveLength(3);
});
afterAll(async () => {
	await t.close();
});

describe('MS Project 2002 sample', () => {
	const { document, warnings } = importMspdi(fixture('mspdi-msproject2002-sample.xml'), defaults);

	it('imports summary tasks as phases with their children, and the milestone as a milestone', () => {
		expect(document.tasks).toHaveLength(18);
		const phases = document.tasks.filter((x) => x.kind === 'PHASE').map((x) => x.name);
		expect(phases).toEqual(['First Task', 'Recurring Task', 'Task Relationships']);
		const second = document.tasks.find((x) => x.name === 'Second Task')!;
		expect(second.parentRef).toBe(document.tasks.find((x) => x.name === 'First Task')!.ref);
		expect(document.milestones.map((m) => m.name)).toEqual(['Third task']);
		// The project's start, not the earliest task.
		expect(document.mission.kickoffDate).toBe('2003-01-07');
	});

	it('keeps every link with its type, lag and lead, and reports each thing left out', () => {
		expect(document.dependencies.map((d) => [d.type, d.lagDays, d.lagUnit])).toEqual([
			['FS', 0, 'WORKING_DAYS'],
			['FS', 1, 'WORKING_DAYS'],
			['FS', -1, 'WORKING_DAYS'],
			['SS', 0, 'WORKING_DAYS'],
			['FF', 0, 'WORKING_DAYS'],
			['SF', 0, 'WORKING_DAYS']
		]);
		const text = report(warnings);
		expect(text).not.toContain('non importé (');
		expect(text).toContain('4 contrainte(s) de date non importée(s)');
		expect(text).toContain('1 note(s) de tâche non importée(s)');
		expect(text).toContain('3 tâche(s) périodique(s)');
		expect(text).toContain('2 ressource(s) et 17 affectation(s)');
		expect(text).toContain('4 calendrier(s) non importé(s)');
		expect(warnings).toHaveLength(5);
	});
});

describe('MS Project 2019 task links', () => {
	const { document, warnings } = importMspdi(fixture('mspdi-msproject2019-task-links.xml'), defaults);

	it('keeps working-day lags (days and weeks) as working days, and the SS, FF and SF links', () => {
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
		const text = report(warnings);
		// MS Project did not skip 1 November: the file's dates break the 2-week (10 working days) lag.
		expect(text).toContain('1 lien non respecté par les dates du fichier');
		expect(text).toContain('1 calendrier(s) non importé(s)');
		expect(warnings).toHaveLength(2);
	});
});

describe('MS Project XML dates', () => {
	const task = (uid: number, name: string, start: string, finish: string) =>
		`<Task><UID>${uid}</UID><Name>${name}</Name><OutlineNumber>${uid}</OutlineNumber><Start>${start}</Start><Finish>${finish}</Finish><Milestone>0</Milestone><Summary>0</Summary></Task>`;
	const file = (tasks: string) =>
		`<?xml version="1.0"?><Project xmlns="http://schemas.microsoft.com/project"><StartDate>2025-12-01T08:00:00</StartDate><DefaultStartTime>08:00:00</DefaultStartTime><Tasks>${tasks}</Tasks></Project>`;

	it('a task finishing at 08:00 ends the working day before, not that day', () => {
		const { document } = importMspdi(
			file(
				task(1, 'Mercredi 8 h', '2025-12-01T08:00:00', '2025-12-03T08:00:00') +
					task(2, 'Lundi 8 h', '2025-12-03T08:00:00', '2025-12-08T08:00:00') +
					task(3, 'Vendredi 17 h', '2025-12-01T08:00:00', '2025-12-05T17:00:00')
			),
			defaults
		);
		expect(document.tasks.map((x) => [x.name, x.endDate])).toEqual([
			['Mercredi 8 h', '2025-12-02'],
			['Lundi 8 h', '2025-12-05'],
			['Vendredi 17 h', '2025-12-05']
		]);
		expect(document.mission.kickoffDate).toBe('2025-12-01');
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
		expect(document.milestones.every((m) => m.name === m.name.trim() && !m.name.endsWith('\u00a0'))).toBe(true);
		// 10 working days from Monday 27 May 2024: Friday 7 June.
		const draft = document.tasks.find((x) => x.name === 'Create draft of architecture')!;
		expect([draft.startDate, draft.endDate]).toEqual(['2024-05-27', '2024-06-07']);
	});

	it('keeps the file’s dates: 20 working days from 22 July 2024 end on 16 August, before its successor', () => {
		// French holidays would have moved the end to 19 August (15 August), the successor's start.
		const ground = document.tasks.find((x) => x.name === 'Ground Floor building')!;
		expect([ground.startDate, ground.endDate]).toEqual(['2024-07-22', '2024-08-16']);
		expect(report(warnings)).not.toContain('non respecté');
	});

	it('carries 16 of its 17 links: between tasks, through phases, tying milestones to tasks and milestones leading tasks', () => {
		const name = (ref: string) =>
			document.tasks.find((x) => x.ref === ref)?.name ?? document.milestones.find((m) => m.ref === ref)!.name;
		const links = document.dependencies.map((d) => `${name(d.predecessorRef)} → ${name(d.successorRef)}`);
		// 9 between tasks, one from the phase "Interior design" carried by its two last tasks.
		expect(links).toHaveLength(10);
		expect(links).toContain('Furniture selection → Walls');
		expect(document.dependencies.every((d) => d.lagDays === 0)).toBe(true);
		// A milestone after a task is tied to it: GanttProject puts it at the start of the next working day.
		const ties = document.milestones
			.filter((m) => m.anchorRef)
			.map((m) => `${m.name} ← ${name(m.anchorRef!)} +${m.anchorLagDays}`);
		expect(ties.sort()).toEqual([
			'Agreement on architectural plan ← Prepare construction documents +1',
			'Bring your family here ← Construction phase +1',
			'Construction completed ← Roof +1'
		]);
		// A task starting on a milestone's day follows it start-to-start (a link to a phase: its first task).
		const leads = (document.milestoneLinks ?? []).map(
			(l) => `${name(l.milestoneRef)} → ${name(l.successorRef)} ${l.type} ${l.lagDays}`
		);
		expect(leads.sort()).toEqual([
			'Agreement on architectural plan → Foundation building SS 0',
			'Construction completed → Connect to communications SS 0',
			'Construction completed → Walls SS 0',
			'GanttProject 3.3 → Create draft of architecture SS 0'
		]);
		const text = report(warnings);
		expect(text).toContain('2 liens vers ou depuis une phase reportés sur les tâches de la phase');
		expect(text).toContain(
			'1 lien vers un jalon ou un livrable déjà rattaché à une tâche qui finit plus tard non importé'
		);
		expect(text).not.toContain('jalon non importé');
		expect(text).not.toContain('non respecté');
		expect(text).toContain('1 note(s) de tâche non importée(s)');
		expect(text).toContain('1 colonne(s) personnalisée(s) non importée(s) (« Is done », 20 valeur(s))');
		expect(text).toContain('7 ressource(s), 30 affectation(s) et 1 congé(s)');
		expect(text).toContain('Calendrier du projet non importé');
		// 16 of its links are Strong (« exactly at »): Jalon holds them as « no earlier than ».
		expect(text).toContain('16 lien(s) « Strong » (la tâche suivante exactement à la date du lien) importé(s)');
		expect(warnings).toHaveLength(7);
	});
});

const mspdiParser = new XMLParser({
	ignoreAttributes: false,
	parseTagValue: false,
	isArray: (n) => ['Task', 'WeekDay', 'PredecessorLink', 'ExtendedAttribute'].includes(n)
});

describe('MS Project XML export', () => {
	const xml = () => exportMspdi(original);

	it('is valid against the MSPDI schema’s element order and types (xmllint)', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-mspdi-'));
		const file = path.join(dir, 'mission.xml');
		fs.writeFileSync(file, xml());
		const schema = path.resolve('tests/support/mspdi-subset.xsd');
		const run = () => execFileSync('xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' }).toString();
		expect(run).not.toThrow();
		// Without CurrencyCode, the file is refused (the check can fail).
		fs.writeFileSync(file, xml().replace(/\s*<CurrencyCode>EUR<\/CurrencyCode>/, ''));
		expect(run).toThrow();
		fs.rmSync(dir, { recursive: true });
	});

	it('writes the French calendar with its holidays, lags in elapsed days, deliverables with their deadlines', () => {
		const project = mspdiParser.parse(xml()).Project;
		expect(project.CurrencyCode).toBe('EUR');
		const exceptions = project.Calendars.Calendar.WeekDays.WeekDay.filter(
			(d: { DayType: string }) => d.DayType === '0'
		);
		const holidays = exceptions.map((d: { TimePeriod: { FromDate: string } }) => d.TimePeriod.FromDate.slice(0, 10));
		expect(holidays).toEqual(expect.arrayContaining(['2025-12-25', '2026-01-01', '2026-05-14']));
		const tasks = project.Tasks.Task as Record<string, unknown>[];
		// 22/12/2025 → 09/01/2026 is 13 French working days: the duration agrees with the calendar.
		// Links between tasks (ties and milestones' links are checked by the round trips below).
		const milestoneUids = new Set(tasks.filter((x) => x.Milestone === '1').map((x) => String(x.UID)));
		const links = tasks
			.filter((x) => x.Milestone === '0')
			.flatMap((x) => (x.PredecessorLink ?? []) as Record<string, string>[])
			.filter((l) => !milestoneUids.has(String(l.PredecessorUID)));
		// Each link in its unit: working days as MS Project's days (d, 7: 480 minutes a day), elapsed
		// days as elapsed days (ed, 8: 1 440 minutes), in tenths of minutes.
		const expected = original.dependencies.map((d) =>
			(d.lagUnit ?? 'ELAPSED_DAYS') === 'WORKING_DAYS'
				? { LagFormat: '7', LinkLag: d.lagDays * 4800 }
				: { LagFormat: '8', LinkLag: d.lagDays * 14400 }
		);
		const types = { FS: '1', SS: '3', FF: '0', SF: '2' } as const;
		expect(links.map((l) => l.Type).sort()).toEqual(original.dependencies.map((d) => types[d.type]).sort());
		expect(links.map((l) => ({ LagFormat: l.LagFormat, LinkLag: Number(l.LinkLag) }))).toEqual(
			expect.arrayContaining(expected)
		);
		expect(links).toHaveLength(expected.length);
		const deliverable = tasks.find((x) => String(x.Name).startsWith('Livrable 1 — '))!;
		expect(deliverable.Milestone).toBe('1');
		const d1 = original.deliverables.find((d) => d.number === 1)!;
		expect(String(deliverable.Deadline).slice(0, 10)).toBe(resolveDateRule(d1.dueRule, original.mission.kickoffDate));
		// Milestone kinds and tranches in named extended attributes.
		const aliases = project.ExtendedAttributes.ExtendedAttribute.map((a: { Alias: string }) => a.Alias);
		expect(aliases).toEqual([
			'Type de jalon (Jalon)',
			'Tranches de paiement (Jalon)',
			'Livrable n° (Jalon)',
			'Règle de date (Jalon)',
			'Heure (Jalon)',
			'Suivi du livrable (Jalon)',
			'Tranches, données (Jalon)',
			'Mission (Jalon)'
		]);
		const values = tasks.flatMap((x) => ((x.ExtendedAttribute ?? []) as { Value: string }[]).map((a) => a.Value));
		expect(values.some((v) => v.includes('Signature du contrat'))).toBe(true);
		expect(values).toEqual(expect.arrayContaining(['Sélection', 'Sélection — semaine']));
		// The control character is gone; the file stays well-formed.
		expect([...xml()].some((c) => c < ' ' && !'\t\n\r'.includes(c))).toBe(false);
	});

	it('durations count French working days', () => {
		const doc: MissionDocument = {
			...original,
			tasks: [
				{
					ref: 'x',
					parentRef: null,
					kind: 'TASK',
					name: 'Noël',
					startDate: '2025-12-22',
					endDate: '2026-01-09',
					progress: 0
				}
			],
			dependencies: [],
			deliverables: [],
			milestones: [],
			tranches: []
		};
		const task = mspdiParser.parse(exportMspdi(doc)).Project.Tasks.Task[0];
		expect(task.Duration).toBe('PT104H0M0S'); // 13 days of 8 hours
	});
});

describe('round trips', () => {
	const name = (doc: MissionDocument, ref: string) => doc.tasks.find((x) => x.ref === ref)!.name;
	/** `units: false` for GanttProject, whose lags are always in working days. */
	const shape = (doc: MissionDocument, units = true) => ({
		kickoff: doc.mission.kickoffDate,
		tasks: doc.tasks.map((x) => [x.kind, x.name, x.startDate, x.endDate]),
		links: doc.dependencies
			.map(
				(d) =>
					`${name(doc, d.predecessorRef)} → ${name(doc, d.successorRef)} ${d.type} (${d.lagDays}${units ? ` ${d.lagUnit ?? 'ELAPSED_DAYS'}` : ''})`
			)
			.sort(),
		milestones: doc.milestones
			.map(
				(m) =>
					`${m.name} ${m.kind} ${m.isWeek} ${JSON.stringify(m.dateRule)} ${m.timeOfDay ?? ''} ${m.anchorRef ? `← ${name(doc, m.anchorRef)} +${m.anchorLagDays}` : ''}`
			)
			.sort(),
		milestoneLinks: (doc.milestoneLinks ?? [])
			.map((l) => {
				const from = doc.milestones.find((m) => m.ref === l.milestoneRef)!.name;
				return `${from} → ${name(doc, l.successorRef)} ${l.type} (${l.lagDays}${units ? ` ${l.lagUnit}` : ''})`;
			})
			.sort(),
		deliverables: doc.deliverables.map(
			(d) =>
				`${d.number} ${d.title} ${d.plannedDate} ${JSON.stringify(d.dueRule)} ${d.description} ${d.anchorRef ? `← ${name(doc, d.anchorRef)} +${d.anchorLagDays}` : ''}`
		)
	});
	const violated =
		'1 lien non respecté par les dates du fichier (dates gardées telles quelles) : « Réunion de cadrage et validation de la méthodologie » → « Signature du contrat et plan de travail détaillé ».';
	const leftOut =
		'Non repris, ce format ne les contient pas (la sauvegarde JSON de la mission les garde) : 5 contact(s)';
	const cleaned = () => ({
		...original,
		tasks: original.tasks.map((x) => ({ ...x, name: x.name.replace('\u0007', ' ').trim() }))
	});

	it('Jalon → MS Project XML → Jalon keeps kick-off, tasks, dates, links with their types and lags, milestones and deliverables', async () => {
		const { document, warnings } = importMspdi(exportMspdi(original), defaults);
		expect(shape(document)).toEqual(shape(cleaned()));
		// The lag of 3 days set above is not in the stored dates: said, dates kept. What the file
		// does not carry is listed.
		expect(warnings).toEqual([violated, expect.stringContaining(leftOut)]);
		const api = callerFor(t.db);
		const { id } = await api.documents.importProject({
			content: exportMspdi(original),
			clientOrganisation: 'Import',
			budgetCapCents: 1000
		});
		const plan = await api.missions.get({ missionId: id });
		expect(plan.mission.kickoffDate).toBe('2025-11-24');
		expect(plan.tasks).toHaveLength(original.tasks.length);
		// Stored as they were: milestones leading tasks, deliverables and milestones tied to tasks.
		expect(plan.milestoneLinks).toHaveLength(3);
		expect(plan.deliverables.filter((d) => d.anchorTaskId)).toHaveLength(1);
		expect(plan.milestones.filter((m) => m.anchorTaskId)).toHaveLength(1);
	});

	it('Jalon → .gan → Jalon keeps the same', async () => {
		const gan = exportGanttProject(original);
		const { document, warnings } = importGanttProject(gan, defaults);
		// No project start in a .gan file: the first task's start, not the call for tenders before it.
		expect(shape(document, false)).toEqual(shape(cleaned(), false));
		expect(warnings).toEqual([violated, expect.stringContaining(leftOut)]);
		const api = callerFor(t.db);
		const { id } = await api.documents.importProject({
			content: gan,
			clientOrganisation: 'Import',
			budgetCapCents: 1000
		});
		expect((await api.missions.get({ missionId: id })).tasks).toHaveLength(original.tasks.length);
	});
});

describe('milestones in imports', () => {
	it('a milestone tied to the task it leads is a loop: the document is refused', () => {
		const clean = { ...original, tasks: original.tasks.map((x) => ({ ...x, name: x.name.replace('\u0007', '') })) };
		const tied = clean.milestones.find((m) => m.anchorRef)!;
		const loop = {
			...clean,
			milestoneLinks: [
				...(original.milestoneLinks ?? []),
				{ milestoneRef: tied.ref, successorRef: tied.anchorRef!, type: 'FS', lagDays: 0, lagUnit: 'WORKING_DAYS' }
			]
		};
		expect(() => checkMissionDocument(clean)).not.toThrow();
		expect(() => checkMissionDocument(loop)).toThrow(/boucle/);
	});
});

describe('control characters in imports', () => {
	it('an imported file’s names lose their control characters; the mission is created', () => {
		const xml = exportMspdi(original)
			.replace('<Title>', '<Title>Bell\u0007 ')
			.replace(/<Name>(Réunion de cadrage)/, '<Name>$1\u0001');
		const { document } = importMspdi(xml, defaults);
		expect(document.mission.title.startsWith('Bell ')).toBe(true);
		expect(document.tasks.some((x) => x.name === 'Réunion de cadrage et validation de la méthodologie')).toBe(false);
		expect(document.tasks.every((x) => ![...x.name].some((c) => c < ' '))).toBe(true);
	});

	it('a backup or a form field holding one is refused with a French message, and nothing is created', async () => {
		const api = callerFor(t.db);
		const before = await t.db.mission.count();
		const document = { ...original, tasks: original.tasks.map((x, i) => (i === 0 ? { ...x, name: 'A\u0007' } : x)) };
		await expect(api.documents.importMission({ document })).rejects.toMatchObject({
			message: expect.stringContaining('caractère de contrôle')
		});
		await expect(
			api.documents.importProject({
				content: exportMspdi(original),
				clientOrganisation: 'Ville\u0000',
				budgetCapCents: 100
			})
		).rejects.toMatchObject({ message: expect.stringContaining('commanditaire') });
		expect(await t.db.mission.count()).toBe(before);
	});
});
