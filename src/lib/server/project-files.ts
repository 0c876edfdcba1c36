// Exchange with MS Project, ProjectLibre and GanttProject: MS Project XML (MSPDI) export and
// import, GanttProject (.gan) import. What Jalon has no place for (resources, calendars,
// start-to-start / finish-to-finish / start-to-finish links, links to summary tasks or to
// milestones) is left out and reported as warnings.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { addWorkingDays, countWorkingDays, isWorkingDay, nextWorkingDayFrom } from '$lib/domain/calendar';
import { resolveDateRule } from '$lib/domain/date-rules';
import { isIsoDate, minDate, type IsoDate } from '$lib/domain/dates';
import { MISSION_DOCUMENT_FORMAT, MISSION_DOCUMENT_VERSION, type MissionDocument } from '$lib/mission-document';

export interface ImportedProject {
	document: MissionDocument;
	warnings: string[];
}

export interface ImportDefaults {
	title?: string;
	clientOrganisation: string;
	budgetCapCents: number;
}

interface PlainTask {
	key: string;
	name: string;
	start: IsoDate;
	end: IsoDate;
	progress: number;
	summary: boolean;
	milestone: boolean;
	parentKey: string | null;
}

interface PlainLink {
	from: string;
	to: string;
	kind: 'FS' | 'SS' | 'FF' | 'SF';
	lagDays: number;
	lagUnit: 'WORKING_DAYS' | 'ELAPSED_DAYS';
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
	value === undefined ? [] : Array.isArray(value) ? value : [value];
const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value)).trim();
const datePart = (value: unknown): IsoDate | null => {
	const d = text(value).slice(0, 10);
	return isIsoDate(d) ? d : null;
};

/** Builds a mission document from tasks and links read from a file, with French warnings. */
function toDocument(
	projectName: string,
	tasks: PlainTask[],
	links: PlainLink[],
	defaults: ImportDefaults,
	warnings: string[]
): ImportedProject {
	if (tasks.length === 0) throw new Error('Le fichier ne contient aucune tâche.');
	const byKey = new Map(tasks.map((t) => [t.key, t]));
	const kickoff = tasks.reduce((min, t) => minDate(min, t.start), tasks[0]!.start);
	const plain = tasks.filter((t) => !t.milestone);
	const ref = (key: string) => `task-${key}`;
	const droppedLinks = { summary: 0, milestone: 0 };
	const dependencies: MissionDocument['dependencies'] = [];
	for (const link of links) {
		const from = byKey.get(link.from);
		const to = byKey.get(link.to);
		if (!from || !to) continue;
		if (from.summary || to.summary) droppedLinks.summary += 1;
		else if (from.milestone || to.milestone) droppedLinks.milestone += 1;
		else
			dependencies.push({
				predecessorRef: ref(from.key),
				successorRef: ref(to.key),
				type: link.kind,
				lagDays: link.lagDays,
				lagUnit: link.lagUnit
			});
	}
	if (droppedLinks.summary)
		warnings.push(
			`${droppedLinks.summary} lien(s) vers ou depuis une tâche récapitulative non importé(s) : Jalon lie des tâches, pas des phases.`
		);
	if (droppedLinks.milestone)
		warnings.push(
			`${droppedLinks.milestone} lien(s) vers ou depuis un jalon non importé(s) : les jalons deviennent des jalons Jalon, sans lien.`
		);
	// A phase nested in a phase keeps its own row; Jalon phases can contain phases.
	const document: MissionDocument = {
		format: MISSION_DOCUMENT_FORMAT,
		version: MISSION_DOCUMENT_VERSION,
		mission: {
			title: (defaults.title || projectName || 'Projet importé').slice(0, 300),
			clientOrganisation: defaults.clientOrganisation,
			reference: null,
			kickoffDate: kickoff,
			plannedEndDate: plain.reduce((max, t) => (t.end > max ? t.end : max), kickoff),
			budgetCapCents: defaults.budgetCapCents,
			capBasis: 'TTC',
			vatRateBp: 2000,
			status: 'ACTIVE',
			contractAmountHtCents: null,
			paymentDelayDays: 30
		},
		tasks: plain.map((t) => {
			let parent = t.parentKey ? byKey.get(t.parentKey) : undefined;
			while (parent && !parent.summary) parent = parent.parentKey ? byKey.get(parent.parentKey) : undefined;
			return {
				ref: ref(t.key),
				parentRef: parent ? ref(parent.key) : null,
				kind: t.summary ? ('PHASE' as const) : ('TASK' as const),
				name: t.name.slice(0, 200) || 'Sans nom',
				startDate: t.start,
				endDate: t.end < t.start ? t.start : t.end,
				progress: Math.max(0, Math.min(100, Math.round(t.progress)))
			};
		}),
		dependencies,
		deliverables: [],
		milestones: tasks
			.filter((t) => t.milestone)
			.map((t, i) => ({
				ref: `milestone-${i + 1}`,
				name: t.name.slice(0, 200) || 'Jalon',
				kind: 'STEERING' as const,
				dateRule: { kind: 'FIXED_DATE' as const, date: t.start },
				isWeek: false,
				timeOfDay: null
			})),
		tranches: [],
		contacts: [],
		costPlan: { profiles: [], lines: [] },
		funders: []
	};
	return { document, warnings };
}

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	parseTagValue: false,
	trimValues: true
});

