// MS Project XML (MSPDI): export of a mission that MS Project, ProjectLibre and GanttProject read
// as Jalon means it, and import of files saved by MS Project 2002 to 2019, ProjectLibre or
// GanttProject. Element order follows the MSPDI schema (mspdi_pj12.xsd), whose sequences are strict.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { countWorkingDays, isWorkingDay } from '$lib/domain/calendar';
import { resolveDateRule } from '$lib/domain/date-rules';
import { maxDate, type IsoDate } from '$lib/domain/dates';
import { trancheLifecycleLabels } from '$lib/domain/finance';
import { formatPercent } from '$lib/domain/money';
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
	previousWeekday,
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
import { lagFromMspdi, linkTypeFromMspdi, mspdiLag, mspdiLinkType, type MspdiTime } from './links';

/** Task text fields (Text1..Text3) holding Jalon's data, with names MS Project shows. */
export const MSPDI_FIELDS = {
	milestoneKind: { id: 188743731, name: 'Text1', alias: 'Type de jalon (Jalon)' },
	tranches: { id: 188743734, name: 'Text2', alias: 'Tranches de paiement (Jalon)' },
	deliverable: { id: 188743737, name: 'Text3', alias: 'Livrable n° (Jalon)' },
	rule: { id: 188743740, name: 'Text4', alias: 'Règle de date (Jalon)' },
	timeOfDay: { id: 188743743, name: 'Text5', alias: 'Heure (Jalon)' },
	tracking: { id: 188743746, name: 'Text6', alias: 'Suivi du livrable (Jalon)' },
	trancheData: { id: 188743747, name: 'Text7', alias: 'Tranches, données (Jalon)' },
	mission: { id: 188743748, name: 'Text8', alias: 'Mission (Jalon)' }
} as const;

/** XML 1.0 text: no control characters, lone surrogates or U+FFFE/U+FFFF. */
const xmlText = (value: string, max = 512): string =>
	withoutForbiddenCharacters(value, 'single-line')
		.replace(/[\ufffe\uffff]/g, ' ')
		.slice(0, max);

const dayStart = (date: IsoDate) => `${date}T08:00:00`;
const dayEnd = (date: IsoDate) => `${date}T17:00:00`;
const hours = (workingDays: number) => `PT${workingDays * 8}H0M0S`;

/** MSPDI ConstraintType: 0 as soon as possible, 2 must start on, 4 start no earlier than. */
const ASAP = 0;
const MUST_START_ON = 2;
const START_NO_EARLIER_THAN = 4;

/**
 * What keeps a task on Jalon's dates when MS Project (or any scheduler) recomputes the plan. In
 * Jalon a date is the planner's own and links only push it later, never pull it earlier: that is
 * MS Project's « début au plus tôt le » (Start No Earlier Than) on the task's start. Work already
 * done carries its actual dates, as MS Project records progress: the start is then a fact, and a
 * finished task's finish too. Phases (summary tasks) are computed from their tasks: nothing.
 */
function keptDates(task: { start: IsoDate; end: IsoDate; progress: number } | null): Record<string, unknown> {
	if (!task) return { ConstraintType: ASAP };
	const minutes = Math.max(1, countWorkingDays(task.start, task.end)) * 480;
	const done = Math.round((minutes * Math.max(0, Math.min(100, task.progress))) / 100);
	const span = (m: number) => `PT${Math.floor(m / 60)}H${m % 60}M0S`;
	return {
		...(task.progress > 0 ? { ActualStart: dayStart(task.start) } : {}),
		...(task.progress >= 100 ? { ActualFinish: dayEnd(task.end) } : {}),
		ActualDuration: span(done),
		RemainingDuration: span(minutes - done),
		ConstraintType: START_NO_EARLIER_THAN,
		ConstraintDate: dayStart(task.start)
	};
}

/**
 * A milestone's time as written: inside working time (08:00–12:00, 13:00–17:00), where MS Project
 * can hold it; Jalon's own time, when it differs, travels in the « Heure (Jalon) » field. A
 * milestone without a time is at its day's start, or at its day's end when tied to a task's finish.
 */
