// What MS Project and GanttProject imports share: tasks and links read from a file become a
// mission document. Jalon keeps the file's dates; what it has no place for is listed, counted,
// in the import report (French warnings).
import { countWorkingDays, frenchPublicHolidays } from '$lib/domain/calendar';
import { anchoredDate } from '$lib/domain/deliverables';
import { addCalendarDays, isIsoDate, isWeekendDay, maxDate, minDate, type IsoDate } from '$lib/domain/dates';
import { resolveDateRule, type DateRule } from '$lib/domain/date-rules';
import { milestoneKindLabels, type MilestoneKind } from '$lib/domain/labels';
import { createsCycle, linkBound } from '$lib/domain/schedule';
import { withoutForbiddenCharacters } from '$lib/domain/text';
import { XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import {
	checkMissionDocument,
	DocumentImportError,
	MISSION_DOCUMENT_FORMAT,
	MISSION_DOCUMENT_VERSION,
	missionDocument,
	type MissionDocument
} from '$lib/mission-document';
import { LINK_TYPE_FR, storableLag, type Lag, type LinkType } from './links';

export interface ImportedProject {
	document: MissionDocument;
	warnings: string[];
}

export interface ImportDefaults {
	title?: string;
	clientOrganisation: string;
	budgetCapCents: number;
}

export interface PlainTask {
	key: string;
	name: string;
	start: IsoDate;
	/** Last day worked (inclusive); a milestone's day. */
	end: IsoDate;
	progress: number;
	summary: boolean;
	milestone: boolean;
	/**
	 * A milestone that is an instant before its day's end (GanttProject's, at the day's start; MS
	 * Project's before 17:00): a task it leads finish-to-start may start that same day, where
	 * Jalon's milestone takes its whole day.
	 */
	instant?: boolean;
	parentKey: string | null;
	/** Jalon's own data written in the file (extended attributes, custom columns). */
	jalonMilestoneKind?: MilestoneKind | null;
	jalonWeek?: boolean;
	/** A date rule relative to the kick-off (the milestone's date, or the deliverable's deadline). */
	jalonRule?: DateRule | null;
	jalonTimeOfDay?: string | null;
	jalonDeliverable?: { number: number; deadline: IsoDate; description: string | null } | null;
}

export interface PlainLink {
	from: string;
	to: string;
	type: LinkType;
	lag: Lag;
}

export const asArray = <T>(value: T | T[] | undefined): T[] =>
	value === undefined ? [] : Array.isArray(value) ? value : [value];
export const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value)).trim();
/** A name for Jalon: control characters and lone surrogates replaced, trimmed (incl. no-break spaces). */
export const cleanName = (value: unknown, max: number): string =>
	withoutForbiddenCharacters(text(value), 'single-line')
		.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '')
		.slice(0, max);
export const datePart = (value: unknown): IsoDate | null => {
	const d = text(value).slice(0, 10);
	return isIsoDate(d) ? d : null;
};
/** The day before, skipping back over Saturday and Sunday. */
export const previousWeekday = (date: IsoDate): IsoDate => {
	let day = addCalendarDays(date, -1);
	while (isWeekendDay(day)) day = addCalendarDays(day, -1);
	return day;
};
const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

/** A milestone kind as written in files ("Comité de pilotage", "… — semaine" for a week milestone). */
const WEEK_SUFFIX = ' — semaine';
export const kindLabel = (kind: MilestoneKind, isWeek: boolean) =>
	`${milestoneKindLabels[kind]}${isWeek ? WEEK_SUFFIX : ''}`;
export function kindFromLabel(label: string): { kind: MilestoneKind | null; isWeek: boolean } {
	const isWeek = label.endsWith(WEEK_SUFFIX);
	const name = isWeek ? label.slice(0, -WEEK_SUFFIX.length) : label;
	const kind =
		(Object.keys(milestoneKindLabels) as MilestoneKind[]).find((k) => milestoneKindLabels[k] === name) ?? null;
	return { kind, isWeek: kind !== null && isWeek };
}

/** A date rule as written in files: "OFFSET 3 WEEKS", "FIXED_DATE 2025-12-19". */
export const ruleText = (rule: DateRule): string =>
	rule.kind === 'OFFSET' ? `OFFSET ${rule.amount} ${rule.unit}` : `FIXED_DATE ${rule.date}`;
