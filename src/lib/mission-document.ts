// The mission backup format (docs/export-format.md): one JSON document holding a whole mission,
// with references between its parts instead of database ids, so export → import → export gives
// the same document except for the export timestamp. Also the shape of mission templates.
import { z } from 'zod';
import { addWorkingDays, countWorkingDays, isWorkingDay, nextWorkingDayFrom } from './domain/calendar';
import { addCalendarDays, daysBetween } from './domain/dates';
import { dateRule, isoDate } from './schemas';

export const MISSION_DOCUMENT_FORMAT = 'jalon.mission';
export const MISSION_DOCUMENT_VERSION = 1;

const ref = z.string().min(1).max(40);
const text = (max: number) => z.string().max(max);
const cents = z.number().int().min(0).max(100_000_000_00);
/** Tied to a task: planned on its end plus a lag in working days (optional: added later). */
const anchorShape = {
	anchorRef: ref.nullable().optional(),
	anchorLagDays: z.number().int().min(-365).max(365).optional()
};

export const missionDocument = z.object({
	format: z.literal(MISSION_DOCUMENT_FORMAT, { error: 'Ce fichier n’est pas une sauvegarde de mission Jalon.' }),
	version: z.literal(MISSION_DOCUMENT_VERSION, {
		error: 'Version de sauvegarde non prise en charge (version 1 attendue).'
	}),
	exportedAt: z.string().max(40).optional(),
	mission: z.object({
		title: text(300).min(1),
		clientOrganisation: text(200).min(1),
		reference: text(100).nullable(),
		kickoffDate: isoDate('Démarrage'),
		plannedEndDate: isoDate('Fin prévue').nullable(),
		budgetCapCents: cents.min(1),
		capBasis: z.enum(['HT', 'TTC']),
		vatRateBp: z.number().int().min(0).max(10_000),
		status: z.enum(['DRAFT', 'ACTIVE', 'COMPLETED', 'CANCELLED']),
		contractAmountHtCents: cents.nullable(),
		paymentDelayDays: z.number().int().min(0).max(120)
	}),
	tasks: z
		.array(
			z.object({
				ref,
				parentRef: ref.nullable(),
				kind: z.enum(['PHASE', 'TASK']),
				name: text(200).min(1),
				startDate: isoDate('Début'),
				endDate: isoDate('Fin'),
				progress: z.number().int().min(0).max(100)
			})
		)
		.max(5000),
	dependencies: z
		.array(
			z.object({
				predecessorRef: ref,
				successorRef: ref,
				type: z.enum(['FS', 'SS', 'FF', 'SF']),
				lagDays: z.number().int().min(-365).max(365),
				// Absent in documents written before working-day lags: their lags are calendar days.
				lagUnit: z.enum(['WORKING_DAYS', 'ELAPSED_DAYS']).optional()
			})
		)
		.max(20_000),
	/** Milestones leading tasks (optional: added after version 1 first shipped). */
	milestoneLinks: z
		.array(
			z.object({
				milestoneRef: ref,
				successorRef: ref,
				type: z.enum(['FS', 'SS', 'FF', 'SF']),
				lagDays: z.number().int().min(-365).max(365),
				lagUnit: z.enum(['WORKING_DAYS', 'ELAPSED_DAYS'])
			})
		)
		.max(20_000)
		.optional(),
	deliverables: z
		.array(
			z.object({
				ref,
				number: z.number().int().min(1).max(999),
				title: text(500).min(1),
				description: text(5000).nullable(),
				expectedFormat: text(500).nullable(),
				dueRule: dateRule,
				plannedDate: isoDate('Date prévue'),
				status: z.enum(['TODO', 'IN_PROGRESS', 'SUBMITTED', 'VALIDATED', 'REWORK']),
				...anchorShape
			})
		)
		.max(500),
	milestones: z
		.array(
			z.object({
				ref,
				name: text(200).min(1),
				kind: z.enum(['CONTRACT', 'DELIVERY', 'PAYMENT', 'STEERING', 'SELECTION']),
				dateRule,
				isWeek: z.boolean(),
				timeOfDay: z
					.string()
					.regex(/^\d{2}:\d{2}$/)
					.nullable(),
				...anchorShape
			})
		)
		.max(1000),
	tranches: z
		.array(
			z.object({
				label: text(200).min(1),
				percentBp: z.number().int().min(1).max(10_000),
				triggerKind: z.enum(['MILESTONE', 'DELIVERABLE_VALIDATION']),
				triggerRef: ref.nullable(),
				status: z.enum(['PLANNED', 'DUE', 'INVOICED', 'PAID']),
				invoiceNumber: text(60).nullable(),
				invoiceDate: isoDate('Date de facture').nullable(),
				payments: z.array(z.object({ paidOn: isoDate('Date de paiement'), amountCents: cents.min(1) })).max(100)
			})
		)
		.max(20),
	contacts: z
		.array(
			z.object({
				name: text(200).min(1),
				organisation: text(200),
				jobTitle: text(200).nullable(),
				role: z.enum(['SUPERVISION', 'COORDINATION', 'FINANCE']),
				email: text(200).nullable()
			})
		)
		.max(200),
	costPlan: z.object({
		profiles: z.array(z.object({ ref, name: text(100).min(1), dayRateHtCents: cents.min(1) })).max(50),
		lines: z
			.array(
				z.object({
					phaseRef: ref.nullable(),
					profileRef: ref.nullable(),
					label: text(200).min(1),
					dayHundredths: z.number().int().min(0).max(100_000),
					fixedAmountHtCents: cents
				})
			)
			.max(1000)
	}),
	funders: z
		.array(
			z.object({ name: text(100).min(1), shareBp: z.number().int().min(1).max(10_000), ceilingCents: cents.nullable() })
		)
		.max(10)
});

