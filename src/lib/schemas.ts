// Input schemas shared by the API (authoritative) and the forms (early feedback), with the
// French messages users read. Dates are calendar dates "YYYY-MM-DD".
import { z } from 'zod';
import { EARLIEST_DATE, LATEST_DATE, formatDateFr, isIsoDate } from './domain/dates';
import { hasForbiddenCharacters } from './domain/text';

z.config(z.locales.fr());

export const id = z.string({ error: 'Identifiant manquant.' }).min(1, { error: 'Identifiant manquant.' }).max(64);

const DATE_RANGE_MESSAGE = `entre le ${formatDateFr(EARLIEST_DATE)} et le ${formatDateFr(LATEST_DATE)}`;

/** A calendar date "YYYY-MM-DD" within the years Jalon accepts (domain/dates.ts). */
export const isoDate = (label: string) =>
	z
		.string({ error: `${label} : date obligatoire.` })
		.refine(isIsoDate, { error: `${label} : date invalide (format attendu AAAA-MM-JJ).`, abort: true })
		.refine((value) => value >= EARLIEST_DATE && value <= LATEST_DATE, {
			error: `${label} : la date doit être ${DATE_RANGE_MESSAGE}.`
		});

const CONTROL_MESSAGE = (label: string) =>
	`${label} contient un caractère invisible ou invalide (saut de ligne, caractère de contrôle) : retirez-le.`;
const MULTILINE_CONTROL_MESSAGE = (label: string) =>
	`${label} contient un caractère invisible ou invalide (caractère de contrôle) : retirez-le.`;

/** One line of text: no control character (the root cause of broken XML and calendar feeds). */
export const text = (label: string, max: number) =>
	z
		.string({ error: `${label} : texte obligatoire.` })
		.refine((value) => !hasForbiddenCharacters(value, 'single-line'), { error: CONTROL_MESSAGE(label), abort: true })
		.trim()
		.min(1, { error: `${label} est obligatoire.` })
		.max(max, { error: `${label} : ${max} caractères au maximum.` });

/** Optional text; `multiline` keeps line breaks and tabs (descriptions, comments). */
export const optionalText = (label: string, max: number, multiline = false) =>
	z
		.string({ error: `${label} : texte attendu.` })
		.refine((value) => !hasForbiddenCharacters(value, multiline ? 'multi-line' : 'single-line'), {
			error: multiline ? MULTILINE_CONTROL_MESSAGE(label) : CONTROL_MESSAGE(label),
			abort: true
		})
		.trim()
		.max(max, { error: `${label} : ${max} caractères au maximum.` })
		.nullish()
		.transform((value) => (value ? value : null));

const wholeNumber = (label: string, min: number, max: number) =>
	z
		.number({ error: `${label} : nombre attendu.` })
		.int({ error: `${label} : nombre entier attendu.` })
		.min(min, { error: `${label} : au moins ${min}.` })
		.max(max, { error: `${label} : au plus ${max}.` });

export const offsetUnit = z.enum(['DAYS', 'WEEKS', 'WORKING_DAYS'], { error: 'Unité de délai inconnue.' });

/** A deadline: a fixed date, or an offset after the kick-off. */
export const dateRule = z.discriminatedUnion(
	'kind',
	[
		z.object({ kind: z.literal('FIXED_DATE'), date: isoDate('Date fixe') }),
		z.object({
			kind: z.literal('OFFSET'),
			amount: wholeNumber('Délai', -3650, 3650),
			unit: offsetUnit
		})
	],
	{ error: 'Règle d’échéance invalide : date fixe ou délai après démarrage.' }
);

// Only compared once both dates are valid, so a malformed date gets its own message alone.
const datedRange = <T extends { startDate: string; endDate: string }>(value: T) =>
	!isIsoDate(value.startDate) || !isIsoDate(value.endDate) || value.endDate >= value.startDate;
const END_BEFORE_START = {
	error: 'La date de fin doit être postérieure ou égale à la date de début.',
	path: ['endDate']
};

export const missionCreateInput = z
	.object({
		title: text('Le titre', 300),
		clientOrganisation: text('Le commanditaire', 200),
		reference: optionalText('La référence', 100),
		kickoffDate: isoDate('Date de démarrage'),
		plannedEndDate: isoDate('Date de fin prévue')
			.nullish()
			.transform((v) => v ?? null),
		budgetCapCents: wholeNumber('Plafond budgétaire', 1, 100_000_000_00),
		capBasis: z.enum(['HT', 'TTC'], { error: 'Base du plafond : HT ou TTC.' }),
		vatRateBp: wholeNumber('Taux de TVA (points de base)', 0, 10_000)
	})
	.refine((m) => !m.plannedEndDate || m.plannedEndDate >= m.kickoffDate, {
		error: 'La fin prévue ne peut pas précéder le démarrage.',
		path: ['plannedEndDate']
	});