export function ruleFromText(value: string): DateRule | null {
	const m = /^OFFSET (-?\d{1,4}) (DAYS|WEEKS|WORKING_DAYS)$/.exec(value.trim());
	if (m) return { kind: 'OFFSET', amount: Number(m[1]), unit: m[2] as 'DAYS' | 'WEEKS' | 'WORKING_DAYS' };
	// A contractual date (written since milestones can be tied to a task, whose end gives the date).
	const fixed = /^FIXED_DATE (\d{4}-\d{2}-\d{2})$/.exec(value.trim());
	return fixed && isIsoDate(fixed[1]!) ? { kind: 'FIXED_DATE', date: fixed[1]! } : null;
}
/** The file's rule when it still gives the file's date (the date was not moved elsewhere), else the date. */
function ruleOrDate(rule: DateRule | null | undefined, date: IsoDate, kickoff: IsoDate): DateRule {
	return rule && resolveDateRule(rule, kickoff) === date ? rule : { kind: 'FIXED_DATE', date };
}

/** A milestone's date in a file: the tied task's end plus the lag when tied, else its rule's date. */
export function milestoneDateOf(doc: MissionDocument, milestone: MissionDocument['milestones'][number]): IsoDate {
	const task = milestone.anchorRef ? doc.tasks.find((t) => t.ref === milestone.anchorRef) : undefined;
	return task
		? anchoredDate(task.endDate, milestone.anchorLagDays ?? 0)
		: resolveDateRule(milestone.dateRule, doc.mission.kickoffDate);
}

/** Years' French holidays, for files that write the calendar. */
export function frenchHolidaysBetween(from: IsoDate, to: IsoDate): { date: IsoDate; name: string }[] {
	const out: { date: IsoDate; name: string }[] = [];
	for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
		for (const [date, name] of frenchPublicHolidays(year)) if (date >= from && date <= to) out.push({ date, name });
	}
	return out.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * What Jalon's links hold today: finish-to-start, lags in calendar (elapsed) days. When the plan
 * editor's model arrives (FS / SS / FF / SF, working or elapsed days), widen this and map `type`
 * and `lag.unit` in toDocument: the rest already handles every type and unit.
 */
export const JALON_LINKS: { types: readonly LinkType[]; workingDayLags: boolean } = {
	types: ['FS', 'SS', 'FF', 'SF'],
	workingDayLags: true
};

interface ResolvedLink {
	from: string;
	to: string;
	type: LinkType;
	lag: Lag;
}

/** Does the file's pair of dates satisfy the link, by the rule Jalon schedules with? */
function linkHolds(pred: PlainTask, succ: PlainTask, type: LinkType, lag: Lag): boolean {
	const bound = linkBound(
		{ type, lagDays: lag.days, lagUnit: lag.unit },
		{ id: pred.key, name: pred.name, start: pred.start, end: pred.end }
	);
	return (bound.on === 'start' ? succ.start : succ.end) >= bound.date;
}

/** A deliverable or milestone tied to the task it follows: its date is that task's end plus working days. */
interface ResolvedAnchor {
	task: string;
	lagDays: number;
}

interface ResolvedLinks {
	/** Links between tasks. */
	links: ResolvedLink[];
	/** Milestone or deliverable key → the task it is tied to. */
	anchors: Map<string, ResolvedAnchor>;
	/** Milestones leading tasks. */
	leads: ResolvedLink[];
}

/** The working days from a task's last day to a date, when tying to the task gives exactly that date. */
function anchorLag(taskEnd: IsoDate, date: IsoDate): number | null {
	const lag =
		date > taskEnd
			? countWorkingDays(addCalendarDays(taskEnd, 1), date)
			: -countWorkingDays(date, addCalendarDays(taskEnd, -1));
	return Math.abs(lag) <= 365 && anchoredDate(taskEnd, lag) === date ? lag : null;
}

/**
 * A finish-to-start link from an instant milestone, as Jalon's milestone (a whole day) holds it:
 * a lag of n days becomes FS n − 1, and no lag (the task starting the milestone's day) start-to-start.
 * `instantLead` is the way back.
 */
function sameDayLead(link: ResolvedLink): ResolvedLink {
	return link.lag.days >= 1 ? { ...link, lag: { ...link.lag, days: link.lag.days - 1 } } : { ...link, type: 'SS' };
}

/** A milestone's finish-to-start lag for a file whose milestones are instants (see sameDayLead). */
export function instantLead(type: LinkType, lagDays: number): { type: LinkType; lagDays: number } {
	return type === 'FS' ? { type, lagDays: lagDays + 1 } : { type, lagDays };
}

