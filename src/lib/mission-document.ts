// The mission backup format (docs/export-format.md): one JSON document holding a whole mission,
// with references between its parts instead of database ids, so export → import → export gives
// the same document except for the export timestamp. Also the shape of mission templates.
import { z } from 'zod';
import { addWorkingDays, countWorkingDays, isWorkingDay, nextWorkingDayFrom } from './domain/calendar';
import { resolveDateRule } from './domain/date-rules';
import {
	addCalendarDays,
	daysBetween,
	EARLIEST_DATE,
	formatDateFr,
	isDateInRange,
	LATEST_DATE,
	mondayOf
} from './domain/dates';
import { contractReference, trancheAmounts } from './domain/finance';
import { formatEuros } from './domain/money';
import { defaultKinds, scheduleProblem, type TrancheKind } from './domain/tranche-kinds';
import { topologicalOrder } from './domain/schedule';
import { MAX_OUTLINE_DEPTH, outlineDepths } from './domain/outline';
import { dateRule, isoDate, optionalText, text } from './schemas';

export const MISSION_DOCUMENT_FORMAT = 'jalon.mission';
/** Written by every export. Version 2 added the finance terms, people's e-mails and the programme. */
export const MISSION_DOCUMENT_VERSION = 2;
/** Every version an import still reads (a later version keeps reading the earlier ones). */
export const READABLE_DOCUMENT_VERSIONS: readonly number[] = [1, 2];

/**
 * A refusal of a file or document being imported, in French for the person importing it. Any other
 * error met while reading a file (a parser's, a date library's) is not shown: its message is English
 * and may quote the file.
 */
export class DocumentImportError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DocumentImportError';
	}
}

// Every text goes through text()/optionalText(): no control characters, no lone surrogates.
const ref = text('Une référence', 40);
/** Text that may be empty (a contact's organisation). */
const anyText = (label: string, max: number) => optionalText(label, max).transform((value) => value ?? '');
const cents = z.number().int().min(0).max(100_000_000_00);
/** An instant (hand-in, decision, approval) as toISOString() writes it, within the accepted years. */
const timestamp = (label: string) =>
	z
		.string({ error: `${label} : horodatage attendu.` })
		.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/, {
			error: `${label} : horodatage invalide (format attendu AAAA-MM-JJTHH:MM:SS.sssZ).`
		})
		.refine((value) => isDateInRange(value.slice(0, 10)) && !Number.isNaN(Date.parse(value)), {
			error: `${label} : date hors du calendrier accepté.`
		});
/** Tied to a task: planned on its end plus a lag in working days (optional: added later). */
const anchorShape = {
	anchorRef: ref.nullable().optional(),
	anchorLagDays: z.number().int().min(-365).max(365).optional()
};

