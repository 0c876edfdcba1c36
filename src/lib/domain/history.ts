// The history as its readers read it: which deliverable or tranche changed, French field names and
// French values (6 000,00 €, 15/12/2025, « remis »), never JSON or database codes.
import { formatDateFr, isIsoDate } from './dates';
import {
	deliverableStatusLabels,
	milestoneKindLabels,
	linkTypeLabels,
	missionStatusLabels,
	offsetUnitLabels,
	trancheStatusLabels
} from './labels';
import { buyerKindLabels } from './late-payment';
import { formatEuros, formatPercent } from './money';
import { trancheKindLabels, type TrancheKind } from './tranche-kinds';

export const objectTypeLabels: Record<string, string> = {
	task: 'Tâche',
	dependency: 'Lien',
	deliverable: 'Livrable',
	milestone: 'Jalon',
	mission: 'Mission',
	contract: 'Marché',
	tranche: 'Tranche',
	costPlan: 'Plan de charge',
	actuals: 'Temps et dépenses',
	funders: 'Financeurs',
	membership: 'Rôles',
	contact: 'Contact',
	calendarFeed: 'Abonnement agenda'
};

export const actionLabels: Record<string, string> = {
	create: 'création',
	update: 'modification',
	delete: 'suppression',
	workflow: 'circuit de validation',
	erase: 'effacement (RGPD)'
};

const FIELD_LABELS: Record<string, string> = {
	name: 'Nom',
	title: 'Titre',
	label: 'Libellé',
	number: 'Numéro',
	description: 'Description',
	expectedFormat: 'Format attendu',
	startDate: 'Début',
	endDate: 'Fin',
	progress: 'Avancement (%)',
	lagDays: 'Décalage (jours)',
	link: 'Lien',
	role: 'Rôle',
	status: 'Statut',
	comment: 'Commentaire',
	plannedDate: 'Date prévue',
	dueRuleKind: 'Type d’échéance',
	dueFixedDate: 'Échéance (date fixe)',
	dueOffset: 'Échéance (délai)',
	dueOffsetUnit: 'Unité du délai',
	dateRuleKind: 'Type de date',
	fixedDate: 'Date',
	offset: 'Délai',
	offsetUnit: 'Unité du délai',
	isWeek: 'Semaine entière',
	timeOfDay: 'Heure',
	kind: 'Type',
	kickoffDate: 'Démarrage',
	plannedEndDate: 'Fin prévue',
	budgetCapCents: 'Plafond',
	capBasis: 'Base du plafond',
	vatRateBp: 'Taux de TVA',
	clientOrganisation: 'Commanditaire',
	reference: 'Référence',
	origin: 'Origine',
	contractAmountHtCents: 'Montant du marché HT',
	paymentDelayDays: 'Délai de paiement (jours)',
	invoiceNumber: 'N° de facture',
	invoiceDate: 'Date de facture',
	paidCents: 'Montant payé',
	paidOn: 'Date de paiement',
	amountCents: 'Montant',
	overCapConfirmed: 'Dépassement du plafond confirmé',
	overCapComment: 'Motif du dépassement',
	percentBp: 'Part',
	triggerKind: 'Déclencheur',
	tranches: 'Tranches',
	dayRateHtCents: 'Tarif journalier HT',
	dayHundredths: 'Jours',
	fixedAmountHtCents: 'Coût fixe HT',
	amountHtCents: 'Montant HT',
	incurredOn: 'Date de la dépense',
	weekStart: 'Semaine du',
	funders: 'Financeurs',
	shareBp: 'Part',
	ceilingCents: 'Plafond',
	email: 'Courriel',
	organisation: 'Organisme',
	jobTitle: 'Fonction',
	// Finance changes recorded as the request they answer.
	updateTerms: 'Conditions du marché',
	setTranches: 'Échéancier des tranches',
	saveProfile: 'Profil enregistré',
	saveCostLine: 'Ligne du plan de charge enregistrée',
	deleteCostLine: 'Ligne du plan de charge supprimée',
	setTimeEntry: 'Temps passé',
	addExpense: 'Dépense ajoutée',
	setFunders: 'Financeurs',
	// Links, ties and terms: what a planner or a buyer calls them, not the column names.
	type: 'Type de lien',
	lagUnit: 'Unité du décalage',
	predecessors: 'Prédécesseurs',
	anchorTaskId: 'Tâche de rattachement',
	anchorLagDays: 'Décalage après la tâche (jours ouvrés)',
	parentId: 'Phase',
	sortOrder: 'Ordre',
	position: 'Position',
	deletedWith: 'Supprimé avec',
	buyerKind: 'Acheteur',
	latePaymentRateBp: 'Taux des pénalités de retard',
	delayOverLegalConfirmed: 'Délai au-delà du maximum légal confirmé',
	rateBp: 'Taux'
};