/**
 * The file's links as Jalon can hold them. A link to or from a phase is carried by the phase's
 * tasks (for a successor phase starting after something, its first tasks; for a predecessor phase
 * finishing before something, its last tasks). A milestone or deliverable that follows a task's
 * finish is tied to that task (the latest one when several), with the working days the file's
 * dates give; a milestone leading tasks keeps its links; a finish-to-start chain through a
 * deliverable (which cannot lead a task in Jalon) joins the tasks on both sides.
 */
function resolveLinks(tasks: PlainTask[], links: PlainLink[], warnings: string[]): ResolvedLinks {
	const byKey = new Map(tasks.map((t) => [t.key, t]));
	const leafKeys = (key: string): string[] => {
		const children = tasks.filter((t) => t.parentKey === key);
		if (children.length === 0) {
			const task = byKey.get(key)!;
			return task.milestone ? [] : [key];
		}
		return children.flatMap((c) => leafKeys(c.key));
	};
	const counts = {
		unknown: 0,
		phase: 0,
		deliverableBridged: 0,
		milestoneDropped: 0,
		anchorsExtra: 0,
		self: 0,
		cycle: 0,
		converted: 0
	};
	const otherTypes = new Map<LinkType, number>();
	const edges: ResolvedLink[] = [];
	for (const link of links) {
		const from = byKey.get(link.from);
		const to = byKey.get(link.to);
		if (!from || !to) {
			counts.unknown += 1;
			continue;
		}
		if (!JALON_LINKS.types.includes(link.type)) {
			otherTypes.set(link.type, (otherTypes.get(link.type) ?? 0) + 1);
			continue;
		}
		let lag = link.lag;
		if (lag.unit === 'WORKING_DAYS' && !JALON_LINKS.workingDayLags) {
			const { lagDays, converted } = storableLag(from.end, lag);
			if (converted) counts.converted += 1;
			lag = { days: lagDays, unit: 'ELAPSED_DAYS' };
		}
		edges.push({ from: from.key, to: to.key, type: link.type, lag });
	}
	const isMilestone = (key: string) => byKey.get(key)!.milestone;
	const isDeliverable = (key: string) => !!byKey.get(key)!.jalonDeliverable;
	const endsAt = (e: ResolvedLink) => e.type === 'FS' || e.type === 'FF';

	// Ties: a milestone or deliverable after a task's (or a phase's) finish.
	const anchors = new Map<string, ResolvedAnchor>();
	const tying = edges.filter((e) => isMilestone(e.to) && !isMilestone(e.from) && endsAt(e));
	for (const key of new Set(tying.map((e) => e.to))) {
		const candidates = tying
			.filter((e) => e.to === key)
			// The task finishing last; a task before a phase ending the same day (its tasks move it).
			.sort(
				(a, b) =>
					byKey.get(b.from)!.end.localeCompare(byKey.get(a.from)!.end) ||
					Number(byKey.get(a.from)!.summary) - Number(byKey.get(b.from)!.summary)
			);
		const task = byKey.get(candidates[0]!.from)!;
		const lagDays = anchorLag(task.end, byKey.get(key)!.start);
		if (lagDays === null) counts.milestoneDropped += candidates.length;
		else {
			anchors.set(key, { task: task.key, lagDays });
			counts.anchorsExtra += candidates.length - 1;
		}
	}

	// Phases: expand into their tasks. "Last" tasks are those no other task of the phase follows,
	// "first" tasks those no task of the phase precedes.
	const expanded: ResolvedLink[] = [];
	for (const edge of edges) {
		if (tying.includes(edge)) continue;
		const from = byKey.get(edge.from)!;
		const to = byKey.get(edge.to)!;
		const side = (item: PlainTask, last: boolean) => {
			if (!item.summary) return [item.key];
			const inner = new Set(leafKeys(item.key));
			return [...inner].filter(
				(k) => !edges.some((e) => inner.has(e.from) && inner.has(e.to) && (last ? e.from === k : e.to === k))
			);
		};
		const froms = side(from, edge.type[0] === 'F');
		const tos = side(to, edge.type[1] === 'F');
		if (from.summary || to.summary) counts.phase += 1;
		for (const f of froms) for (const t of tos) expanded.push({ ...edge, from: f, to: t });
	}
	const direct = expanded.filter((e) => !isMilestone(e.from) && !isMilestone(e.to));
	// Milestones lead tasks with their links as they are.
	const leads = expanded
		.filter((e) => isMilestone(e.from) && !isDeliverable(e.from) && !isMilestone(e.to))
		.map((e) => (byKey.get(e.from)!.instant && e.type === 'FS' ? sameDayLead(e) : e));
	// A deliverable cannot lead a task: what finishes before it is joined to what starts after it.
	const bridged: ResolvedLink[] = [];
	for (const e of expanded.filter((x) => isDeliverable(x.from) && !isMilestone(x.to))) {
		const before = tying.filter((x) => x.to === e.from && x.type === 'FS' && x.lag.unit === e.lag.unit);
		if (e.type !== 'FS' || before.length === 0) counts.milestoneDropped += 1;
		else {
			counts.deliverableBridged += 1;
			for (const b of before)
				bridged.push({ from: b.from, to: e.to, type: 'FS', lag: { ...e.lag, days: b.lag.days + e.lag.days } });
		}
	}
	// Links between two milestones, or starting a milestone with a task's start, have no place.
	counts.milestoneDropped += expanded.filter(
		(e) => (isMilestone(e.from) && isMilestone(e.to)) || (isMilestone(e.to) && !isMilestone(e.from))
	).length;

	// One link per pair and type (the strongest lag), no self-links, no cycles.
	const kept: ResolvedLink[] = [];
	const madeUp = new Set(bridged);
	for (const e of [...direct, ...bridged]) {
		// A self-link or a loop the file itself holds is refused by the import gate, as a live edit
		// would be (all or nothing); only links made up while bridging milestones are dropped.
		if (e.from === e.to && madeUp.has(e)) {
			counts.self += 1;
			continue;
		}
		const same = kept.find((k) => k.from === e.from && k.to === e.to);
		if (same) {
			if (same.type === e.type && same.lag.unit === e.lag.unit && e.lag.days > same.lag.days) same.lag = e.lag;
			continue;
		}
		const asSchedule = kept.map((k) => ({ predecessorId: k.from, successorId: k.to }));
		if (madeUp.has(e) && createsCycle(asSchedule, { predecessorId: e.from, successorId: e.to })) {
			counts.cycle += 1;
			continue;
		}
		kept.push({ ...e });
	}

	for (const [type, n] of otherTypes)
		warnings.push(
			`${n} ${plural(n, 'lien', 'liens')} ${LINK_TYPE_FR[type]} (${type}) non ${plural(n, 'importé', 'importés')} : Jalon ne gère encore que les liens fin → début (FD).`
		);
	if (counts.phase)
		warnings.push(
			`${counts.phase} ${plural(counts.phase, 'lien', 'liens')} vers ou depuis une phase ${plural(counts.phase, 'reporté', 'reportés')} sur les tâches de la phase : Jalon lie des tâches, pas des phases.`
		);
	if (counts.deliverableBridged)
		warnings.push(
			`${counts.deliverableBridged} ${plural(counts.deliverableBridged, 'lien', 'liens')} depuis un livrable ${plural(counts.deliverableBridged, 'remplacé', 'remplacés')} par des liens directs entre les tâches de part et d’autre : dans Jalon, un livrable suit une tâche mais n’en précède pas.`
		);
	if (counts.anchorsExtra)
		warnings.push(
			`${counts.anchorsExtra} ${plural(counts.anchorsExtra, 'lien', 'liens')} vers un jalon ou un livrable déjà rattaché à une tâche qui finit plus tard non ${plural(counts.anchorsExtra, 'importé', 'importés')} : dans Jalon, un jalon suit une seule tâche.`
		);
	if (counts.milestoneDropped)
		warnings.push(
			`${counts.milestoneDropped} ${plural(counts.milestoneDropped, 'lien', 'liens')} touchant un jalon non ${plural(counts.milestoneDropped, 'importé', 'importés')} : Jalon rattache un jalon à la fin d’une tâche et le fait précéder des tâches, mais ne lie pas deux jalons entre eux ni le début d’un jalon.`
		);
	if (counts.converted)
		warnings.push(
			`${counts.converted} ${plural(counts.converted, 'décalage', 'décalages')} en jours ouvrés ${plural(counts.converted, 'converti', 'convertis')} en jours calendaires donnant les mêmes dates (calendrier français).`
		);
	if (counts.cycle)
		warnings.push(
			`${counts.cycle} ${plural(counts.cycle, 'lien', 'liens')} en boucle non ${plural(counts.cycle, 'importé', 'importés')}.`
		);
	if (counts.unknown)
		warnings.push(
			`${counts.unknown} ${plural(counts.unknown, 'lien', 'liens')} vers une tâche absente du fichier ignoré(s).`
		);
	// The file's dates are kept: say which links they break.
	const violated = [...kept, ...leads].filter((k) => !linkHolds(byKey.get(k.from)!, byKey.get(k.to)!, k.type, k.lag));
	if (violated.length) {
		const names = violated
			.slice(0, 5)
			.map((v) => `« ${cleanName(byKey.get(v.from)!.name, 80)} » → « ${cleanName(byKey.get(v.to)!.name, 80)} »`)
			.join(', ');
		warnings.push(
			`${violated.length} ${plural(violated.length, 'lien', 'liens')} non ${plural(violated.length, 'respecté', 'respectés')} par les dates du fichier (dates gardées telles quelles) : ${names}${violated.length > 5 ? '…' : ''}.`
		);
	}
	return { links: kept, anchors, leads };
}