export const missionDocument = z.object({
	format: z.literal(MISSION_DOCUMENT_FORMAT, { error: 'Ce fichier n’est pas une sauvegarde de mission Jalon.' }),
	version: z.union([z.literal(1), z.literal(2)], {
		error: 'Version de sauvegarde non prise en charge (version 1 ou 2 attendue).'
	}),
	exportedAt: z.string().max(40).optional(),
	mission: z.object({
		title: text('Le titre', 300),
		clientOrganisation: text('Le commanditaire', 200),
		reference: optionalText('La référence', 100),
		kickoffDate: isoDate('Démarrage'),
		plannedEndDate: isoDate('Fin prévue').nullable(),
		budgetCapCents: cents.min(1),
		capBasis: z.enum(['HT', 'TTC']),
		vatRateBp: z.number().int().min(0).max(10_000),
		status: z.enum(['DRAFT', 'ACTIVE', 'COMPLETED', 'CANCELLED']),
		contractAmountHtCents: cents.nullable(),
		paymentDelayDays: z.number().int().min(0).max(120),
		/** Which late-payment law applies (version 2; absent: PUBLIC, the default). */
		buyerKind: z.enum(['PUBLIC', 'COMPANY']).optional(),
		/** The contract's late-payment rate in basis points, null for the legal rate (version 2). */
		latePaymentRateBp: z.number().int().min(0).max(10_000).nullable().optional()
	}),
	/**
	 * The programme the mission belongs to, named (ids are not part of the document): an import on
	 * the server that holds it puts the mission back in it (version 2; absent or null: none).
	 */
	programme: z
		.object({
			kind: z.enum(['SCHEME', 'FRAMEWORK_AGREEMENT']),
			title: text('Le titre du programme', 300),
			owner: anyText('Le porteur du programme', 300),
			startDate: isoDate('Début du programme'),
			endDate: isoDate('Fin du programme'),
			beneficiary: z.object({ name: text('Le bénéficiaire', 300), siret: optionalText('Le SIRET', 20) }).nullable(),
			/** The programme's order the mission was made from (its number), or null. */
			orderNumber: z.number().int().min(1).max(1_000_000).nullable()
		})
		.nullable()
		.optional(),
	tasks: z
		.array(
			z.object({
				ref,
				parentRef: ref.nullable(),
				kind: z.enum(['PHASE', 'TASK']),
				name: text('Le nom de la tâche', 200),
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
				title: text('Le titre du livrable', 500),
				description: optionalText('La description', 5000, true),
				expectedFormat: optionalText('Le format attendu', 500),
				dueRule: dateRule,
				plannedDate: isoDate('Date prévue'),
				status: z.enum(['TODO', 'IN_PROGRESS', 'SUBMITTED', 'VALIDATED', 'REWORK']),
				/** Who validated it and when (optional: documents written before these fields). */
				validatedOn: isoDate('Date de validation').nullish(),
				/** The first hand-in, which keeps a late delivery late once validated (version 2). */
				submittedOn: isoDate('Date de première remise').nullish(),
				validatedByName: optionalText('Validé par', 200).optional(),
				/** The validator's account e-mail (version 2): an import relinks it to that account. */
				validatedByEmail: optionalText('E-mail du valideur', 254).optional(),
				submissions: z
					.array(
						z.object({
							versionLabel: text('La version', 40),
							link: optionalText('Le lien', 2000).refine((link) => link === null || /^https?:\/\//.test(link), {
								error: 'Lien invalide : une adresse http(s) est attendue.'
							}),
							comment: optionalText('Le commentaire', 5000, true),
							submittedByName: text('Remis par', 200),
							/** The account's e-mail (version 2): an import relinks it to that account. */
							submittedByEmail: optionalText('E-mail de la remise', 254).optional(),
							submittedAt: timestamp('Remis le'),
							decision: z.enum(['VALIDATED', 'REWORK']).nullable(),
							decisionComment: optionalText('Le commentaire de décision', 5000, true),
							decidedByName: optionalText('Décidé par', 200),
							decidedAt: timestamp('Décidé le').nullable()
						})
					)
					.max(200)
					.optional(),
				...anchorShape
			})
		)
		// Numbers run from 1 to 999 and are unique: every mission the app can store fits.
		.max(999),
	milestones: z
		.array(
			z.object({
				ref,
				name: text('Le nom du jalon', 200),
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
				label: text('Le libellé de la tranche', 200),
				percentBp: z.number().int().min(1).max(10_000),
				/** Absent in documents written before tranche types: acompte, the last one solde. */
				kind: z.enum(['AVANCE', 'ACOMPTE', 'SOLDE']).optional(),
				triggerKind: z.enum(['MILESTONE', 'DELIVERABLE_VALIDATION']),
				triggerRef: ref.nullable(),
				status: z.enum(['PLANNED', 'DUE', 'INVOICED', 'PAID']),
				invoiceNumber: optionalText('Le numéro de facture', 60),
				invoiceDate: isoDate('Date de facture').nullable(),
				/** The payment delay its invoice was issued under (days); absent: the mission's. */
				paymentDelayDays: z.number().int().min(0).max(365).nullable().optional(),
				payments: z
					.array(
						z.object({
							paidOn: isoDate('Date de paiement'),
							amountCents: cents.min(1),
							/** When it was recorded (version 2): orders payments of the same day. */
							recordedAt: timestamp('Enregistré le').optional()
						})
					)
					.max(100)
			})
		)
		.max(20),
	contacts: z
		.array(
			z.object({
				name: text('Le nom du contact', 200),
				organisation: anyText('L’organisation', 200),
				jobTitle: optionalText('La fonction', 200),
				role: z.enum(['SUPERVISION', 'COORDINATION', 'FINANCE']),
				email: optionalText('L’adresse e-mail', 200)
			})
		)
		.max(200),
	costPlan: z.object({
		profiles: z.array(z.object({ ref, name: text('Le nom du profil', 100), dayRateHtCents: cents.min(1) })).max(50),
		lines: z
			.array(
				z.object({
					phaseRef: ref.nullable(),
					profileRef: ref.nullable(),
					label: text('Le libellé de la ligne', 200),
					dayHundredths: z.number().int().min(0).max(100_000),
					fixedAmountHtCents: cents
				})
			)
			.max(1000)
	}),
	funders: z
		.array(
			z.object({
				name: text('Le nom du financeur', 100),
				shareBp: z.number().int().min(1).max(10_000),
				ceilingCents: cents.nullable()
			})
		)
		.max(10),
	// What happened (actuals, approvals): optional, so that templates and older backups still read.
	timeEntries: z
		.array(
			z.object({
				profileRef: ref,
				phaseRef: ref.nullable(),
				weekStart: isoDate('Semaine'),
				dayHundredths: z.number().int().min(0).max(700)
			})
		)
		.max(50_000)
		.optional(),
	expenses: z
		.array(
			z.object({
				phaseRef: ref.nullable(),
				label: text('Le libellé de la dépense', 200),
				incurredOn: isoDate('Date de la dépense'),
				amountHtCents: cents.min(1)
			})
		)
		.max(10_000)
		.optional(),
	overCapApprovals: z
		.array(
			z.object({
				planAmountCents: cents,
				overCents: cents,
				comment: optionalText('Le commentaire', 500, true),
				createdAt: timestamp('Confirmé le'),
				/** What went over the cap (version 2; absent: COST_PLAN) and who confirmed it. */
				kind: z.enum(['COST_PLAN', 'CONTRACT']).optional(),
				actorName: optionalText('Confirmé par', 200).optional()
			})
		)
		.max(1000)
		.optional()
});