/** MS Project XML (MSPDI), as saved by MS Project 2002 to 2019, ProjectLibre or GanttProject. */
export function importMspdi(xml: string, defaults: ImportDefaults): ImportedProject {
	const root = parser.parse(xml)?.Project;
	if (!root) throw new Error('Ce fichier n’est pas un fichier XML de MS Project (élément <Project> absent).');
	const warnings: string[] = [];
	const minutesPerDay = Number(text(root.MinutesPerDay)) || 480;
	const rows = asArray(root.Tasks?.Task).filter(
		(t: Record<string, unknown>) => text(t.UID) !== '0' && text(t.IsNull) !== '1'
	);
	// Outline numbers ("1.2.3") give the parent of each task.
	const byOutline = new Map<string, string>();
	const tasks: PlainTask[] = [];
	const links: PlainLink[] = [];
	for (const row of rows as Record<string, unknown>[]) {
		const key = text(row.UID);
		const start = datePart(row.Start);
		const end = datePart(row.Finish) ?? start;
		if (!start || !end) {
			warnings.push(`Tâche « ${text(row.Name)} » sans dates : non importée.`);
			continue;
		}
		const outline = text(row.OutlineNumber);
		byOutline.set(outline, key);
		const parentOutline = outline.includes('.') ? outline.slice(0, outline.lastIndexOf('.')) : null;
		tasks.push({
			key,
			name: text(row.Name),
			start,
			end,
			progress: Number(text(row.PercentComplete)) || 0,
			summary: text(row.Summary) === '1',
			milestone: text(row.Milestone) === '1',
			parentKey: parentOutline ? (byOutline.get(parentOutline) ?? null) : null
		});
		for (const link of asArray(row.PredecessorLink) as Record<string, unknown>[]) {
			const type = text(link.Type);
			const lagMinutes = Number(text(link.LinkLag)) / 10 || 0;
			// Elapsed formats (em, eh, ed, ew, emo, e%) count 24-hour days; the others, working days.
			const elapsed = ['4', '6', '8', '10', '12', '20'].includes(text(link.LagFormat));
			links.push({
				from: text(link.PredecessorUID),
				to: key,
				kind: ({ '0': 'FF', '1': 'FS', '2': 'SF', '3': 'SS' } as const)[type as '0'] ?? 'FS',
				lagDays: Math.round(lagMinutes / (elapsed ? 24 * 60 : minutesPerDay)),
				lagUnit: elapsed ? 'ELAPSED_DAYS' : 'WORKING_DAYS'
			});
		}
	}
	const resources = asArray(root.Resources?.Resource).filter((r: Record<string, unknown>) => text(r.Name)).length;
	const assignments = asArray(root.Assignments?.Assignment).length;
	const calendars = asArray(root.Calendars?.Calendar).length;
	if (resources)
		warnings.push(
			`${resources} ressource(s) et ${assignments} affectation(s) non importées : Jalon chiffre par profils dans le plan de charge.`
		);
	if (calendars) warnings.push(`${calendars} calendrier(s) non importé(s) : Jalon utilise les jours ouvrés français.`);
	return toDocument(text(root.Title) || text(root.Name).replace(/\.xml$/i, ''), tasks, links, defaults, warnings);
}