export type MissionDocument = z.infer<typeof missionDocument>;

/** References inside the document must point to something in it; returns the French problems. */
export function documentReferenceProblems(doc: MissionDocument): string[] {
	const problems: string[] = [];
	const tasks = new Set(doc.tasks.map((t) => t.ref));
	const phases = new Set(doc.tasks.filter((t) => t.kind === 'PHASE').map((t) => t.ref));
	const milestones = new Set(doc.milestones.map((m) => m.ref));
	const deliverables = new Set(doc.deliverables.map((d) => d.ref));
	const profiles = new Set(doc.costPlan.profiles.map((p) => p.ref));
	if (tasks.size !== doc.tasks.length) problems.push('Deux tâches portent la même référence.');
	for (const t of doc.tasks) {
		if (t.parentRef && !phases.has(t.parentRef))
			problems.push(`Tâche « ${t.name} » : phase parente inconnue (${t.parentRef}).`);
		if (t.endDate < t.startDate) problems.push(`Tâche « ${t.name} » : la fin précède le début.`);
	}
	for (const d of doc.dependencies) {
		if (!tasks.has(d.predecessorRef) || !tasks.has(d.successorRef))
			problems.push('Un lien pointe vers une tâche inconnue.');
	}
	for (const link of doc.milestoneLinks ?? []) {
		if (!milestones.has(link.milestoneRef) || !tasks.has(link.successorRef))
			problems.push('Un lien de jalon pointe vers un jalon ou une tâche inconnus.');
	}
	for (const item of [...doc.deliverables, ...doc.milestones]) {
		if (item.anchorRef && !tasks.has(item.anchorRef)) {
			problems.push(`« ${'title' in item ? item.title : item.name} » : tâche de rattachement inconnue.`);
		}
	}
	for (const t of doc.tranches) {
		const known = t.triggerKind === 'MILESTONE' ? milestones : deliverables;
		if (t.triggerRef && !known.has(t.triggerRef)) problems.push(`Tranche « ${t.label} » : déclencheur inconnu.`);
	}
	const sum = doc.tranches.reduce((s, t) => s + t.percentBp, 0);
	if (doc.tranches.length > 0 && sum !== 10_000) problems.push('Les tranches ne totalisent pas 100 %.');
	for (const line of doc.costPlan.lines) {
		if (line.profileRef && !profiles.has(line.profileRef)) problems.push(`Ligne « ${line.label} » : profil inconnu.`);
		if (line.phaseRef && !phases.has(line.phaseRef)) problems.push(`Ligne « ${line.label} » : phase inconnue.`);
	}
	const funderSum = doc.funders.reduce((s, f) => s + f.shareBp, 0);
	if (doc.funders.length > 0 && funderSum !== 10_000)
		problems.push('Les parts des financeurs ne totalisent pas 100 %.');
	return problems;
}

/**
 * Moves a whole document to a new kick-off date, as a template is instantiated: each date keeps
 * its number of working days from the kick-off (so a plan stays on working days across Christmas
 * or Easter), dates on non-working days keep their calendar distance, and rules relative to the
 * kick-off stay as they are (they follow by construction).
 */
export function moveDocumentTo(doc: MissionDocument, kickoffDate: string): MissionDocument {
	const from = doc.mission.kickoffDate;
	const move = (date: string) => shiftKeepingWorkingDays(date, from, kickoffDate);
	const moveRule = (rule: MissionDocument['milestones'][number]['dateRule']) =>
		rule.kind === 'FIXED_DATE' ? { ...rule, date: move(rule.date) } : rule;
	return {
		...doc,
		mission: {
			...doc.mission,
			kickoffDate,
			plannedEndDate: doc.mission.plannedEndDate ? move(doc.mission.plannedEndDate) : null
		},
		tasks: doc.tasks.map((t) => ({ ...t, startDate: move(t.startDate), endDate: move(t.endDate) })),
		deliverables: doc.deliverables.map((d) => ({
			...d,
			dueRule: moveRule(d.dueRule),
			plannedDate: move(d.plannedDate)
		})),
		milestones: doc.milestones.map((m) => ({ ...m, dateRule: moveRule(m.dateRule) })),
		tranches: doc.tranches.map((t) => ({
			...t,
			invoiceDate: t.invoiceDate ? move(t.invoiceDate) : null,
			payments: t.payments.map((p) => ({ ...p, paidOn: move(p.paidOn) }))
		}))
	};
}

export function shiftKeepingWorkingDays(date: string, from: string, to: string): string {
	if (!isWorkingDay(date)) return addCalendarDays(to, daysBetween(from, date));
	const offset =
		date >= from
			? countWorkingDays(addCalendarDays(from, 1), date)
			: -countWorkingDays(date, addCalendarDays(from, -1));
	return addWorkingDays(nextWorkingDayFrom(to), offset);
}