/** A link's type and lag as a document holds them (leads and lags within a year). */
const linkFields = (link: ResolvedLink) => ({
	type: link.type,
	lagDays: Math.max(-365, Math.min(365, link.lag.days)),
	lagUnit: link.lag.unit
});

/** Builds a mission document from tasks and links read from a file. */
export function toDocument(
	projectName: string,
	projectStart: IsoDate | null,
	tasks: PlainTask[],
	links: PlainLink[],
	defaults: ImportDefaults,
	warnings: string[]
): ImportedProject {
	if (tasks.length === 0) throw new DocumentImportError('Le fichier ne contient aucune tâche.');
	const byKey = new Map(tasks.map((t) => [t.key, t]));
	// Without a project start in the file, the work starts the mission: milestones before it (a
	// call for tenders, a bid deadline) do not.
	const work = tasks.some((t) => !t.milestone) ? tasks.filter((t) => !t.milestone) : tasks;
	const kickoff = projectStart ?? work.reduce((min, t) => minDate(min, t.start), work[0]!.start);
	const ref = (key: string) => `task-${key}`;
	const { links: kept, anchors, leads } = resolveLinks(tasks, links, warnings);
	const tie = (key: string) => {
		const anchor = anchors.get(key);
		return anchor ? { anchorRef: ref(anchor.task), anchorLagDays: anchor.lagDays } : {};
	};
	const plain = tasks.filter((t) => !t.milestone);
	const deliverableRows = tasks.filter((t) => t.milestone && t.jalonDeliverable);
	const milestoneRows = tasks.filter((t) => t.milestone && !t.jalonDeliverable);
	const milestoneNumbers = new Map(milestoneRows.map((t, i) => [t.key, i + 1]));
	const milestoneRef = (key: string) => `milestone-${milestoneNumbers.get(key)}`;
	const numbers = new Set<number>();
	const deliverables: MissionDocument['deliverables'] = [];
	for (const t of deliverableRows) {
		let number = t.jalonDeliverable!.number;
		while (numbers.has(number)) number += 1;
		numbers.add(number);
		const dueRule = ruleOrDate(t.jalonRule, t.jalonDeliverable!.deadline, kickoff);
		deliverables.push({
			ref: `deliverable-${number}`,
			number,
			title: t.name.replace(/^Livrable \d+ — /, '') || `Livrable ${number}`,
			description: t.jalonDeliverable!.description
				? withoutForbiddenCharacters(t.jalonDeliverable!.description, 'multi-line').slice(0, 5000)
				: null,
			expectedFormat: null,
			dueRule,
			plannedDate: t.start,
			status: 'TODO',
			...tie(t.key)
		});
	}
	const plannedEnd = [...plain.map((t) => t.end), ...tasks.filter((t) => t.milestone).map((t) => t.start)].reduce(
		(max, d) => maxDate(max, d),
		kickoff
	);
	const document: MissionDocument = {
		format: MISSION_DOCUMENT_FORMAT,
		version: MISSION_DOCUMENT_VERSION,
		mission: {
			title: cleanName(defaults.title || projectName || 'Projet importé', 300) || 'Projet importé',
			clientOrganisation: defaults.clientOrganisation,
			reference: null,
			kickoffDate: kickoff,
			plannedEndDate: plannedEnd,
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
				name: cleanName(t.name, 200) || 'Sans nom',
				startDate: t.start,
				endDate: t.end < t.start ? t.start : t.end,
				progress: Math.max(0, Math.min(100, Math.round(t.progress)))
			};
		}),
		// Every link type, its lag in the unit the file gave (working or elapsed days).
		dependencies: kept.map((k) => ({ predecessorRef: ref(k.from), successorRef: ref(k.to), ...linkFields(k) })),
		deliverables,
		milestones: milestoneRows.map((t) => ({
			ref: milestoneRef(t.key),
			name: cleanName(t.name, 200) || 'Jalon',
			kind: t.jalonMilestoneKind ?? ('STEERING' as const),
			// Tied, its date comes from the task: the contractual rule Jalon wrote stays as it was.
			dateRule: anchors.has(t.key) && t.jalonRule ? t.jalonRule : ruleOrDate(t.jalonRule, t.start, kickoff),
			isWeek: t.jalonWeek ?? false,
			timeOfDay: t.jalonTimeOfDay ?? null,
			...tie(t.key)
		})),
		milestoneLinks: leads.map((l) => ({
			milestoneRef: milestoneRef(l.from),
			successorRef: ref(l.to),
			...linkFields(l)
		})),
		tranches: [],
		contacts: [],
		costPlan: { profiles: [], lines: [] },
		funders: []
	};
	return { document, warnings };
}