/** GanttProject's own .gan files: nested tasks, durations in working days, <depend> links. */
export function importGanttProject(xml: string, defaults: ImportDefaults): ImportedProject {
	const root = parser.parse(xml)?.project;
	if (!root) throw new Error('Ce fichier n’est pas un projet GanttProject (élément <project> absent).');
	const warnings: string[] = [];
	const tasks: PlainTask[] = [];
	const links: PlainLink[] = [];
	const walk = (nodes: unknown, parentKey: string | null) => {
		for (const node of asArray(nodes) as Record<string, unknown>[]) {
			const key = text(node['@id']);
			const start = datePart(node['@start']);
			if (!start) continue;
			const duration = Number(text(node['@duration'])) || 0;
			const children = asArray(node.task);
			// Durations count working days from the start day.
			const first = isWorkingDay(start) ? start : nextWorkingDayFrom(start);
			const end = duration <= 1 ? start : addWorkingDays(first, duration - 1);
			tasks.push({
				key,
				name: text(node['@name']),
				start,
				end,
				progress: Number(text(node['@complete'])) || 0,
				summary: children.length > 0,
				milestone: text(node['@meeting']) === 'true',
				parentKey
			});
			for (const depend of asArray(node.depend) as Record<string, unknown>[]) {
				const kind = ({ '1': 'SS', '2': 'FS', '3': 'FF', '4': 'SF' } as const)[text(depend['@type']) as '2'] ?? 'FS';
				// GanttProject counts a lag in days of its calendar: working days.
				links.push({
					from: key,
					to: text(depend['@id']),
					kind,
					lagDays: Number(text(depend['@difference'])) || 0,
					lagUnit: 'WORKING_DAYS'
				});
			}
			walk(node.task, key);
		}
	};
	walk(root.tasks?.task, null);
	const resources = asArray(root.resources?.resource).length;
	if (resources)
		warnings.push(
			`${resources} ressource(s) et leurs affectations non importées : Jalon chiffre par profils dans le plan de charge.`
		);
	if (root.calendars) warnings.push('Calendrier du projet non importé : Jalon utilise les jours ouvrés français.');
	return toDocument(text(root['@name']), tasks, links, defaults, warnings);
}

/**
 * MS Project XML of a mission: phases as summary tasks, milestones as zero-length tasks, links
 * with their type and their lag in days (d) or elapsed days (ed).
 */
export function exportMspdi(doc: MissionDocument): string {
	const uid = new Map<string, number>();
	const rows: Record<string, unknown>[] = [];
	const childrenOf = (parentRef: string | null) => doc.tasks.filter((t) => t.parentRef === parentRef);
	const workingDays = (start: IsoDate, end: IsoDate) => Math.max(1, countWorkingDays(start, end));
	let next = 1;
	const visit = (parentRef: string | null, outline: string, level: number) => {
		childrenOf(parentRef).forEach((t, i) => {
			const number = outline ? `${outline}.${i + 1}` : String(i + 1);
			const id = next++;
			uid.set(t.ref, id);
			const days = workingDays(t.startDate, t.endDate);
			rows.push({
				UID: id,
				ID: id,
				Name: t.name,
				OutlineNumber: number,
				OutlineLevel: level,
				Start: `${t.startDate}T08:00:00`,
				Finish: `${t.endDate}T17:00:00`,
				Duration: `PT${days * 8}H0M0S`,
				DurationFormat: 7,
				Milestone: 0,
				Summary: t.kind === 'PHASE' ? 1 : 0,
				PercentComplete: t.progress,
				PredecessorLink: doc.dependencies
					.filter((d) => d.successorRef === t.ref)
					.map((d) => {
						const elapsed = (d.lagUnit ?? 'ELAPSED_DAYS') === 'ELAPSED_DAYS';
						return {
							PredecessorUID: `@${d.predecessorRef}`,
							Type: { FF: 0, FS: 1, SF: 2, SS: 3 }[d.type],
							// Tenths of a minute: 8-hour working days, 24-hour elapsed days.
							LinkLag: d.lagDays * (elapsed ? 14400 : 4800),
							LagFormat: elapsed ? 8 : 7
						};
					})
			});
			visit(t.ref, number, level + 1);
		});
	};
	visit(null, '', 1);
	for (const m of doc.milestones) {
		const date = resolveDateRule(m.dateRule, doc.mission.kickoffDate);
		const id = next++;
		rows.push({
			UID: id,
			ID: id,
			Name: m.name,
			OutlineNumber: String(rows.filter((r) => r.OutlineLevel === 1).length + 1),
			OutlineLevel: 1,
			Start: `${date}T08:00:00`,
			Finish: `${date}T08:00:00`,
			Duration: 'PT0H0M0S',
			DurationFormat: 7,
			Milestone: 1,
			Summary: 0,
			PercentComplete: 0
		});
	}
	// Predecessors are written with the final UIDs once every task has one.
	for (const row of rows) {
		for (const link of asArray(row.PredecessorLink as Record<string, unknown>[])) {
			link.PredecessorUID = uid.get(String(link.PredecessorUID).slice(1));
		}
	}
	const builder = new XMLBuilder({
		format: true,
		indentBy: '\t',
		suppressEmptyNode: true,
		ignoreAttributes: false,
		attributeNamePrefix: '@_'
	});
	const body = builder.build({
		Project: {
			'@_xmlns': 'http://schemas.microsoft.com/project',
			SaveVersion: 14,
			Name: `${doc.mission.title}.xml`,
			Title: doc.mission.title,
			StartDate: `${doc.mission.kickoffDate}T08:00:00`,
			MinutesPerDay: 480,
			MinutesPerWeek: 2400,
			Tasks: { Task: rows }
		}
	});
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;
}