export type MissionDocument = z.infer<typeof missionDocument>;

/** Values that appear twice in a list (each reported once). */
function duplicates<T>(values: readonly T[]): T[] {
	const seen = new Set<T>();
	const twice = new Set<T>();
	for (const value of values) (seen.has(value) ? twice : seen).add(value);
	return [...twice];
}

/**
 * Everything the live procedures would refuse, checked on a whole document before anything is
 * written: references to nothing, duplicates, a task linked to itself, loops, links to phases,
 * payments above their tranche, dates outside the accepted calendar. Returns the French problems.
 */
export function documentReferenceProblems(doc: MissionDocument): string[] {
	const problems: string[] = [];
	const taskByRef = new Map(doc.tasks.map((t) => [t.ref, t]));
	// A task with sub-tasks is a summary row, a phase whatever its stored kind (domain/outline.ts).
	const parents = new Set(doc.tasks.map((t) => t.parentRef));
	const phases = new Set(doc.tasks.filter((t) => t.kind === 'PHASE' || parents.has(t.ref)).map((t) => t.ref));
	const milestones = new Set(doc.milestones.map((m) => m.ref));
	const deliverables = new Set(doc.deliverables.map((d) => d.ref));
	const profiles = new Set(doc.costPlan.profiles.map((p) => p.ref));
	const taskName = (ref: string) => taskByRef.get(ref)?.name ?? ref;

	for (const r of duplicates(doc.tasks.map((t) => t.ref))) problems.push(`Deux tâches portent la référence « ${r} ».`);
	for (const r of duplicates(doc.deliverables.map((d) => d.ref)))
		problems.push(`Deux livrables portent la référence « ${r} ».`);
	for (const n of duplicates(doc.deliverables.map((d) => d.number)))
		problems.push(`Deux livrables portent le numéro ${n}.`);
	for (const r of duplicates(doc.milestones.map((m) => m.ref)))
		problems.push(`Deux jalons portent la référence « ${r} ».`);
	for (const r of duplicates(doc.costPlan.profiles.map((p) => p.ref)))
		problems.push(`Deux profils portent la référence « ${r} ».`);
	for (const n of duplicates(doc.costPlan.profiles.map((p) => p.name)))
		problems.push(`Deux profils portent le nom « ${n} ».`);

	for (const t of doc.tasks) {
		if (t.parentRef && !phases.has(t.parentRef))
			problems.push(`Tâche « ${t.name} » : phase parente inconnue (${t.parentRef}).`);
		if (t.endDate < t.startDate) problems.push(`Tâche « ${t.name} » : la fin précède le début.`);
	}
	// Phases inside phases: following the parents from any task must end at the top.
	loops: for (const t of doc.tasks) {
		const seen = new Set<string>();
		for (let cursor: string | null = t.ref; cursor; cursor = taskByRef.get(cursor)?.parentRef ?? null) {
			if (seen.has(cursor)) {
				problems.push(`Phase « ${taskName(cursor)} » : les phases se contiennent l’une l’autre (boucle).`);
				break loops;
			}
			seen.add(cursor);
		}
	}

	// Outline levels: as deep as the live edits allow (domain/outline.ts), no deeper.
	const deepest = Math.max(0, ...outlineDepths(doc.tasks.map((t) => ({ id: t.ref, parentId: t.parentRef }))).values());
	if (deepest > MAX_OUTLINE_DEPTH)
		problems.push(`Le plan compte ${deepest} niveaux de tâches ; Jalon en accepte au plus ${MAX_OUTLINE_DEPTH}.`);

	const links: { predecessorId: string; successorId: string; lagDays: number }[] = [];
	for (const d of doc.dependencies) {
		if (!taskByRef.has(d.predecessorRef) || !taskByRef.has(d.successorRef)) {
			problems.push(`Un lien pointe vers une tâche inconnue (${d.predecessorRef} → ${d.successorRef}).`);
		} else if (d.predecessorRef === d.successorRef) {
			problems.push(`Tâche « ${taskName(d.predecessorRef)} » : une tâche ne peut pas dépendre d’elle-même.`);
		} else if (phases.has(d.predecessorRef) || phases.has(d.successorRef)) {
			problems.push(
				`Lien « ${taskName(d.predecessorRef)} » → « ${taskName(d.successorRef)} » : les liens relient des tâches, pas des phases.`
			);
		} else {
			links.push({ predecessorId: d.predecessorRef, successorId: d.successorRef, lagDays: d.lagDays });
		}
	}
	for (const pair of duplicates(links.map((l) => `${l.predecessorId}\u0000${l.successorId}`))) {
		const [from, to] = pair.split('\u0000') as [string, string];
		problems.push(`Lien « ${taskName(from)} » → « ${taskName(to)} » en double.`);
	}
	// Milestones tied to a task and leading others close loops too (A → milestone → A).
	const milestoneNode = (ref: string) => `milestone\u0000${ref}`;
	const milestoneEdges = [
		...doc.milestones
			.filter((m) => m.anchorRef && taskByRef.has(m.anchorRef))
			.map((m) => ({ predecessorId: m.anchorRef!, successorId: milestoneNode(m.ref), lagDays: 0 })),
		...(doc.milestoneLinks ?? [])
			.filter((l) => taskByRef.has(l.successorRef))
			.map((l) => ({ predecessorId: milestoneNode(l.milestoneRef), successorId: l.successorRef, lagDays: 0 }))
	];
	try {
		topologicalOrder(
			[...doc.tasks.map((t) => t.ref), ...doc.milestones.map((m) => milestoneNode(m.ref))],
			[...links, ...milestoneEdges]
		);
	} catch {
		problems.push('Les liens entre tâches forment une boucle : une tâche finirait par dépendre d’elle-même.');
	}

	// Deadlines from rules: within the accepted calendar, like every stored date.
	const outOfRange = (rule: MissionDocument['milestones'][number]['dateRule']) =>
		!isDateInRange(resolveDateRule(rule, doc.mission.kickoffDate));
	for (const d of doc.deliverables) {
		if (outOfRange(d.dueRule)) problems.push(`Livrable ${d.number} : ${RANGE_PROBLEM}`);
	}
	for (const m of doc.milestones) {
		if (outOfRange(m.dateRule)) problems.push(`Jalon « ${m.name} » : ${RANGE_PROBLEM}`);
	}
	if (doc.mission.plannedEndDate && doc.mission.plannedEndDate < doc.mission.kickoffDate)
		problems.push('La fin prévue précède le démarrage.');

	for (const link of doc.milestoneLinks ?? []) {
		if (!milestones.has(link.milestoneRef) || !taskByRef.has(link.successorRef))
			problems.push('Un lien de jalon pointe vers un jalon ou une tâche inconnus.');
	}
	for (const item of [...doc.deliverables, ...doc.milestones]) {
		if (item.anchorRef && !taskByRef.has(item.anchorRef)) {
			problems.push(`« ${'title' in item ? item.title : item.name} » : tâche de rattachement inconnue.`);
		}
	}
	for (const t of doc.tranches) {
		const known = t.triggerKind === 'MILESTONE' ? milestones : deliverables;
		if (t.triggerRef && !known.has(t.triggerRef)) problems.push(`Tranche « ${t.label} » : déclencheur inconnu.`);
	}
	const kinds = documentTrancheKinds(doc.tranches);
	const schedule = doc.tranches.map((t, i) => ({ label: t.label, percentBp: t.percentBp, kind: kinds[i]! }));
	const scheduleError = doc.tranches.length > 0 ? scheduleProblem(schedule) : null;
	if (scheduleError) problems.push(scheduleError.message);
	else if (doc.tranches.length > 0) {
		// The amounts the finance page would compute: the contract (or the cap in HT), with VAT.
		const { mission } = doc;
		const { invoices } = trancheAmounts(contractReference(mission), mission.vatRateBp, schedule).split;
		const ttcCents = invoices.map((invoice) => invoice.ttcCents);
		doc.tranches.forEach((t, index) => {
			const paid = t.payments.reduce((s, p) => s + p.amountCents, 0);
			const amount = ttcCents[index] ?? 0;
			if (paid > amount)
				problems.push(
					`Tranche « ${t.label} » : les paiements (${formatEuros(paid)}) dépassent son montant (${formatEuros(amount)}).`
				);
			if (t.payments.length > 0 && !t.invoiceDate)
				problems.push(`Tranche « ${t.label} » : payée sans date de facture.`);
			for (const p of t.payments) {
				if (t.invoiceDate && p.paidOn < t.invoiceDate)
					problems.push(`Tranche « ${t.label} » : un paiement précède la date de facture.`);
			}
		});
	}

	for (const line of doc.costPlan.lines) {
		if (line.profileRef && !profiles.has(line.profileRef)) problems.push(`Ligne « ${line.label} » : profil inconnu.`);
		if (line.phaseRef && !phases.has(line.phaseRef)) problems.push(`Ligne « ${line.label} » : phase inconnue.`);
	}
	const funderSum = doc.funders.reduce((s, f) => s + f.shareBp, 0);
	if (doc.funders.length > 0 && funderSum !== 10_000)
		problems.push('Les parts des financeurs ne totalisent pas 100 %.');

	const timeEntries = doc.timeEntries ?? [];
	for (const e of timeEntries) {
		if (!profiles.has(e.profileRef))
			problems.push(`Temps passé de la semaine du ${formatDateFr(e.weekStart)} : profil inconnu.`);
		if (e.phaseRef && !phases.has(e.phaseRef))
			problems.push(`Temps passé de la semaine du ${formatDateFr(e.weekStart)} : phase inconnue.`);
		if (mondayOf(e.weekStart) !== e.weekStart)
			problems.push(`Temps passé : la semaine du ${formatDateFr(e.weekStart)} ne commence pas un lundi.`);
	}
	for (const key of duplicates(timeEntries.map((e) => `${e.profileRef} ${e.weekStart} ${e.phaseRef ?? ''}`)))
		problems.push(`Temps passé en double pour un même profil, une même semaine et une même phase (${key.trim()}).`);
	for (const e of doc.expenses ?? []) {
		if (e.phaseRef && !phases.has(e.phaseRef)) problems.push(`Dépense « ${e.label} » : phase inconnue.`);
	}
	return problems;
}

