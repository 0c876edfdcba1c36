// GanttProject's own .gan files: import (the file's dates kept, counted with the file's own
// weekends and holidays) and export (French holidays written in the project calendar, so
// GanttProject counts the same working days as Jalon).
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { countWorkingDays } from '$lib/domain/calendar';
import { resolveDateRule } from '$lib/domain/date-rules';
import { addCalendarDays, isIsoDate, maxDate, type IsoDate } from '$lib/domain/dates';
import { withoutForbiddenCharacters } from '$lib/domain/text';
import { DocumentImportError, type MissionDocument } from '$lib/mission-document';
import {
	asArray,
	checkWholeXml,
	cleanName,
	datePart,
	frenchHolidaysBetween,
	instantLead,
	milestoneDateOf,
	kindFromLabel,
	kindLabel,
	missionDataText,
	readMissionData,
	readTracking,
	readTranches,
	rowsOfDocument,
	ruleFromText,
	ruleText,
	text,
	toDocument,
	trackingText,
	tranchesText,
	withJalonData,
	type ImportDefaults,
	type JalonRowData,
	type ImportedProject,
	type PlainLink,
	type PlainTask
} from './imported-plan';
import { linkBound } from '$lib/domain/schedule';
import {
	ganttProjectDifference,
	ganttProjectLinkType,
	linkTypeFromGanttProject,
	workingLagForCalendarLag,
	type LinkType
} from './links';

/** Custom task columns holding Jalon's data in a .gan file. */
export const GAN_COLUMNS = {
	milestoneKind: { id: 'tpc0', name: 'Type de jalon (Jalon)', valuetype: 'text' },
	deliverable: { id: 'tpc1', name: 'Livrable n° (Jalon)', valuetype: 'int' },
	deadline: { id: 'tpc2', name: 'Échéance contractuelle (Jalon)', valuetype: 'date' },
	timeOfDay: { id: 'tpc3', name: 'Heure (Jalon)', valuetype: 'text' },
	rule: { id: 'tpc4', name: 'Règle de date (Jalon)', valuetype: 'text' },
	tracking: { id: 'tpc5', name: 'Suivi du livrable (Jalon)', valuetype: 'text' },
	trancheData: { id: 'tpc6', name: 'Tranches, données (Jalon)', valuetype: 'text' },
	mission: { id: 'tpc7', name: 'Mission (Jalon)', valuetype: 'text' }
} as const;

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	parseTagValue: false,
	trimValues: true,
	processEntities: true
});

/** Day of week 0 = Sunday … 6 = Saturday, as the .gan default-week attributes. */
const WEEK_ATTRIBUTES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const dayOfWeek = (date: IsoDate) => new Date(`${date}T12:00:00Z`).getUTCDay();