export const missionUpdateInput = z.object({
	missionId: id,
	title: text('Le titre', 300).optional(),
	clientOrganisation: text('Le commanditaire', 200).optional(),
	reference: optionalText('La référence', 100).optional(),
	kickoffDate: isoDate('Date de démarrage').optional(),
	plannedEndDate: isoDate('Date de fin prévue').nullable().optional(),
	budgetCapCents: wholeNumber('Plafond budgétaire', 1, 100_000_000_00).optional(),
	capBasis: z.enum(['HT', 'TTC']).optional(),
	vatRateBp: wholeNumber('Taux de TVA (points de base)', 0, 10_000).optional(),
	status: z.enum(['DRAFT', 'ACTIVE', 'COMPLETED', 'CANCELLED']).optional(),
	/** The version the editor started from; a different stored version is a conflicting edit. */
	expectedVersion: z.number().int().min(1).optional()
});

export const taskCreateInput = z
	.object({
		missionId: id,
		parentId: id.nullish().transform((v) => v ?? null),
		kind: z.enum(['PHASE', 'TASK']).default('TASK'),
		name: text('Le nom de la tâche', 200),
		startDate: isoDate('Date de début'),
		endDate: isoDate('Date de fin'),
		progress: wholeNumber('L’avancement', 0, 100).default(0)
	})
	.refine(datedRange, END_BEFORE_START);

export const taskUpdateInput = z.object({
	taskId: id,
	name: text('Le nom de la tâche', 200).optional(),
	startDate: isoDate('Date de début').optional(),
	endDate: isoDate('Date de fin').optional(),
	progress: wholeNumber('L’avancement', 0, 100).optional(),
	parentId: id.nullable().optional(),
	/** The version the editor started from; a different stored version is a conflicting edit. */
	expectedVersion: z.number().int().min(1).optional()
});

/** Dragging or resizing a bar: both dates are known. */
export const taskMoveInput = z.object({
	taskId: id,
	startDate: isoDate('Date de début'),
	endDate: isoDate('Date de fin'),
	expectedVersion: z.number().int().min(1).optional()
});

export const dependencyCreateInput = z.object({
	predecessorId: id,
	successorId: id,
	lagDays: wholeNumber('Le décalage', -365, 365).default(0)
});

export const deliverableCreateInput = z.object({
	missionId: id,
	number: wholeNumber('Le numéro', 1, 999).optional(),
	title: text('Le titre du livrable', 500),
	description: optionalText('La description', 5000, true),
	expectedFormat: optionalText('Le format attendu', 500),
	dueRule: dateRule,
	plannedDate: isoDate('Date prévue').optional()
});

export const deliverableUpdateInput = z.object({
	deliverableId: id,
	title: text('Le titre du livrable', 500).optional(),
	description: optionalText('La description', 5000, true).optional(),
	expectedFormat: optionalText('Le format attendu', 500).optional(),
	dueRule: dateRule.optional(),
	plannedDate: isoDate('Date prévue').optional(),
	/** The version the editor started from; a different stored version is a conflicting edit. */
	expectedVersion: z.number().int().min(1).optional()
});

export const milestoneKind = z.enum(['CONTRACT', 'DELIVERY', 'PAYMENT', 'STEERING', 'SELECTION'], {
	error: 'Type de jalon inconnu.'
});

const timeOfDay = z
	.string()
	.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Heure invalide (format HH:MM).' })
	.nullish()
	.transform((v) => v ?? null);

export const milestoneCreateInput = z.object({
	missionId: id,
	name: text('Le nom du jalon', 200),
	kind: milestoneKind,
	dateRule,
	isWeek: z.boolean().default(false),
	timeOfDay
});

export const milestoneUpdateInput = z.object({
	milestoneId: id,
	name: text('Le nom du jalon', 200).optional(),
	kind: milestoneKind.optional(),
	dateRule: dateRule.optional(),
	isWeek: z.boolean().optional(),
	timeOfDay: timeOfDay.optional()
});

export type MissionCreateInput = z.input<typeof missionCreateInput>;
export type TaskCreateInput = z.input<typeof taskCreateInput>;
export type DeliverableCreateInput = z.input<typeof deliverableCreateInput>;
export type MilestoneCreateInput = z.input<typeof milestoneCreateInput>;

export const workflowInput = z.object({
	deliverableId: id,
	action: z.enum(['START', 'SUBMIT', 'VALIDATE', 'REQUEST_REWORK'], { error: 'Action inconnue.' }),
	/** For a hand-in: a version label ("v2"), a link to the document, a comment. */
	versionLabel: z.string().trim().max(40).nullish(),
	link: z
		.url({ protocol: /^https?$/, error: 'Lien invalide : une adresse http(s) est attendue.' })
		.max(2000)
		.nullish(),
	comment: z.string().trim().max(5000).nullish(),
	expectedVersion: z.number().int().min(1).optional()
});