const LAG_UNIT_LABELS: Record<string, string> = { WORKING_DAYS: 'jours ouvrés', ELAPSED_DAYS: 'jours calendaires' };

const ROLE_LABELS: Record<string, string> = {
	COORDINATOR: 'coordination',
	SUPERVISOR: 'supervision',
	FINANCE: 'finance',
	VIEWER: 'lecture'
};
const TRIGGER_LABELS: Record<string, string> = {
	MILESTONE: 'un jalon',
	DELIVERABLE_VALIDATION: 'la validation d’un livrable'
};
const RULE_KIND_LABELS: Record<string, string> = { FIXED_DATE: 'date fixe', OFFSET: 'délai après démarrage' };

/** Keys that only point to other rows or steer the request: not worth a reader's time. */
const HIDDEN_KEYS = /^(missionId|expectedVersion|confirmOverCap|.*Id)$/;

const NUMERIC_FIELDS =
	/(Cents|Bp|Days|Hundredths)$|^(progress|number|offset|dueOffset|overCapConfirmed|sortOrder|position)$/;

export function fieldLabel(field: string): string {
	return FIELD_LABELS[field] ?? field;
}

const quoted = (label: string | undefined, raw: string) => `« ${(label ?? raw).toLocaleLowerCase('fr-FR')} »`;
const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** One value in French, knowing its field and the kind of object it belongs to. */
export function formatValue(field: string, value: unknown, objectType = ''): string {
	if (value === null || value === undefined || value === '') return '—';
	if (typeof value === 'boolean') return value ? 'oui' : 'non';
	if (Array.isArray(value)) return value.map((v) => formatValue(field, v, objectType)).join(' ; ');
	if (typeof value === 'object') {
		return Object.entries(value as Record<string, unknown>)
			.filter(([key, v]) => !HIDDEN_KEYS.test(key) && v !== null && v !== undefined && v !== '')
			.map(([key, v]) => `${fieldLabel(key)} : ${formatValue(key, v, objectType)}`)
			.join(', ');
	}
	if (typeof value === 'number') {
		if (/Cents$/.test(field) || field === 'overCapConfirmed') return formatEuros(value);
		if (/Bp$/.test(field)) return formatPercent(value);
		if (field === 'dayHundredths') return `${numberFormat.format(value / 100)} j`;
		return numberFormat.format(value);
	}
	const text = String(value);
	if (field === 'status') {
		if (objectType === 'deliverable') return quoted(deliverableStatusLabels[text as never], text);
		if (objectType === 'tranche') return quoted(trancheStatusLabels[text as never], text);
		if (objectType === 'mission') return quoted(missionStatusLabels[text as never], text);
	}
	if (field === 'role') return quoted(ROLE_LABELS[text], text);
	// A task becomes a summary row when it gets sub-tasks, and a task again without them.
	if (field === 'kind' && objectType === 'task') return text === 'PHASE' ? 'phase (récapitulative)' : 'tâche';
	if (field === 'type' && text in linkTypeLabels)
		return linkTypeLabels[text as keyof typeof linkTypeLabels].toLocaleLowerCase('fr-FR');
	if (field === 'lagUnit') return LAG_UNIT_LABELS[text] ?? text;
	if (field === 'buyerKind' && text in buyerKindLabels)
		return buyerKindLabels[text as keyof typeof buyerKindLabels].toLocaleLowerCase('fr-FR');
	if (field === 'kind' && text in milestoneKindLabels) return milestoneKindLabels[text as never];
	if (field === 'kind' && text in trancheKindLabels) return trancheKindLabels[text as TrancheKind];
	if (field === 'triggerKind') return TRIGGER_LABELS[text] ?? text;
	if (field === 'dueRuleKind' || field === 'dateRuleKind') return RULE_KIND_LABELS[text] ?? text;
	if (/OffsetUnit$|^offsetUnit$/.test(field) || field === 'dueOffsetUnit')
		return offsetUnitLabels[text as keyof typeof offsetUnitLabels] ?? text;
	if (isIsoDate(text)) return formatDateFr(text);
	return text;
}