// Jalon's own data that MS Project and GanttProject have no place for (a deliverable's follow-up,
// the tranches, what the file leaves out), written by Jalon in its own fields as JSON and read
// back only when it passes the backup format's own rules.
const deliverableRules = missionDocument.shape.deliverables.element;
const trackingRules = deliverableRules.pick({
	status: true,
	validatedOn: true,
	validatedByName: true,
	expectedFormat: true,
	submissions: true
});
const trancheRules = missionDocument.shape.tranches.element
	.omit({ triggerKind: true, triggerRef: true })
	.extend({ position: z.number().int().min(0).max(100) });
export type JalonTracking = z.infer<typeof trackingRules>;
export type JalonTranche = z.infer<typeof trancheRules>;
type Doc = MissionDocument;

/** A deliverable's follow-up: status, validation, hand-ins and their decisions, expected format. */
export const trackingText = (d: Doc['deliverables'][number]): string =>
	JSON.stringify({
		status: d.status,
		validatedOn: d.validatedOn ?? null,
		validatedByName: d.validatedByName ?? null,
		expectedFormat: d.expectedFormat,
		submissions: d.submissions ?? []
	});

/** The tranches triggered by one deliverable or milestone (null: those with no trigger), in order. */
export function tranchesText(
	doc: Doc,
	kind: Doc['tranches'][number]['triggerKind'] | null,
	ref: string | null
): string {
	const mine = doc.tranches
		.map((t, position) => ({ t, position }))
		.filter(({ t }) => (kind === null ? t.triggerRef === null : t.triggerKind === kind && t.triggerRef === ref))
		.map(({ t, position }) => {
			const { triggerKind: _kind, triggerRef: _ref, ...rest } = t;
			void _kind;
			void _ref;
			return { ...rest, position, ...(kind === null ? { trigger: t.triggerKind } : {}) };
		});
	return mine.length ? JSON.stringify(mine) : '';
}