export function importGanttProject(xml: string, defaults: ImportDefaults): ImportedProject {
	let root: Record<string, unknown> | undefined;
	if (/<project[\s>]/.test(xml.slice(0, 4000))) checkWholeXml(xml, 'project', 'GanttProject');
	try {
		root = parser.parse(xml)?.project;
	} catch {
		throw new DocumentImportError('Ce fichier est illisible (XML mal formé).');
	}
	if (!root) throw new DocumentImportError('Ce fichier n’est pas un projet GanttProject (élément <project> absent).');
	const warnings: string[] = [];
	// The file's calendar: its weekend days and holidays (a date without year recurs every year).
	const calendars = (root.calendars ?? {}) as Record<string, unknown>;
	const week = ((calendars['day-types'] as Record<string, unknown> | undefined)?.['default-week'] ?? {}) as Record<
		string,
		unknown
	>;
	const weekend = new Set(WEEK_ATTRIBUTES.map((a, i) => (text(week[`@${a}`]) === '1' ? i : -1)).filter((i) => i >= 0));
	if (weekend.size === 0 && !week['@sat']) [0, 6].forEach((d) => weekend.add(d));
	const holidays = asArray(calendars.date) as Record<string, unknown>[];
	const fixedHolidays = new Set<string>();
	const yearlyHolidays = new Set<string>();
	for (const h of holidays) {
		if (text(h['@type']) && text(h['@type']) !== 'HOLIDAY') continue;
		const md = `${text(h['@month']).padStart(2, '0')}-${text(h['@date']).padStart(2, '0')}`;
		if (text(h['@year'])) fixedHolidays.add(`${text(h['@year'])}-${md}`);
		else yearlyHolidays.add(md);
	}
	const isFileWorkingDay = (date: IsoDate) =>
		!weekend.has(dayOfWeek(date)) && !fixedHolidays.has(date) && !yearlyHolidays.has(date.slice(5));
	const nextFileWorkingDay = (date: IsoDate) => {
		let day = date;
		for (let guard = 0; !isFileWorkingDay(day) && guard < 366; guard++) day = addCalendarDays(day, 1);
		return day;
	};
	/** The last day of `duration` working days from `start`, counted with the file's calendar. */
	const endOf = (start: IsoDate, duration: number) => {
		let day = nextFileWorkingDay(start);
		for (let left = duration - 1; left > 0; left--) day = nextFileWorkingDay(addCalendarDays(day, 1));
		return day;
	};

	const properties = asArray(
		((root.tasks as Record<string, unknown> | undefined)?.taskproperties as Record<string, unknown> | undefined)
			?.taskproperty
	) as Record<string, unknown>[];
	const columnId = (column: { name: string }) =>
		text(properties.find((p) => text(p['@name']) === column.name)?.['@id']) || null;
	const jalonColumns = {
		milestoneKind: columnId(GAN_COLUMNS.milestoneKind),
		deliverable: columnId(GAN_COLUMNS.deliverable),
		deadline: columnId(GAN_COLUMNS.deadline),
		timeOfDay: columnId(GAN_COLUMNS.timeOfDay),
		rule: columnId(GAN_COLUMNS.rule),
		tracking: columnId(GAN_COLUMNS.tracking),
		trancheData: columnId(GAN_COLUMNS.trancheData),
		mission: columnId(GAN_COLUMNS.mission)
	};
	// A file Jalon wrote: its own data is read back.
	const jalonFile = jalonColumns.deliverable !== null || jalonColumns.rule !== null;
	const unreadable = { count: 0 };
	const jalonData = new Map<string, JalonRowData>();
	let missionData: ReturnType<typeof readMissionData> = null;
	const jalonIds = new Set(Object.values(jalonColumns).filter(Boolean));
	const customColumns = properties.filter((p) => text(p['@type']) === 'custom' && !jalonIds.has(text(p['@id'])));

	const tasks: PlainTask[] = [];
	const links: PlainLink[] = [];
	const report = { notes: 0, constraints: [] as string[], customValues: 0, undated: 0, unknownLinks: 0, strong: 0 };
	const walk = (nodes: unknown, parentKey: string | null) => {
		for (const node of asArray(nodes) as Record<string, unknown>[]) {
			const key = text(node['@id']);
			const start = datePart(node['@start']);
			if (!start) {
				report.undated += 1;
				continue;
			}
			const duration = Number(text(node['@duration'])) || 0;
			const children = asArray(node.task);
			const milestone = text(node['@meeting']) === 'true';
			const name = cleanName(node['@name'], 200);
			const custom = new Map(
				(asArray(node.customproperty) as Record<string, unknown>[]).map((c) => [
					text(c['@taskproperty-id']),
					text(c['@value'])
				])
			);
			const valueOf = (id: string | null) => (id ? (custom.get(id) ?? '') : '');
			const deliverableNumber = Number(valueOf(jalonColumns.deliverable));
			const deadline = valueOf(jalonColumns.deadline).slice(0, 10);
			const time = valueOf(jalonColumns.timeOfDay);
			if (jalonFile) {
				jalonData.set(key, {
					tracking: readTracking(valueOf(jalonColumns.tracking), unreadable),
					tranches: readTranches(valueOf(jalonColumns.trancheData), unreadable)
				});
				missionData ??= readMissionData(valueOf(jalonColumns.mission), unreadable);
			}
			tasks.push({
				key,
				name,
				start,
				end: milestone || duration <= 1 ? start : endOf(start, duration),
				progress: Number(text(node['@complete'])) || 0,
				summary: children.length > 0,
				milestone,
				instant: milestone,
				parentKey,
				jalonMilestoneKind: kindFromLabel(valueOf(jalonColumns.milestoneKind)).kind,
				jalonWeek: kindFromLabel(valueOf(jalonColumns.milestoneKind)).isWeek,
				jalonRule: ruleFromText(valueOf(jalonColumns.rule)),
				jalonTimeOfDay: /^\d{2}:\d{2}$/.test(time) ? time : null,
				jalonDeliverable:
					milestone && deliverableNumber >= 1 && deliverableNumber <= 999 && isIsoDate(deadline)
						? { number: deliverableNumber, deadline, description: text(node.notes) || null }
						: null
			});
			for (const depend of asArray(node.depend) as Record<string, unknown>[]) {
				const type = linkTypeFromGanttProject(text(depend['@type']));
				if (!type) {
					report.unknownLinks += 1;
					continue;
				}
				// `difference` counts the file's working days; Jalon keeps lags within a year either way.
				const lagDays = Number(text(depend['@difference'])) || 0;
				if (!Number.isInteger(lagDays) || Math.abs(lagDays) > 365)
					throw new DocumentImportError(
						`Lien depuis « ${text(node['@name']).slice(0, 80)} » : décalage de ${text(depend['@difference']).slice(0, 20)} jours hors limites (365 jours au plus, en avance ou en retard).`
					);
				links.push({ from: key, to: text(depend['@id']), type, lag: { days: lagDays, unit: 'WORKING_DAYS' } });
				// Strong (GanttProject's default): the successor exactly at the link's date; Rubber: no earlier.
				if (text(depend['@hardness']) !== 'Rubber') report.strong += 1;
			}
			if (text(node.notes) && !(milestone && deliverableNumber)) report.notes += 1;
			if (node['@thirdDate'] && text(node['@thirdDate-constraint']) !== '0')
				report.constraints.push(`« ${name} » (${text(node['@thirdDate'])})`);
			report.customValues += [...custom.keys()].filter((id) => !jalonIds.has(id)).length;
			walk(node.task, key);
		}
	};
	walk((root.tasks as Record<string, unknown> | undefined)?.task, null);
	if (report.undated) warnings.push(`${report.undated} tâche(s) sans date de début non importée(s).`);
	if (report.notes) warnings.push(`${report.notes} note(s) de tâche non importée(s).`);
	if (report.strong)
		warnings.push(
			`${report.strong} lien(s) « Strong » (la tâche suivante exactement à la date du lien) importé(s) comme liens « au plus tôt » (Rubber) : Jalon repousse les tâches qui suivent quand le lien l’exige, mais ne les avance pas.`
		);
	if (report.unknownLinks) warnings.push(`${report.unknownLinks} lien(s) d’un type inconnu non importé(s).`);
	if (report.constraints.length)
		warnings.push(
			`${report.constraints.length} contrainte(s) de date non importée(s) (Jalon garde les dates du fichier) : ${report.constraints.join(', ')}.`
		);
	if (customColumns.length)
		warnings.push(
			`${customColumns.length} colonne(s) personnalisée(s) non importée(s) (${customColumns.map((c) => `« ${cleanName(c['@name'], 60)} »`).join(', ')}, ${report.customValues} valeur(s)).`
		);
	const resources = asArray((root.resources as Record<string, unknown> | undefined)?.resource).length;
	const allocations = asArray((root.allocations as Record<string, unknown> | undefined)?.allocation).length;
	const vacations = asArray((root.vacations as Record<string, unknown> | undefined)?.vacation).length;
	if (resources)
		warnings.push(
			`${resources} ressource(s), ${allocations} affectation(s) et ${vacations} congé(s) non importés : Jalon chiffre par profils dans le plan de charge.`
		);
	// A calendar with Saturday, Sunday and French holidays only (Jalon's own export) loses nothing.
	const french = new Set(
		[...fixedHolidays].length
			? frenchHolidaysBetween([...fixedHolidays].sort()[0]!, [...fixedHolidays].sort()[fixedHolidays.size - 1]!).map(
					(h) => h.date
				)
			: []
	);
	const frenchCalendar =
		weekend.size === 2 &&
		weekend.has(0) &&
		weekend.has(6) &&
		yearlyHolidays.size === 0 &&
		[...fixedHolidays].every((d) => french.has(d));
	if (!frenchCalendar)
		warnings.push(
			'Calendrier du projet non importé : les dates du fichier sont gardées ; Jalon planifie ensuite en jours ouvrés français.'
		);
	const imported = toDocument(text(root['@name']), null, tasks, links, defaults, warnings);
	return jalonFile
		? withJalonData(imported, rowsOfDocument(tasks, imported.document, jalonData), missionData, unreadable)
		: imported;
}

