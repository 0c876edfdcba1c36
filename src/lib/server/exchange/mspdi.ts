// MS Project XML (MSPDI): export of a mission that MS Project, ProjectLibre and GanttProject read
// as Jalon means it, and import of files saved by MS Project 2002 to 2019, ProjectLibre or
// GanttProject. Element order follows the MSPDI schema (mspdi_pj12.xsd), whose sequences are strict.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { countWorkingDays } from '$lib/domain/calendar';
import { resolveDateRule } from '$lib/domain/date-rules';
import { maxDate, type IsoDate } from '$lib/domain/dates';
import { trancheLifecycleLabels } from '$lib/domain/finance';
import { formatPercent } from '$lib/domain/money';
import { withoutForbiddenCharacters } from '$lib/domain/text';
import { DocumentImportError, type MissionDocument } from '$lib/mission-document';
import {
	asArray,
	cleanName,
	datePart,
	frenchHolidaysBetween,
	instantLead,
	milestoneDateOf,
	kindFromLabel,
	kindLabel,
	ruleFromText,
	ruleText,
	previousWeekday,
	text,
	toDocument,
	type ImportDefaults,
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
	rule: { id: 188743740, name: 'Text4', alias: 'Règle de date (Jalon)' }
} as const;

/** XML 1.0 text: no control characters, lone surrogates or U+FFFE/U+FFFF. */
const xmlText = (value: string, max = 512): string =>
	withoutForbiddenCharacters(value, 'single-line')
		.replace(/[\ufffe\uffff]/g, ' ')
		.slice(0, max);

const dayStart = (date: IsoDate) => `${date}T08:00:00`;
const dayEnd = (date: IsoDate) => `${date}T17:00:00`;
const hours = (workingDays: number) => `PT${workingDays * 8}H0M0S`;

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
				ConstraintType: 0,
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
							const at = doc.milestones.find((m) => m.ref === l.milestoneRef)?.timeOfDay ?? '08:00';
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
			ConstraintType: 0,
			Deadline: dayEnd(deadline),
			Notes: d.description ? withoutForbiddenCharacters(d.description, 'multi-line') : undefined,
			PredecessorLink: tieLink(d),
			ExtendedAttribute: [
				...attribute(MSPDI_FIELDS.tranches, tranchesOf('DELIVERABLE_VALIDATION', d.ref)),
				...attribute(MSPDI_FIELDS.deliverable, String(d.number)),
				...attribute(MSPDI_FIELDS.rule, ruleText(d.dueRule))
			]
		});
	}
	for (const m of doc.milestones) {
		const date = milestoneDateOf(doc, m);
		lastDate = maxDate(lastDate, date);
		const id = next++;
		uid.set(`${MILESTONE_KEY}${m.ref}`, id);
		const at = m.timeOfDay ? `${date}T${m.timeOfDay}:00` : dayStart(date);
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
			ConstraintType: 0,
			PredecessorLink: tieLink(m),
			ExtendedAttribute: [
				...attribute(MSPDI_FIELDS.milestoneKind, kindLabel(m.kind, m.isWeek)),
				...attribute(MSPDI_FIELDS.tranches, tranchesOf('MILESTONE', m.ref)),
				...attribute(MSPDI_FIELDS.rule, ruleText(m.dateRule))
			]
		});
	}
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

/** MS Project XML (MSPDI), as saved by MS Project 2002 to 2019, ProjectLibre or GanttProject. */
export function importMspdi(xml: string, defaults: ImportDefaults): ImportedProject {
	let root: Record<string, unknown> | undefined;
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

	const allRows = asArray((root.Tasks as Record<string, unknown> | undefined)?.Task) as Record<string, unknown>[];
	const summaryRow = allRows.find((t) => text(t.UID) === '0');
	const rows = allRows.filter((t) => text(t.UID) !== '0' && text(t.IsNull) !== '1');
	const byOutline = new Map<string, string>();
	const lastAtLevel: string[] = [];
	const tasks: PlainTask[] = [];
	const links: PlainLink[] = [];
	const report = { constraints: [] as string[], notes: 0, recurring: [] as string[], percentLags: 0 };
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
			jalonTimeOfDay:
				milestone && startTime && ![defaultStart, defaultFinish, '00:00'].includes(startTime) ? startTime : null,
			jalonDeliverable:
				milestone && deliverableNumber >= 1 && deliverableNumber <= 999 && deadline
					? { number: deliverableNumber, deadline, description: text(row.Notes) || null }
					: null
		});
		const constraint = CONSTRAINTS[text(row.ConstraintType)];
		if (constraint)
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
	return toDocument(title, projectStart, tasks, links, defaults, warnings);
}