/** French names of what a file from Jalon leaves out, by the backup format's keys. */
const LEFT_OUT: Record<string, string> = {
	contacts: 'contact(s)',
	funders: 'cofinanceur(s)',
	timeEntries: 'saisie(s) de temps',
	expenses: 'dépense(s)',
	overCapApprovals: 'accord(s) de dépassement du plafond',
	profiles: 'profil(s) du plan de charge',
	lines: 'ligne(s) du plan de charge'
};
const CARRIED = new Set(['tasks', 'dependencies', 'milestoneLinks', 'deliverables', 'milestones', 'tranches']);
const MISSION_CARRIED = new Set(['title', 'kickoffDate', 'plannedEndDate', 'clientOrganisation', 'budgetCapCents']);

/**
 * What the mission holds beside its plan, written once in the file: the tranches with no trigger,
 * and a count of everything the file does not carry (contacts, cost plan, …, the mission's own
 * settings), so that the import report can list it.
 */
export function missionDataText(doc: Doc): string {
	const leftOut: Record<string, number> = {};
	const count = (key: string, value: unknown) => {
		if (Array.isArray(value) && value.length) leftOut[key] = value.length;
	};
	for (const [key, value] of Object.entries(doc)) {
		if (CARRIED.has(key)) continue;
		if (value && typeof value === 'object' && !Array.isArray(value) && key !== 'mission')
			for (const [inner, v] of Object.entries(value)) count(inner, v);
		else count(key, value);
	}
	// The mission's own settings, to tell which differ from what an import sets.
	const settings = Object.fromEntries(Object.entries(doc.mission).filter(([key]) => !MISSION_CARRIED.has(key)));
	const untriggered = tranchesText(doc, null, null);
	return JSON.stringify({
		leftOut,
		settings,
		trancheCount: doc.tranches.length,
		tranches: untriggered ? JSON.parse(untriggered) : []
	});
}