const attr = (value: string) =>
	withoutForbiddenCharacters(value, 'single-line')
		.replace(/[\ufffe\uffff]/g, ' ')
		.slice(0, 512);

/** A .gan file GanttProject 3 opens: phases, tasks, deliverables and milestones, FS links. */
export function exportGanttProject(doc: MissionDocument): string {
	const kickoff = doc.mission.kickoffDate;
	const ids = new Map(doc.tasks.map((t, i) => [t.ref, i]));
	let nextId = doc.tasks.length;
	let lastDate = doc.tasks.reduce((max, t) => maxDate(max, t.endDate), kickoff);
	const custom = (column: { id: string }, value: string) =>
		value ? [{ '@_taskproperty-id': column.id, '@_value': attr(value) }] : [];
	// Jalon's JSON data: whole (cut, it would no longer read back).
	const jalonCustom = (column: { id: string }, value: string) =>
		value ? [{ '@_taskproperty-id': column.id, '@_value': withoutForbiddenCharacters(value, 'multi-line') }] : [];
	// Deliverables and milestones are numbered after the tasks, in this order.
	const deliverableIds = new Map(doc.deliverables.map((d) => [d.ref, nextId++]));
	const milestoneIds = new Map(doc.milestones.map((m) => [m.ref, nextId++]));
	const tiedTo = (taskRef: string) =>
		[
			...doc.deliverables.map((d) => ({ item: d, id: deliverableIds.get(d.ref)! })),
			...doc.milestones.map((m) => ({ item: m, id: milestoneIds.get(m.ref)! }))
		]
			.filter(({ item }) => item.anchorRef === taskRef)
			.map(({ item, id }) => ({ id, lagDays: item.anchorLagDays ?? 0 }));
	// GanttProject counts working days: an elapsed-day lag is converted, a working-day one kept.
	// (Milestones' ties and leads: GanttProject's milestones are instants at a day's start.)
	const depend = (
		successorId: number,
		type: LinkType,
		lagDays: number,
		unit: 'WORKING_DAYS' | 'ELAPSED_DAYS' | undefined,
		predecessorEnd: IsoDate
	) => ({
		'@_id': successorId,
		'@_type': ganttProjectLinkType(type),
		'@_difference':
			(unit ?? 'ELAPSED_DAYS') === 'WORKING_DAYS' ? lagDays : workingLagForCalendarLag(predecessorEnd, lagDays),
		// « No earlier than », as Jalon's links (Strong would hold the successor exactly there).
		'@_hardness': 'Rubber'
	});
	/** A link between tasks: the difference that lands the successor where Jalon's link does. */
	const taskDepend = (
		successorId: number,
		link: MissionDocument['dependencies'][number],
		predecessor: MissionDocument['tasks'][number]
	) => {
		const lag = { type: link.type, lagDays: link.lagDays, lagUnit: link.lagUnit ?? ('ELAPSED_DAYS' as const) };
		const span = { start: predecessor.startDate, end: predecessor.endDate };
		const bound = linkBound(lag, { id: predecessor.ref, name: predecessor.name, ...span });
		return {
			...depend(successorId, link.type, 0, 'WORKING_DAYS', predecessor.endDate),
			'@_difference': ganttProjectDifference(lag, span, bound)
		};
	};
	const taskNode = (t: MissionDocument['tasks'][number]): Record<string, unknown> => ({
		'@_id': ids.get(t.ref),
		'@_name': attr(t.name),
		'@_meeting': 'false',
		'@_start': t.startDate,
		'@_duration': Math.max(1, countWorkingDays(t.startDate, t.endDate)),
		'@_complete': t.progress,
		'@_expand': 'true',
		depend: [
			...doc.dependencies
				.filter((d) => d.predecessorRef === t.ref)
				.map((d) => taskDepend(ids.get(d.successorRef)!, d, t)),
			// Deliverables and milestones tied to this task follow its finish.
			// (GanttProject puts a milestone at the start of a day: the day after the task is 0.)
			...tiedTo(t.ref).map(({ id, lagDays }) => depend(id, 'FS', lagDays - 1, 'WORKING_DAYS', t.endDate))
		],
		task: doc.tasks.filter((c) => c.parentRef === t.ref).map(taskNode)
	});
	const nodes = doc.tasks.filter((t) => !t.parentRef).map(taskNode);
	for (const d of doc.deliverables) {
		const deadline = resolveDateRule(d.dueRule, kickoff);
		lastDate = maxDate(lastDate, maxDate(deadline, d.plannedDate));
		nodes.push({
			'@_id': deliverableIds.get(d.ref),
			'@_name': attr(`Livrable ${d.number} — ${d.title}`),
			'@_meeting': 'true',
			'@_start': d.plannedDate,
			'@_duration': 0,
			'@_complete': d.status === 'VALIDATED' ? 100 : 0,
			'@_expand': 'true',
			notes: d.description ? { '#text': withoutForbiddenCharacters(d.description, 'multi-line') } : undefined,
			customproperty: [
				...custom(GAN_COLUMNS.deliverable, String(d.number)),
				...custom(GAN_COLUMNS.deadline, deadline),
				...custom(GAN_COLUMNS.rule, ruleText(d.dueRule)),
				...jalonCustom(GAN_COLUMNS.tracking, trackingText(d)),
				...jalonCustom(GAN_COLUMNS.trancheData, tranchesText(doc, 'DELIVERABLE_VALIDATION', d.ref))
			]
		});
	}
	for (const m of doc.milestones) {
		const date = milestoneDateOf(doc, m);
		lastDate = maxDate(lastDate, date);
		nodes.push({
			'@_id': milestoneIds.get(m.ref),
			'@_name': attr(m.name),
			'@_meeting': 'true',
			'@_start': date,
			'@_duration': 0,
			'@_complete': 0,
			'@_expand': 'true',
			// The tasks this milestone leads.
			depend: (doc.milestoneLinks ?? [])
				.filter((l) => l.milestoneRef === m.ref)
				.map((l) => {
					const lagDays = l.lagUnit === 'WORKING_DAYS' ? l.lagDays : workingLagForCalendarLag(date, l.lagDays);
					const lead = instantLead(l.type, lagDays);
					return depend(ids.get(l.successorRef)!, lead.type, lead.lagDays, 'WORKING_DAYS', date);
				}),
			customproperty: [
				...custom(GAN_COLUMNS.milestoneKind, kindLabel(m.kind, m.isWeek)),
				...custom(GAN_COLUMNS.timeOfDay, m.timeOfDay ?? ''),
				...custom(GAN_COLUMNS.rule, ruleText(m.dateRule)),
				...jalonCustom(GAN_COLUMNS.trancheData, tranchesText(doc, 'MILESTONE', m.ref))
			]
		});
	}
	// The mission's data beside its plan, once, on the first row.
	if (nodes[0])
		nodes[0].customproperty = [
			...((nodes[0].customproperty as unknown[] | undefined) ?? []),
			...jalonCustom(GAN_COLUMNS.mission, missionDataText(doc))
		];
	const holidays = frenchHolidaysBetween(
		`${Number(kickoff.slice(0, 4)) - 1}-01-01`,
		`${Number(lastDate.slice(0, 4)) + 1}-12-31`
	);
	const builder = new XMLBuilder({
		format: true,
		indentBy: '    ',
		ignoreAttributes: false,
		attributeNamePrefix: '@_',
		suppressEmptyNode: true,
		suppressBooleanAttributes: false
	});
	const defaultColumns = ['type', 'priority', 'info', 'name', 'begindate', 'enddate', 'duration', 'completion'];
	const valueTypes: Record<string, string> = {
		name: 'text',
		begindate: 'date',
		enddate: 'date',
		duration: 'int',
		completion: 'int'
	};
	const body = builder.build({
		project: {
			'@_name': attr(doc.mission.title),
			'@_company': attr(doc.mission.clientOrganisation),
			'@_webLink': '',
			'@_view-date': kickoff,
			'@_view-index': 0,
			'@_version': '3.3.3309',
			'@_locale': 'fr',
			calendars: {
				'day-types': {
					'day-type': [{ '@_id': 0 }, { '@_id': 1 }],
					'default-week': {
						'@_id': 1,
						'@_name': 'default',
						'@_sun': 1,
						'@_mon': 0,
						'@_tue': 0,
						'@_wed': 0,
						'@_thu': 0,
						'@_fri': 0,
						'@_sat': 1
					},
					'only-show-weekends': { '@_value': 'false' }
				},
				date: holidays.map((h) => ({
					'@_year': Number(h.date.slice(0, 4)),
					'@_month': Number(h.date.slice(5, 7)),
					'@_date': Number(h.date.slice(8, 10)),
					'@_type': 'HOLIDAY'
				}))
			},
			tasks: {
				'@_empty-milestones': 'true',
				taskproperties: {
					taskproperty: [
						...defaultColumns.map((name, i) => ({
							'@_id': `tpd${i}`,
							'@_name': name,
							'@_type': 'default',
							'@_valuetype': valueTypes[name] ?? 'icon'
						})),
						...Object.values(GAN_COLUMNS).map((c) => ({
							'@_id': c.id,
							'@_name': c.name,
							'@_type': 'custom',
							'@_valuetype': c.valuetype
						}))
					]
				},
				task: nodes
			},
			resources: '',
			allocations: '',
			vacations: '',
			roles: { '@_roleset-name': 'Default' }
		}
	});
	return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}