export function writtenTime(m: { timeOfDay?: string | null; anchorRef?: string | null }): string {
	const time = m.timeOfDay ?? (m.anchorRef ? '17:00' : '08:00');
	if (time < '08:00') return '08:00';
	if (time > '17:00') return '17:00';
	if (time > '12:00' && time < '13:00') return '12:00';
	return time;
}

/**
 * A milestone or deliverable kept at its instant: no earlier than it on a working day; on a
 * weekend or a public holiday, where MS Project would move it to the next working morning, « doit
 * commencer le » (Must Start On). A validated deliverable is done: its actual dates say so.
 */
function keptInstant(date: IsoDate, time: string, done: boolean): Record<string, unknown> {
	const at = `${date}T${time}:00`;
	return {
		...(done ? { ActualStart: at, ActualFinish: at } : {}),
		ActualDuration: 'PT0H0M0S',
		RemainingDuration: 'PT0H0M0S',
		ConstraintType: isWorkingDay(date) ? START_NO_EARLIER_THAN : MUST_START_ON,
		ConstraintDate: at
	};
}

/** Milestones share the UID map with tasks under this prefix (their refs are another namespace). */
const MILESTONE_KEY = 'milestone:';

/** MS Project XML of a mission: the French working calendar, phases, tasks, deliverables and milestones. */
export function exportMspdi(doc: MissionDocument): string {
	const kickoff = doc.mission.kickoffDate;
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
			rows.push({
				UID: id,
				ID: id,
				Name: xmlText(t.name),
				Type: 1,
				// The outline code MS Project shows as WBS: the same as the outline number here.
				WBS: number,
				OutlineNumber: number,
				OutlineLevel: level,
				Start: dayStart(t.startDate),
				Finish: dayEnd(t.endDate),
				Duration: hours(workingDays(t.startDate, t.endDate)),
				DurationFormat: 7,
				Milestone: 0,
				Summary: t.kind === 'PHASE' ? 1 : 0,
				PercentComplete: t.progress,
				...keptDates(t.kind === 'PHASE' ? null : { start: t.startDate, end: t.endDate, progress: t.progress }),
				PredecessorLink: [
					...doc.dependencies
						.filter((d) => d.successorRef === t.ref)
						.map((d) => ({
							PredecessorUID: `@${d.predecessorRef}`,
							Type: mspdiLinkType(d.type),
							// Working-day lags as MS Project's days (d), elapsed ones as elapsed days (ed).
							...mspdiLag({ days: d.lagDays, unit: d.lagUnit ?? 'ELAPSED_DAYS' })
						})),
					// Milestones leading this task (their rows get their UIDs below).
					...(doc.milestoneLinks ?? [])
						.filter((l) => l.successorRef === t.ref)
						.map((l) => {
							// A milestone written before the day's end (08:00 or its time) is an instant there.
							const milestone = doc.milestones.find((m) => m.ref === l.milestoneRef);
							const at = milestone ? writtenTime(milestone) : '08:00';
							const lead = at < '17:00' ? instantLead(l.type, l.lagDays) : l;
							return {
								PredecessorUID: `@${MILESTONE_KEY}${l.milestoneRef}`,
								Type: mspdiLinkType(lead.type),
								...mspdiLag({ days: lead.lagDays, unit: l.lagUnit })
							};
						})
				]
			});
			visit(t.ref, number, level + 1);
		});
	};
	visit(null, '', 1);

	const tranchesOf = (kind: 'MILESTONE' | 'DELIVERABLE_VALIDATION', ref: string) =>
		doc.tranches
			.filter((t) => t.triggerKind === kind && t.triggerRef === ref)
			.map((t) => `${t.label} (${formatPercent(t.percentBp)}, ${trancheLifecycleLabels[t.status]})`)
			.join(' ; ');
	const attribute = (field: { id: number }, value: string) =>
		value ? [{ FieldID: field.id, Value: xmlText(value, 255) }] : [];
	// Jalon's JSON data: whole (cut, it would no longer read back).
	const jalonAttribute = (field: { id: number }, value: string) =>
		value ? [{ FieldID: field.id, Value: withoutForbiddenCharacters(value, 'multi-line') }] : [];
	// A deliverable or milestone tied to a task follows its finish, by working days.
	const tieLink = (item: { anchorRef?: string | null; anchorLagDays?: number }) =>
		item.anchorRef
			? [
					{
						PredecessorUID: `@${item.anchorRef}`,
						Type: mspdiLinkType('FS'),
						...mspdiLag({ days: item.anchorLagDays ?? 0, unit: 'WORKING_DAYS' })
					}
				]
			: undefined;
	const topLevel = () => String(rows.filter((r) => r.OutlineLevel === 1).length + 1);
	let lastDate = doc.tasks.reduce((max, t) => maxDate(max, t.endDate), kickoff);
	for (const d of doc.deliverables) {
		const deadline = resolveDateRule(d.dueRule, kickoff);
		lastDate = maxDate(lastDate, maxDate(deadline, d.plannedDate));
		const id = next++;
		rows.push({
			UID: id,
			ID: id,
			Name: xmlText(`Livrable ${d.number} — ${d.title}`),
			Type: 1,
			OutlineNumber: topLevel(),
			OutlineLevel: 1,
			Start: dayEnd(d.plannedDate),
			Finish: dayEnd(d.plannedDate),
			Duration: 'PT0H0M0S',
			DurationFormat: 7,
			Milestone: 1,
			Summary: 0,
			PercentComplete: d.status === 'VALIDATED' ? 100 : 0,
			...keptInstant(d.plannedDate, '17:00', d.status === 'VALIDATED'),
			Deadline: dayEnd(deadline),
			Notes: d.description ? withoutForbiddenCharacters(d.description, 'multi-line') : undefined,
			PredecessorLink: tieLink(d),
			ExtendedAttribute: [
				...attribute(MSPDI_FIELDS.tranches, tranchesOf('DELIVERABLE_VALIDATION', d.ref)),
				...attribute(MSPDI_FIELDS.deliverable, String(d.number)),
				...attribute(MSPDI_FIELDS.rule, ruleText(d.dueRule)),
				...jalonAttribute(MSPDI_FIELDS.tracking, trackingText(d)),
				...jalonAttribute(MSPDI_FIELDS.trancheData, tranchesText(doc, 'DELIVERABLE_VALIDATION', d.ref))
			]
		});
	}
	for (const m of doc.milestones) {
		const date = milestoneDateOf(doc, m);
		lastDate = maxDate(lastDate, date);
		const id = next++;
		uid.set(`${MILESTONE_KEY}${m.ref}`, id);
		const at = `${date}T${writtenTime(m)}:00`;
		rows.push({
			UID: id,
			ID: id,
			Name: xmlText(m.name),
			Type: 1,
			OutlineNumber: topLevel(),
			OutlineLevel: 1,
			Start: at,
			Finish: at,
			Duration: 'PT0H0M0S',
			DurationFormat: 7,
			Milestone: 1,
			Summary: 0,
			PercentComplete: 0,
			...keptInstant(date, writtenTime(m), false),
			PredecessorLink: tieLink(m),
			ExtendedAttribute: [
				...attribute(MSPDI_FIELDS.milestoneKind, kindLabel(m.kind, m.isWeek)),
				...attribute(MSPDI_FIELDS.timeOfDay, m.timeOfDay ?? ''),
				...attribute(MSPDI_FIELDS.tranches, tranchesOf('MILESTONE', m.ref)),
				...attribute(MSPDI_FIELDS.rule, ruleText(m.dateRule)),
				...jalonAttribute(MSPDI_FIELDS.trancheData, tranchesText(doc, 'MILESTONE', m.ref))
			]
		});
	}
	// The mission's data beside its plan, once, on the first row.
	if (rows[0])
		rows[0].ExtendedAttribute = [
			...asArray(rows[0].ExtendedAttribute as Record<string, unknown>[]),
			...jalonAttribute(MSPDI_FIELDS.mission, missionDataText(doc))
		];
	// Predecessors are written with the final UIDs once every task has one.
	for (const row of rows) {
		for (const link of asArray(row.PredecessorLink as Record<string, unknown>[])) {
			link.PredecessorUID = uid.get(String(link.PredecessorUID).slice(1));
		}
	}

	const weekDay = (day: number, working: boolean) => ({
		DayType: day,
		DayWorking: working ? 1 : 0,
		...(working
			? {
					WorkingTimes: {
						WorkingTime: [
							{ FromTime: '08:00:00', ToTime: '12:00:00' },
							{ FromTime: '13:00:00', ToTime: '17:00:00' }
						]
					}
				}
			: {})
	});
	// Holidays from the year before the kick-off to the year after the last date: MS Project
	// reschedules within that span with the same working days as Jalon.
	const holidays = frenchHolidaysBetween(
		`${Number(kickoff.slice(0, 4)) - 1}-01-01`,
		`${Number(lastDate.slice(0, 4)) + 1}-12-31`
	);
	const calendar = {
		UID: 1,
		Name: 'Jours ouvrés français',
		IsBaseCalendar: 1,
		BaseCalendarUID: -1,
		WeekDays: {
			WeekDay: [
				...[1, 2, 3, 4, 5, 6, 7].map((d) => weekDay(d, d !== 1 && d !== 7)),
				// MSPDI exceptions (DayType 0), read by every MS Project version and by MPXJ.
				...holidays.map((h) => ({
					DayType: 0,
					DayWorking: 0,
					TimePeriod: { FromDate: `${h.date}T00:00:00`, ToDate: `${h.date}T23:59:00` }
				}))
			]
		}
	};
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
			Name: xmlText(`${doc.mission.title}.xml`),
			Title: xmlText(doc.mission.title),
			ScheduleFromStart: 1,
			StartDate: dayStart(kickoff),
			FinishDate: dayEnd(lastDate),
			CurrencyDigits: 2,
			CurrencySymbol: '€',
			CurrencyCode: 'EUR',
			CurrencySymbolPosition: 3,
			CalendarUID: 1,
			DefaultStartTime: '08:00:00',
			DefaultFinishTime: '17:00:00',
			MinutesPerDay: 480,
			MinutesPerWeek: 2400,
			DaysPerMonth: 20,
			DurationFormat: 7,
			WeekStartDay: 1,
			ExtendedAttributes: {
				ExtendedAttribute: Object.values(MSPDI_FIELDS).map((f) => ({
					FieldID: f.id,
					FieldName: f.name,
					Alias: f.alias
				}))
			},
			Calendars: { Calendar: [calendar] },
			Tasks: { Task: rows }
		}
	});
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}\n`;
}

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	parseTagValue: false,
	trimValues: true,
	processEntities: true
});

const CONSTRAINTS: Record<string, string> = {
	'1': 'le plus tard possible',
	'2': 'doit commencer le',
	'3': 'doit finir le',
	'4': 'début au plus tôt le',
	'5': 'début au plus tard le',
	'6': 'fin au plus tôt le',
	'7': 'fin au plus tard le'
};

/**
 * « Début au plus tôt le » or « doit commencer le » on the task's own start day is what Jalon
 * writes to keep its dates, and what Jalon does anyway with the file's dates: nothing is lost.
 */
const keepsFileDate = (type: string, date: IsoDate | null, start: IsoDate) =>
	(type === String(START_NO_EARLIER_THAN) || type === String(MUST_START_ON)) && date === start;

/**
 * A milestone's time: Jalon's own « Heure (Jalon) » field when the file has it (the written start
 * may have been moved into working time), else the start's time unless it is a day's start or end.
 */
function timeOfDayOf(field: string, startTime: string, jalonFile: boolean, dayEnds: string[]): string | null {
	if (jalonFile) return /^\d{2}:\d{2}$/.test(field) ? field : null;
	return startTime && ![...dayEnds, '00:00'].includes(startTime) ? startTime : null;
}

/** MS Project XML (MSPDI), as saved by MS Project 2002 to 2019, ProjectLibre or GanttProject. */
export function importMspdi(xml: string, defaults: ImportDefaults): ImportedProject {
	let root: Record<string, unknown> | undefined;
	if (/<Project[\s>]/.test(xml.slice(0, 4000))) checkWholeXml(xml, 'Project', 'MS Project');
	try {
		root = parser.parse(xml)?.Project;
	} catch {
		throw new DocumentImportError('Ce fichier XML est illisible (XML mal formé).');
	}
	if (!root)
		throw new DocumentImportError('Ce fichier n’est pas un fichier XML de MS Project (élément <Project> absent).');
	const warnings: string[] = [];
	const time: MspdiTime = {
		minutesPerDay: Number(text(root.MinutesPerDay)) || 480,
		minutesPerWeek: Number(text(root.MinutesPerWeek)) || 2400,
		daysPerMonth: Number(text(root.DaysPerMonth)) || 20
	};
	const defaultStart = text(root.DefaultStartTime).slice(0, 5) || '08:00';
	const defaultFinish = text(root.DefaultFinishTime).slice(0, 5) || '17:00';
	// Jalon's own extended attributes, found by alias (another tool may renumber the fields).
	const fieldIds = new Map<string, string>();
	for (const a of asArray(
		(root.ExtendedAttributes as Record<string, unknown> | undefined)?.ExtendedAttribute
	) as Record<string, unknown>[]) {
		fieldIds.set(text(a.Alias), text(a.FieldID));
	}
	const fieldOf = (row: Record<string, unknown>, field: { alias: string }) => {
		const id = fieldIds.get(field.alias);
		if (!id) return '';
		const found = (asArray(row.ExtendedAttribute) as Record<string, unknown>[]).find((e) => text(e.FieldID) === id);
		return found ? text(found.Value) : '';
	};

	// A file Jalon wrote (its own fields are defined): its constraints are the ones Jalon writes.
	const jalonFile = Object.values(MSPDI_FIELDS).some((f) => fieldIds.has(f.alias));
	const allRows = asArray((root.Tasks as Record<string, unknown> | undefined)?.Task) as Record<string, unknown>[];
	const summaryRow = allRows.find((t) => text(t.UID) === '0');
	const rows = allRows.filter((t) => text(t.UID) !== '0' && text(t.IsNull) !== '1');
	const byOutline = new Map<string, string>();
	const lastAtLevel: string[] = [];
	const tasks: PlainTask[] = [];
	const links: PlainLink[] = [];
	const report = { constraints: [] as string[], notes: 0, recurring: [] as string[], percentLags: 0 };
	const unreadable = { count: 0 };
	const jalonData = new Map<string, JalonRowData>();
	let missionData: ReturnType<typeof readMissionData> = null;
	for (const row of rows) {
		const key = text(row.UID);
		const start = datePart(row.Start);
		let end = datePart(row.Finish) ?? start;
		if (!start || !end) {
			warnings.push(`Tâche « ${cleanName(row.Name, 80)} » sans dates : non importée.`);
			continue;
		}
		const milestone = text(row.Milestone) === '1';
		// A finish at or before the start of the working day (08:00) ends the day before.
		const finishTime = text(row.Finish).slice(11, 16);
		if (!milestone && end > start && finishTime && finishTime <= defaultStart)
			end = maxDate(start, previousWeekday(end));
		const outline = text(row.OutlineNumber);
		byOutline.set(outline, key);
		const parentOutline = outline.includes('.') ? outline.slice(0, outline.lastIndexOf('.')) : null;
		// A file with levels but no outline numbers: the parent is the last row one level up.
		// Bounded: the array below grows to it (deeper than 10 levels is refused later anyway).
		const level = Math.min(100, Math.max(1, Math.trunc(Number(text(row.OutlineLevel)) || 1)));
		const levelParent = !outline && level > 1 ? (lastAtLevel[level - 1] ?? null) : null;
		lastAtLevel.length = level;
		lastAtLevel[level] = key;
		const name = cleanName(row.Name, 200);
		const startTime = text(row.Start).slice(11, 16);
		const deliverableNumber = Number(fieldOf(row, MSPDI_FIELDS.deliverable));
		const deadline = datePart(row.Deadline);
		tasks.push({
			key,
			name,
			start,
			end,
			progress: Number(text(row.PercentComplete)) || 0,
			summary: text(row.Summary) === '1',
			milestone,
			instant: milestone && startTime !== '' && startTime < defaultFinish,
			parentKey: parentOutline ? (byOutline.get(parentOutline) ?? null) : levelParent,
			jalonMilestoneKind: kindFromLabel(fieldOf(row, MSPDI_FIELDS.milestoneKind)).kind,
			jalonWeek: kindFromLabel(fieldOf(row, MSPDI_FIELDS.milestoneKind)).isWeek,
			jalonRule: ruleFromText(fieldOf(row, MSPDI_FIELDS.rule)),
			jalonTimeOfDay: milestone
				? timeOfDayOf(fieldOf(row, MSPDI_FIELDS.timeOfDay), startTime, jalonFile, [defaultStart, defaultFinish])
				: null,
			jalonDeliverable:
				milestone && deliverableNumber >= 1 && deliverableNumber <= 999 && deadline
					? { number: deliverableNumber, deadline, description: text(row.Notes) || null }
					: null
		});
		if (jalonFile) {
			jalonData.set(key, {
				tracking: readTracking(fieldOf(row, MSPDI_FIELDS.tracking), unreadable),
				tranches: readTranches(fieldOf(row, MSPDI_FIELDS.trancheData), unreadable)
			});
			missionData ??= readMissionData(fieldOf(row, MSPDI_FIELDS.mission), unreadable);
		}
		const constraint = CONSTRAINTS[text(row.ConstraintType)];
		if (constraint && !(jalonFile && keepsFileDate(text(row.ConstraintType), datePart(row.ConstraintDate), start)))
			report.constraints.push(
				`« ${name} » (${constraint}${datePart(row.ConstraintDate) ? ` ${datePart(row.ConstraintDate)}` : ''})`
			);
		if (text(row.Notes) && !(milestone && deliverableNumber)) report.notes += 1;
		if (text(row.Recurring) === '1') report.recurring.push(name);
		if (deadline && !(milestone && deliverableNumber)) report.constraints.push(`« ${name} » (échéance ${deadline})`);
		for (const link of asArray(row.PredecessorLink) as Record<string, unknown>[]) {
			const type = linkTypeFromMspdi(text(link.Type));
			const lag = lagFromMspdi(text(link.LinkLag), text(link.LagFormat), time);
			if (!type || !lag) {
				report.percentLags += 1;
				continue;
			}
			links.push({ from: text(link.PredecessorUID), to: key, type, lag });
		}
	}
	if (report.constraints.length)
		warnings.push(
			`${report.constraints.length} contrainte(s) de date non importée(s) (Jalon garde les dates du fichier) : ${report.constraints.slice(0, 5).join(', ')}${report.constraints.length > 5 ? '…' : ''}.`
		);
	if (report.notes) warnings.push(`${report.notes} note(s) de tâche non importée(s).`);
	if (report.recurring.length)
		warnings.push(
			`${report.recurring.length} tâche(s) périodique(s) importée(s) comme phase(s) avec leurs occurrences, sans la règle de répétition : ${report.recurring.map((n) => `« ${n} »`).join(', ')}.`
		);
	if (report.percentLags)
		warnings.push(`${report.percentLags} lien(s) avec un décalage en pourcentage non importé(s).`);
	const resources = asArray((root.Resources as Record<string, unknown> | undefined)?.Resource).filter((r) =>
		text((r as Record<string, unknown>).Name)
	).length;
	const assignments = asArray((root.Assignments as Record<string, unknown> | undefined)?.Assignment).length;
	const calendars = asArray((root.Calendars as Record<string, unknown> | undefined)?.Calendar) as Record<
		string,
		unknown
	>[];
	if (resources)
		warnings.push(
			`${resources} ressource(s) et ${assignments} affectation(s) non importées : Jalon chiffre par profils dans le plan de charge.`
		);
	const foreignCalendars = calendars.filter((c) => text(c.Name) !== 'Jours ouvrés français').length;
	if (foreignCalendars)
		warnings.push(
			`${foreignCalendars} calendrier(s) non importé(s) : Jalon garde les dates du fichier et planifie ensuite en jours ouvrés français.`
		);
	const projectStart = datePart(root.StartDate) ?? (summaryRow ? datePart(summaryRow.Start) : null);
	const title = text(root.Title) || (summaryRow ? text(summaryRow.Name) : '') || text(root.Name).replace(/\.xml$/i, '');
	const imported = toDocument(title, projectStart, tasks, links, defaults, warnings);
	return jalonFile
		? withJalonData(imported, rowsOfDocument(tasks, imported.document, jalonData), missionData, unreadable)
		: imported;
}