/** JSON from a file's Jalon field, or undefined when absent or unreadable (counted in `unreadable`). */
function parsed(value: string, unreadable: { count: number }): unknown {
	if (!value) return undefined;
	try {
		return JSON.parse(value);
	} catch {
		unreadable.count += 1;
		return undefined;
	}
}

export function readTracking(value: string, unreadable: { count: number }): JalonTracking | null {
	const raw = parsed(value, unreadable);
	if (raw === undefined) return null;
	const checked = trackingRules.safeParse(raw);
	if (!checked.success) unreadable.count += 1;
	return checked.success ? checked.data : null;
}

export function readTranches(
	value: string,
	unreadable: { count: number }
): (JalonTranche & { trigger?: Doc['tranches'][number]['triggerKind'] })[] {
	const raw = parsed(value, unreadable);
	if (!Array.isArray(raw)) return [];
	const out: (JalonTranche & { trigger?: Doc['tranches'][number]['triggerKind'] })[] = [];
	for (const item of raw.slice(0, 20)) {
		const checked = trancheRules.safeParse(item);
		const trigger = (item as { trigger?: unknown })?.trigger;
		if (checked.success)
			out.push({
				...checked.data,
				...(trigger === 'MILESTONE' || trigger === 'DELIVERABLE_VALIDATION' ? { trigger } : {})
			});
		else unreadable.count += 1;
	}
	return out;
}

export interface JalonMissionData {
	/** How many tranches the mission had: those missing from the file are said. */
	trancheCount: number;
	leftOut: Record<string, number>;
	settings: Record<string, unknown>;
	tranches: ReturnType<typeof readTranches>;
}

export function readMissionData(value: string, unreadable: { count: number }): JalonMissionData | null {
	const raw = parsed(value, unreadable) as Partial<JalonMissionData> | undefined;
	if (!raw || typeof raw !== 'object') return null;
	const leftOut: Record<string, number> = {};
	for (const [key, n] of Object.entries(raw.leftOut ?? {}))
		if (/^[a-zA-Z]{1,40}$/.test(key) && Number.isInteger(n) && (n as number) > 0) leftOut[key] = n as number;
	const settings: Record<string, unknown> = {};
	if (raw.settings && typeof raw.settings === 'object' && !Array.isArray(raw.settings))
		for (const [key, value] of Object.entries(raw.settings).slice(0, 40))
			if (/^[a-zA-Z]{1,40}$/.test(key)) settings[key] = value;
	const trancheCount = Number.isInteger(raw.trancheCount) ? Math.max(0, Math.min(20, raw.trancheCount!)) : 0;
	return { leftOut, settings, trancheCount, tranches: readTranches(JSON.stringify(raw.tranches ?? []), unreadable) };
}

/** French names of the mission's settings a file leaves out. */
const SETTINGS: Record<string, string> = {
	reference: 'référence',
	capBasis: 'base du plafond (HT/TTC)',
	vatRateBp: 'taux de TVA',
	status: 'statut',
	contractAmountHtCents: 'montant du marché',
	paymentDelayDays: 'délai de paiement'
};

/**
 * Puts Jalon's own data read from the file into the document (deliverables' follow-up, tranches)
 * and says in the report what the file left out. Tranches that no longer add up (a deliverable
 * removed in another tool) are left out as a whole, and said.
 */
