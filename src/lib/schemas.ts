// Input schemas shared by the API (authoritative) and the forms (early feedback), with the
// French messages users read. Dates are calendar dates "YYYY-MM-DD".
import { z } from 'zod';
import { EARLIEST_DATE, LATEST_DATE, formatDateFr, isIsoDate } from './domain/dates';
import { formatEuros, formatPercent } from './domain/money';
import { hasForbiddenCharacters } from './domain/text';

z.config(z.locales.fr());

export const id = z
	.string({ error: 'Identifiant manquant.' })
	.min(1, { error: 'Identifiant manquant.' })
	.max(64, { error: 'Identifiant invalide (64 caractères au plus).' });

const DATE_RANGE_MESSAGE = `entre le ${formatDateFr(EARLIEST_DATE)} et le ${formatDateFr(LATEST_DATE)}`;

/** A calendar date "YYYY-MM-DD" within the years Jalon accepts (domain/dates.ts). */
export const isoDate = (label: string) =>
	z
		.string({ error: `${label} : date obligatoire.` })
		// A date field left empty sends '': it is missing, not in a wrong format (the fields read JJ/MM/AAAA).
		.refine((value) => value !== '', { error: `${label} : date obligatoire.`, abort: true })
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

const frenchNumber = new Intl.NumberFormat('fr-FR');
/** Whole numbers of any size: a huge one is "too large" (max), not "not a whole number" (zod's int()). */
const isWhole = (value: number) => Number.isInteger(value);
const wholeNumber = (label: string, min: number, max: number) =>
	z
		.number({ error: `${label} : nombre attendu.` })
		.refine(isWhole, { error: `${label} : nombre entier attendu.` })
		.min(min, { error: `${label} : au moins ${frenchNumber.format(min)}.` })
		.max(max, { error: `${label} : au plus ${frenchNumber.format(max)}.` });

/** An amount in cents, with messages in euros ("au plus 1 000 000 000,00 €"). */
export const centsAmount = (label: string, min: number, max: number) =>
	z
		.number({ error: `${label} : montant attendu.` })
		.refine(isWhole, { error: `${label} : montant au centime près attendu.` })
		.min(min, { error: `${label} : au moins ${formatEuros(min)}.` })
		.max(max, { error: `${label} : au plus ${formatEuros(max)}.` });

/** A rate in basis points, with messages in percent ("au plus 100 %"). */
export const percentRate = (label: string, min: number, max: number) =>
	z
		.number({ error: `${label} : pourcentage attendu.` })
		.refine(isWhole, { error: `${label} : deux décimales au plus.` })
		.min(min, { error: `${label} : au moins ${formatPercent(min)}.` })
		.max(max, { error: `${label} : au plus ${formatPercent(max)}.` });

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
		budgetCapCents: centsAmount('Plafond budgétaire', 1, 100_000_000_00),
		capBasis: z.enum(['HT', 'TTC'], { error: 'Base du plafond : HT ou TTC.' }),
		vatRateBp: percentRate('Taux de TVA', 0, 10_000)
	})
	.refine((m) => !m.plannedEndDate || m.plannedEndDate >= m.kickoffDate, {
		error: 'La fin prévue ne peut pas précéder le démarrage.',
		path: ['plannedEndDate']
	});

/**
 * The version an edit started from: required on every update of the mission, a deliverable or a
 * milestone, so a concurrent edit is refused ("modifié entre-temps par …") instead of overwritten.
 */
export const expectedVersion = z
	.number({ error: 'Version manquante : rechargez la page avant d’enregistrer.' })
	.int({ error: 'Version invalide : rechargez la page.' })
	.min(1, { error: 'Version invalide : rechargez la page.' })
	.max(2_147_483_647, { error: 'Version invalide : rechargez la page.' });

export const missionUpdateInput = z.object({
	missionId: id,
	expectedVersion,
	title: text('Le titre', 300).optional(),
	clientOrganisation: text('Le commanditaire', 200).optional(),
	reference: optionalText('La référence', 100).optional(),
	kickoffDate: isoDate('Date de démarrage').optional(),
	plannedEndDate: isoDate('Date de fin prévue').nullable().optional(),
	budgetCapCents: centsAmount('Plafond budgétaire', 1, 100_000_000_00).optional(),
	capBasis: z.enum(['HT', 'TTC']).optional(),
	vatRateBp: percentRate('Taux de TVA', 0, 10_000).optional(),
	status: z.enum(['DRAFT', 'ACTIVE', 'COMPLETED', 'CANCELLED']).optional()
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
	expectedVersion
});

/** Dragging or resizing a bar: both dates are known. */
export const taskMoveInput = z.object({
	taskId: id,
	startDate: isoDate('Date de début'),
	endDate: isoDate('Date de fin'),
	expectedVersion
});