/**
 * A stored audit value (a string as given, anything else as JSON) in French. A number stored as
 * text ("200000" for paidCents) reads as the amount it is.
 */
export function describeStoredValue(
	field: string,
	stored: string | null,
	objectType = '',
	/** The current name of a row an id points to (a task for anchorTaskId); undefined when unknown. */
	nameOf?: (id: string) => string | undefined
): string {
	if (stored === null) return '—';
	// A reference to another row reads as that row's name, never its id.
	if (/Id$/.test(field) && !/^[[{]/.test(stored)) return nameOf?.(stored) ?? 'élément supprimé';
	let value: unknown = stored;
	// Text fields keep their text: an invoice number "2025001" is not a number to format.
	const numeric = NUMERIC_FIELDS.test(field) && /^-?\d+(\.\d+)?$/.test(stored);
	if (numeric || /^[[{]/.test(stored) || stored === 'true' || stored === 'false') {
		try {
			value = JSON.parse(stored);
		} catch {
			value = stored;
		}
	}
	return formatValue(field, value, objectType);
}

/** One row of the history as the audit list gives it, with its French display. */
export interface HistoryEvent {
	id: string;
	at: string;
	actorName: string;
	objectType: string;
	objectId: string;
	action: string;
	field: string | null;
	display: { object: string; action: string; field: string; before: string; after: string; comment: string | null };
}

export interface HistoryChange {
	object: string;
	field: string;
	before: string;
	after: string;
	comment: string | null;
}

/** One user action: its changes, possibly on several objects (a move and the tasks it pushed). */
export interface HistoryEntry {
	id: string;
	at: string;
	actorName: string;
	/** The objects it changed, in French ("Tâche « 4.3 »", or several joined). */
	object: string;
	objectTypes: string[];
	action: string;
	changes: HistoryChange[];
}

/** Moves of the same bar by the same person this close together read as one move (arrow presses). */
const SAME_MOVE_MS = 5 * 60_000;
const DATE_FIELDS = new Set(['startDate', 'endDate', 'plannedDate', 'date']);

interface Group {
	events: HistoryEvent[];
	oldest: number;
}

const isMoveEvent = (e: HistoryEvent) => e.action === 'update' && e.field !== null && DATE_FIELDS.has(e.field);
const isMove = (group: Group) => group.events.every(isMoveEvent);

/**
 * The history one row per user action, newest first: the rows one call wrote (a move with its
 * pushes, a status with its comment: they share its time) are one entry, and consecutive moves of the same bars by the
 * same person within a few minutes (five presses of an arrow key) are one move, from the first
 * dates to the last. `events` comes newest first, as the audit list gives it.
 */
export function groupHistory(events: readonly HistoryEvent[]): HistoryEntry[] {
	const merged: Group[] = [];
	for (const original of events) {
		const event = { ...original, display: { ...original.display } };
		const at = Date.parse(event.at);
		const last = merged.at(-1);
		const sameActor = last !== undefined && last.events[0]!.actorName === event.actorName;
		const sameRow = last?.events.find((e) => e.objectId === event.objectId && e.field === event.field);
		// An earlier move of a bar this move (or its pushes) also moved, a few minutes before at most.
		const earlierMove =
			sameActor &&
			isMoveEvent(event) &&
			isMove(last) &&
			last.oldest - at <= SAME_MOVE_MS &&
			last.events.some((e) => e.objectId === event.objectId);
		if (last && earlierMove) {
			if (sameRow) sameRow.display.before = event.display.before;
			else last.events.push(event);
			last.oldest = at;
		} else if (last && sameActor && !sameRow && last.oldest === at) {
			// Rows of one call carry its one time (audit.ts); two actions, however close, do not.
			last.events.push(event);
			last.oldest = at;
		} else {
			merged.push({ events: [event], oldest: at });
		}
	}
	return merged.map((group) => {
		const first = group.events[0]!;
		const objects = [...new Set(group.events.map((e) => e.display.object))];
		const several = objects.length > 1;
		return {
			id: first.id,
			at: first.at,
			actorName: first.actorName,
			object: objects.join(' · '),
			objectTypes: [...new Set(group.events.map((e) => e.objectType))],
			action: isMove(group) ? 'déplacement' : first.display.action,
			changes: group.events
				.filter((e) => e.field !== null || !several)
				.map((e) => ({
					object: several ? e.display.object : '',
					field: e.display.field,
					before: e.display.before,
					after: e.display.after,
					comment: e.display.comment
				}))
		};
	});
}
