// What MS Project and GanttProject imports share: tasks and links read from a file become a
// mission document. Jalon keeps the file's dates; what it has no place for is listed, counted,
// in the import report (French warnings).
import { frenchPublicHolidays } from '$lib/domain/calendar';
import { addCalendarDays, isIsoDate, isWeekendDay, maxDate, minDate, type IsoDate } from '$lib/domain/dates';
import { resolveDateRule, type DateRule } from '$lib/domain/date-rules';
import { milestoneKindLabels, type MilestoneKind } from '$lib/domain/labels';
import { createsCycle, linkBound } from '$lib/domain/schedule';
import { withoutForbiddenCharacters } from '$lib/domain/text';
import {
	DocumentImportError,
	MISSION_DOCUMENT_FORMAT,
	MISSION_DOCUMENT_VERSION,
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

/** A relative rule as written in files: "OFFSET 3 WEEKS"; fixed dates are not written. */
export const ruleText = (rule: DateRule): string =>
	rule.kind === 'OFFSET' ? `OFFSET ${rule.amount} ${rule.unit}` : '';
export function ruleFromText(value: string): DateRule | null {
	const m = /^OFFSET (-?\d{1,4}) (DAYS|WEEKS|WORKING_DAYS)$/.exec(value.trim());
	return m ? { kind: 'OFFSET', amount: Number(m[1]), unit: m[2] as 'DAYS' | 'WEEKS' | 'WORKING_DAYS' } : null;
}
/** The file's rule when it still gives the file's date (the date was not moved elsewhere), else the date. */
function ruleOrDate(rule: DateRule | null | undefined, date: IsoDate, kickoff: IsoDate): DateRule {
	return rule && resolveDateRule(rule, kickoff) === date ? rule : { kind: 'FIXED_DATE', date };
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

/**
 * The file's links as Jalon can hold them. A link to or from a phase is carried by the phase's
 * tasks (for a successor phase starting after something, its first tasks; for a predecessor phase
 * finishing before something, its last tasks); a finish-to-start chain through a milestone joins
 * the tasks on both sides. Working-day lags Jalon cannot store become the calendar days giving the
 * same dates under the French calendar.
 */
function resolveLinks(tasks: PlainTask[], links: PlainLink[], warnings: string[]): ResolvedLink[] {
	const byKey = new Map(tasks.map((t) => [t.key, t]));
	const leafKeys = (key: string): string[] => {
		const children = tasks.filter((t) => t.parentKey === key);
		if (children.length === 0) {
			const task = byKey.get(key)!;
			return task.milestone ? [] : [key];
		}
		return children.flatMap((c) => leafKeys(c.key));
	};
	const counts = { unknown: 0, phase: 0, milestoneBridged: 0, milestoneDropped: 0, self: 0, cycle: 0, converted: 0 };
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
	// Phases: expand into their tasks. "Last" tasks are those no other task of the phase follows,
	// "first" tasks those no task of the phase precedes.
	const expanded: ResolvedLink[] = [];
	for (const edge of edges) {
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
	// Milestones: join what finishes before a milestone to what starts after it (lags add up).
	const isMilestone = (key: string) => byKey.get(key)!.milestone;
	const chains = (e: ResolvedLink) => e.type === 'FS';
	const direct = expanded.filter((e) => !isMilestone(e.from) && !isMilestone(e.to));
	const bridged: ResolvedLink[] = [];
	const walk = (milestone: string, origin: string, lag: Lag, seen: Set<string>) => {
		for (const e of expanded.filter((x) => x.from === milestone && chains(x) && x.lag.unit === lag.unit)) {
			if (seen.has(e.to)) continue;
			const sum: Lag = { days: lag.days + e.lag.days, unit: lag.unit };
			if (isMilestone(e.to)) walk(e.to, origin, sum, new Set([...seen, e.to]));
			else bridged.push({ from: origin, to: e.to, type: 'FS', lag: sum });
		}
	};
	for (const e of expanded) {
		if (!isMilestone(e.from) && isMilestone(e.to) && chains(e)) walk(e.to, e.from, e.lag, new Set([e.to]));
	}
	// A link touching a milestone is carried when the milestone has finish-to-start links on both sides.
	for (const e of edges) {
		for (const m of [e.from, e.to].filter(isMilestone)) {
			const before = expanded.some((x) => x.to === m && chains(x));
			const after = expanded.some((x) => x.from === m && chains(x));
			if (chains(e) && before && after) counts.milestoneBridged += 1;
			else counts.milestoneDropped += 1;
		}
	}
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
	if (counts.milestoneBridged)
		warnings.push(
			`${counts.milestoneBridged} ${plural(counts.milestoneBridged, 'lien', 'liens')} vers ou depuis un jalon ${plural(counts.milestoneBridged, 'remplacé', 'remplacés')} par des liens directs entre les tâches de part et d’autre du jalon.`
		);
	if (counts.milestoneDropped)
		warnings.push(
			`${counts.milestoneDropped} ${plural(counts.milestoneDropped, 'lien', 'liens')} d’un jalon sans tâche de l’autre côté non ${plural(counts.milestoneDropped, 'importé', 'importés')} : Jalon ne lie pas les jalons.`
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
	const violated = kept.filter((k) => !linkHolds(byKey.get(k.from)!, byKey.get(k.to)!, k.type, k.lag));
	if (violated.length) {
		const names = violated
			.slice(0, 5)
			.map((v) => `« ${cleanName(byKey.get(v.from)!.name, 80)} » → « ${cleanName(byKey.get(v.to)!.name, 80)} »`)
			.join(', ');
		warnings.push(
			`${violated.length} ${plural(violated.length, 'lien', 'liens')} non ${plural(violated.length, 'respecté', 'respectés')} par les dates du fichier (dates gardées telles quelles) : ${names}${violated.length > 5 ? '…' : ''}.`
		);
	}
	return kept;
}

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
	const kept = resolveLinks(tasks, links, warnings);
	const plain = tasks.filter((t) => !t.milestone);
	const deliverableRows = tasks.filter((t) => t.milestone && t.jalonDeliverable);
	const milestoneRows = tasks.filter((t) => t.milestone && !t.jalonDeliverable);
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
			status: 'TODO'
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
		dependencies: kept.map((k) => ({
			predecessorRef: ref(k.from),
			successorRef: ref(k.to),
			type: k.type,
			lagDays: Math.max(-365, Math.min(365, k.lag.days)),
			lagUnit: k.lag.unit
		})),
		deliverables,
		milestones: milestoneRows.map((t, i) => ({
			ref: `milestone-${i + 1}`,
			name: cleanName(t.name, 200) || 'Jalon',
			kind: t.jalonMilestoneKind ?? ('STEERING' as const),
			dateRule: ruleOrDate(t.jalonRule, t.start, kickoff),
			isWeek: t.jalonWeek ?? false,
			timeOfDay: t.jalonTimeOfDay ?? null
		})),
		tranches: [],
		contacts: [],
		costPlan: { profiles: [], lines: [] },
		funders: []
	};
	return { document, warnings };
}