export function withJalonData(
	imported: ImportedProject,
	rows: {
		deliverableRef: string | null;
		milestoneRef: string | null;
		tracking: JalonTracking | null;
		tranches: ReturnType<typeof readTranches>;
	}[],
	mission: JalonMissionData | null,
	unreadable: { count: number }
): ImportedProject {
	const { document, warnings } = imported;
	const tracked = new Map(
		rows.filter((r) => r.deliverableRef && r.tracking).map((r) => [r.deliverableRef!, r.tracking!])
	);
	const deliverables = document.deliverables.map((d) => ({ ...d, ...(tracked.get(d.ref) ?? {}) }));
	const positioned: { position: number; tranche: Doc['tranches'][number] }[] = [];
	for (const row of rows) {
		for (const { position, trigger: _trigger, ...t } of row.tranches) {
			void _trigger;
			if (row.deliverableRef)
				positioned.push({
					position,
					tranche: { ...t, triggerKind: 'DELIVERABLE_VALIDATION', triggerRef: row.deliverableRef }
				});
			else if (row.milestoneRef)
				positioned.push({ position, tranche: { ...t, triggerKind: 'MILESTONE', triggerRef: row.milestoneRef } });
		}
	}
	for (const { position, trigger, ...t } of mission?.tranches ?? [])
		positioned.push({ position, tranche: { ...t, triggerKind: trigger ?? 'MILESTONE', triggerRef: null } });
	const tranches = positioned.sort((a, b) => a.position - b.position).map((p) => p.tranche);
	let next: Doc = { ...document, deliverables, tranches };
	const expected = Math.max(mission?.trancheCount ?? 0, tranches.length);
	let whole = tranches.length === expected;
	if (whole && tranches.length) {
		try {
			checkMissionDocument(next);
		} catch {
			whole = false;
		}
	}
	if (!whole) {
		next = { ...next, tranches: [] };
		warnings.push(
			`${expected} tranche(s) de paiement non reprise(s) : elles ne forment plus un échéancier valide (un jalon ou un livrable qui en déclenchait une a été retiré ou changé).`
		);
	}
	if (unreadable.count)
		warnings.push(
			`${unreadable.count} donnée(s) de Jalon illisible(s) dans le fichier (suivi de livrable, tranche) non reprise(s).`
		);
	if (mission) {
		const parts = Object.entries(mission.leftOut).map(([key, n]) => `${n} ${LEFT_OUT[key] ?? `élément(s) « ${key} »`}`);
		const own = next.mission as Record<string, unknown>;
		const settings = Object.entries(mission.settings)
			.filter(([key, value]) => JSON.stringify(value ?? null) !== JSON.stringify(own[key] ?? null))
			.map(([key]) => SETTINGS[key] ?? null);
		const others = settings.filter((label) => label === null).length;
		const named = settings.filter((label): label is string => label !== null);
		if (others) named.push(`${others} autre(s)`);
		if (named.length) parts.push(`réglages de la mission (${named.join(', ')})`);
		if (parts.length)
			warnings.push(
				`Non repris, ce format ne les contient pas (la sauvegarde JSON de la mission les garde) : ${parts.join(', ')}.`
			);
	}
	return { document: next, warnings };
}

/** Jalon's data read from one row of a file, by the row's key. */
export interface JalonRowData {
	tracking: JalonTracking | null;
	tranches: ReturnType<typeof readTranches>;
}

/**
 * The deliverables and milestones of a document made by toDocument, with the data read from their
 * rows: toDocument keeps the rows' order (deliverables, then milestones).
 */
export function rowsOfDocument(
	tasks: PlainTask[],
	document: MissionDocument,
	data: Map<string, JalonRowData>
): Parameters<typeof withJalonData>[1] {
	const deliverableRows = tasks.filter((t) => t.milestone && t.jalonDeliverable);
	const milestoneRows = tasks.filter((t) => t.milestone && !t.jalonDeliverable);
	return [
		...deliverableRows.map((t, i) => ({
			deliverableRef: document.deliverables[i]!.ref,
			milestoneRef: null,
			tracking: data.get(t.key)?.tracking ?? null,
			tranches: data.get(t.key)?.tranches ?? []
		})),
		...milestoneRows.map((t, i) => ({
			deliverableRef: null,
			milestoneRef: document.milestones[i]!.ref,
			tracking: null,
			tranches: data.get(t.key)?.tranches ?? []
		}))
	];
}

/**
 * A file that ends before its closing root tag (cut while saved or sent) or is not well-formed
 * XML is refused: a lenient parser would otherwise import the first half of the plan silently.
 */
export function checkWholeXml(xml: string, root: 'Project' | 'project', kind: string): void {
	const body = xml.trimEnd();
	if (!new RegExp(`</${root}>$`).test(body) && !new RegExp(`<${root}(\\s[^>]*)?/>$`).test(body))
		throw new DocumentImportError(
			`Fichier ${kind} incomplet : il s’arrête avant la fin du projet (balise </${root}> absente), sans doute coupé pendant l’enregistrement ou l’envoi. Rien n’a été importé : enregistrez-le de nouveau.`
		);
	const result = XMLValidator.validate(body);
	if (result !== true)
		throw new DocumentImportError(
			`Fichier ${kind} illisible : XML mal formé (ligne ${result.err.line}). Rien n’a été importé.`
		);
}