/** FS, SS, FF, SF: shown in French as FD, DD, FF, DF. */
export const linkType = z.enum(['FS', 'SS', 'FF', 'SF'], { error: 'Type de lien inconnu : FD, DD, FF ou DF.' });
/** How a lag is counted: French working days (j) or elapsed calendar days (jé). */
export const lagUnit = z.enum(['WORKING_DAYS', 'ELAPSED_DAYS'], {
	error: 'Unité du décalage inconnue : jours ouvrés ou jours calendaires.'
});
const lagDays = wholeNumber('Le décalage', -365, 365);

export const dependencyCreateInput = z.object({
	predecessorId: id,
	successorId: id,
	type: linkType.default('FS'),
	/** A lead when negative. */
	lagDays: lagDays.default(0),
	lagUnit: lagUnit.default('WORKING_DAYS'),
	/** The successor's version the editor started from (a link is part of its successor's row). */
	expectedVersion
});

/** A deliverable is due after the kick-off: "−3 semaines" would read "3 semaines avant démarrage". */
const deliverableDueRule = dateRule.refine((rule) => rule.kind !== 'OFFSET' || rule.amount >= 0, {
	error: 'Échéance du livrable : le délai compte à partir du démarrage et ne peut pas être négatif.'
});

export const dependencyUpdateInput = z.object({
	dependencyId: id,
	type: linkType.optional(),
	lagDays: lagDays.optional(),
	lagUnit: lagUnit.optional(),
	/** The successor's version the editor started from. */
	expectedVersion
});

/** Replaces all the predecessors of a task at once (the table's "Prédécesseurs" cell). */
export const setPredecessorsInput = z.object({
	taskId: id,
	expectedVersion,
	predecessors: z
		.array(
			z.object({
				predecessorId: id,
				type: linkType.default('FS'),
				lagDays: lagDays.default(0),
				lagUnit: lagUnit.default('WORKING_DAYS')
			})
		)
		.max(100, { error: 'Au plus 100 prédécesseurs par tâche.' })
});

/** A milestone as the predecessor of a task ("après la signature du contrat"). */
export const milestoneLinkInput = z.object({
	milestoneId: id,
	successorId: id,
	type: linkType.default('FS'),
	lagDays: lagDays.default(0),
	lagUnit: lagUnit.default('WORKING_DAYS'),
	/** The successor's version the editor started from. */
	expectedVersion
});

/** Ties a deliverable or a milestone to a task (null unties it), with a lag in working days. */
const anchorTaskId = id.nullable().optional();
const anchorLagDays = wholeNumber('Le décalage après la tâche', -365, 365).optional();

export const deliverableCreateInput = z.object({
	missionId: id,
	number: wholeNumber('Le numéro', 1, 999).optional(),
	title: text('Le titre du livrable', 500),
	description: optionalText('La description', 5000, true),
	expectedFormat: optionalText('Le format attendu', 500),
	dueRule: deliverableDueRule,
	plannedDate: isoDate('Date prévue').optional(),
	anchorTaskId,
	anchorLagDays
});

export const deliverableUpdateInput = z.object({
	deliverableId: id,
	title: text('Le titre du livrable', 500).optional(),
	description: optionalText('La description', 5000, true).optional(),
	expectedFormat: optionalText('Le format attendu', 500).optional(),
	dueRule: deliverableDueRule.optional(),
	plannedDate: isoDate('Date prévue').optional(),
	anchorTaskId,
	anchorLagDays,
	/** The version the editor started from; a different stored version is a conflicting edit. */
	expectedVersion
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
	timeOfDay,
	anchorTaskId,
	anchorLagDays
});

export const milestoneUpdateInput = z.object({
	milestoneId: id,
	expectedVersion,
	name: text('Le nom du jalon', 200).optional(),
	kind: milestoneKind.optional(),
	dateRule: dateRule.optional(),
	isWeek: z.boolean().optional(),
	timeOfDay: timeOfDay.optional(),
	anchorTaskId,
	anchorLagDays
});

export type MissionCreateInput = z.input<typeof missionCreateInput>;
export type TaskCreateInput = z.input<typeof taskCreateInput>;
export type DeliverableCreateInput = z.input<typeof deliverableCreateInput>;
export type MilestoneCreateInput = z.input<typeof milestoneCreateInput>;

export const workflowInput = z.object({
	deliverableId: id,
	action: z.enum(['START', 'SUBMIT', 'VALIDATE', 'REQUEST_REWORK'], { error: 'Action inconnue.' }),
	/** For a hand-in: a version label ("v2"), a link to the document, a comment. */
	versionLabel: optionalText('La version', 40),
	link: z
		.url({ protocol: /^https?$/, error: 'Lien invalide : une adresse http(s) est attendue.' })
		.max(2000)
		.refine((value) => !hasForbiddenCharacters(value, 'single-line'), {
			error: 'Lien invalide : il contient un caractère invisible ou invalide.'
		})
		.nullish(),
	comment: optionalText('Le commentaire', 5000, true),
	expectedVersion
});