const RANGE_PROBLEM = `son échéance sort du calendrier accepté (du ${formatDateFr(EARLIEST_DATE)} au ${formatDateFr(LATEST_DATE)}).`;

/** At most this many problems are listed; the rest are counted. */
const LISTED_PROBLEMS = 10;

function listProblems(problems: string[]): string {
	const listed = problems.slice(0, LISTED_PROBLEMS).join(' ; ');
	const more = problems.length - LISTED_PROBLEMS;
	return more > 0 ? `${listed} ; et ${more} autre(s) problème(s).` : listed;
}

/**
 * The one gate of every import (JSON backup, template, MS Project, GanttProject): the shape first
 * (the same field rules as the live forms), then the document as a whole. Throws a
 * DocumentImportError listing the problems in French; nothing may be written before it passes.
 */
export function checkMissionDocument(raw: unknown): MissionDocument {
	// Another kind of file altogether: one sentence, not a list of every missing part.
	const head = (raw ?? {}) as { format?: unknown; version?: unknown };
	if (head.format !== MISSION_DOCUMENT_FORMAT)
		throw new DocumentImportError('Sauvegarde invalide : ce fichier n’est pas une sauvegarde de mission Jalon.');
	if (typeof head.version !== 'number' || !READABLE_DOCUMENT_VERSIONS.includes(head.version))
		throw new DocumentImportError(
			`Sauvegarde invalide : version de sauvegarde non prise en charge (version ${READABLE_DOCUMENT_VERSIONS.join(' ou ')} attendue).`
		);
	const parsed = missionDocument.safeParse(raw);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((issue) => {
			const where = issue.path.join('.');
			return where ? `${where} : ${issue.message}` : issue.message;
		});
		throw new DocumentImportError(`Import refusé, rien n’a été créé — ${listProblems(problems)}`);
	}
	const problems = documentReferenceProblems(parsed.data);
	if (problems.length > 0)
		throw new DocumentImportError(`Import refusé, rien n’a été créé — ${listProblems(problems)}`);
	return parsed.data;
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
			plannedDate: move(d.plannedDate),
			...(d.validatedOn && { validatedOn: move(d.validatedOn) }),
			...(d.submittedOn && { submittedOn: move(d.submittedOn) })
		})),
		milestones: doc.milestones.map((m) => ({ ...m, dateRule: moveRule(m.dateRule) })),
		tranches: doc.tranches.map((t) => ({
			...t,
			invoiceDate: t.invoiceDate ? move(t.invoiceDate) : null,
			payments: t.payments.map((p) => ({ ...p, paidOn: move(p.paidOn) }))
		})),
		...(doc.timeEntries && {
			timeEntries: doc.timeEntries.map((e) => ({ ...e, weekStart: mondayOf(move(e.weekStart)) }))
		}),
		...(doc.expenses && { expenses: doc.expenses.map((e) => ({ ...e, incurredOn: move(e.incurredOn) })) })
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

/** Each tranche's type: as written, or (documents before tranche types) acompte, the last solde. */
export function documentTrancheKinds(tranches: readonly { kind?: TrancheKind }[]): TrancheKind[] {
	const defaults = defaultKinds(tranches.length);
	return tranches.map((t, i) => t.kind ?? defaults[i]!);
}
