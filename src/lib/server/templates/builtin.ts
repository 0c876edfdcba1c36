// Templates shipped with Jalon, written as mission documents whose kick-off is 5 January 2026;
// instantiating one moves every date to the chosen kick-off (see moveDocumentTo).
import { MISSION_DOCUMENT_FORMAT, MISSION_DOCUMENT_VERSION, type MissionDocument } from '$lib/mission-document';
import { addWorkingDays } from '$lib/domain/calendar';
import { DELIVERABLE_DELAYS, ORDER_DELAYS } from '$lib/domain/programme-orders';

const BASE = '2026-01-05';

function base(
	title: string
): Omit<MissionDocument, 'tasks' | 'dependencies' | 'deliverables' | 'milestones' | 'tranches'> {
	return {
		format: MISSION_DOCUMENT_FORMAT,
		version: MISSION_DOCUMENT_VERSION,
		mission: {
			title,
			clientOrganisation: 'À renseigner',
			reference: null,
			kickoffDate: BASE,
			plannedEndDate: null,
			budgetCapCents: 1,
			capBasis: 'TTC',
			vatRateBp: 2000,
			status: 'DRAFT',
			contractAmountHtCents: null,
			paymentDelayDays: 30
		},
		contacts: [],
		costPlan: { profiles: [], lines: [] },
		funders: []
	};
}

const task = (
	ref: string,
	parentRef: string | null,
	kind: 'PHASE' | 'TASK',
	name: string,
	startDate: string,
	endDate: string
) => ({
	ref,
	parentRef,
	kind,
	name,
	startDate,
	endDate,
	progress: 0
});

/** Finish-to-start links in a row: each task follows the one before it (calendar-day lags). */
const chain = (...refs: (string | [ref: string, lagDays: number])[]): MissionDocument['dependencies'] =>
	refs.slice(1).map((item, k) => {
		const [successorRef, lagDays] = typeof item === 'string' ? [item, 0] : item;
		const before = refs[k]!;
		return { predecessorRef: typeof before === 'string' ? before : before[0], successorRef, type: 'FS', lagDays };
	});

/** The CUF shape: audit at +3 weeks, diagnostic at +6 weeks, roadmap at +15 weeks, 30/40/30. */
const study: MissionDocument = {
	...base('Étude en trois livrables'),
	tasks: [
		task('p1', null, 'PHASE', 'Cadrage', '2026-01-05', '2026-01-09'),
		task('t1', 'p1', 'TASK', 'Réunion de cadrage et plan de travail', '2026-01-05', '2026-01-09'),
		task('p2', null, 'PHASE', 'Phase 1 — Audit', '2026-01-12', '2026-01-23'),
		task('t2', 'p2', 'TASK', 'Entretiens avec les équipes', '2026-01-12', '2026-01-16'),
		task('t3', 'p2', 'TASK', 'Analyse et rapport d’audit', '2026-01-19', '2026-01-23'),
		task('p3', null, 'PHASE', 'Phase 2 — Diagnostic', '2026-01-26', '2026-02-13'),
		task('t4', 'p3', 'TASK', 'Diagnostic et cas d’usage', '2026-01-26', '2026-02-13'),
		task('p4', null, 'PHASE', 'Phase 3 — Feuille de route', '2026-02-16', '2026-04-17'),
		task('t5', 'p4', 'TASK', 'Recommandations et feuille de route', '2026-02-16', '2026-04-10'),
		task('t6', 'p4', 'TASK', 'Restitution finale', '2026-04-13', '2026-04-17')
	],
	dependencies: chain('t1', 't2', 't3', 't4', 't5', 't6'),
	deliverables: [
		{
			ref: 'd1',
			number: 1,
			title: 'Rapport d’audit',
			description: null,
			expectedFormat: 'Rapport PDF + annexes',
			dueRule: { kind: 'OFFSET', amount: 3, unit: 'WEEKS' },
			plannedDate: '2026-01-23',
			status: 'TODO'
		},
		{
			ref: 'd2',
			number: 2,
			title: 'Diagnostic',
			description: null,
			expectedFormat: 'Rapport PDF + annexes',
			dueRule: { kind: 'OFFSET', amount: 6, unit: 'WEEKS' },
			plannedDate: '2026-02-13',
			status: 'TODO'
		},
		{
			ref: 'd3',
			number: 3,
			title: 'Feuille de route',
			description: null,
			expectedFormat: 'Document PDF, diagramme de Gantt, annexes',
			dueRule: { kind: 'OFFSET', amount: 15, unit: 'WEEKS' },
			plannedDate: '2026-04-17',
			status: 'TODO'
		}
	],
	milestones: [
		{
			ref: 'm1',
			name: 'Signature du contrat (démarrage)',
			kind: 'CONTRACT',
			dateRule: { kind: 'OFFSET', amount: 0, unit: 'DAYS' },
			isWeek: false,
			timeOfDay: null
		}
	],
	tranches: [
		{
			label: 'Signature du contrat',
			percentBp: 3000,
			triggerKind: 'MILESTONE',
			triggerRef: 'm1',
			status: 'PLANNED',
			invoiceNumber: null,
			invoiceDate: null,
			payments: []
		},
		{
			label: 'Mi-mission (diagnostic validé)',
			percentBp: 4000,
			triggerKind: 'DELIVERABLE_VALIDATION',
			triggerRef: 'd2',
			status: 'PLANNED',
			invoiceNumber: null,
			invoiceDate: null,
			payments: []
		},
		{
			label: 'Livraison finale',
			percentBp: 3000,
			kind: 'SOLDE',
			triggerKind: 'DELIVERABLE_VALIDATION',
			triggerRef: 'd3',
			status: 'PLANNED',
			invoiceNumber: null,
			invoiceDate: null,
			payments: []
		}
	]
};

/** Awareness module, then individual diagnostics, then follow-up modules, in several cities. */
const training: MissionDocument = {
	...base('Parcours de formation'),
	tasks: [
		task('p1', null, 'PHASE', 'Module de sensibilisation (1 jour)', '2026-01-12', '2026-01-16'),
		task('t1', 'p1', 'TASK', 'Session de sensibilisation — Lyon', '2026-01-12', '2026-01-12'),
		task('t2', 'p1', 'TASK', 'Session de sensibilisation — Nantes', '2026-01-14', '2026-01-14'),
		task('t3', 'p1', 'TASK', 'Session de sensibilisation — Lille', '2026-01-16', '2026-01-16'),
		task('p2', null, 'PHASE', 'Diagnostics individuels (½ journée par entreprise)', '2026-01-19', '2026-02-06'),
		task('t4', 'p2', 'TASK', 'Diagnostics individuels', '2026-01-19', '2026-02-06'),
		task('p3', null, 'PHASE', 'Modules de suivi (½ journée)', '2026-02-09', '2026-03-06'),
		task('t5', 'p3', 'TASK', 'Module de suivi 1', '2026-02-09', '2026-02-13'),
		task('t6', 'p3', 'TASK', 'Module de suivi 2', '2026-03-02', '2026-03-06')
	],
	dependencies: chain('t3', 't4', 't5', ['t6', 14]),
	deliverables: [
		{
			ref: 'd1',
			number: 1,
			title: 'Supports de sensibilisation',
			description: null,
			expectedFormat: 'Diaporama + livret',
			dueRule: { kind: 'OFFSET', amount: 4, unit: 'WORKING_DAYS' },
			plannedDate: '2026-01-09',
			status: 'TODO'
		},
		{
			ref: 'd2',
			number: 2,
			title: 'Synthèse des diagnostics',
			description: null,
			expectedFormat: 'Rapport PDF',
			dueRule: { kind: 'OFFSET', amount: 30, unit: 'WORKING_DAYS' },
			plannedDate: '2026-02-13',
			status: 'TODO'
		},
		{
			ref: 'd3',
			number: 3,
			title: 'Bilan du parcours',
			description: null,
			expectedFormat: 'Rapport PDF',
			dueRule: { kind: 'OFFSET', amount: 50, unit: 'WORKING_DAYS' },
			plannedDate: '2026-03-13',
			status: 'TODO'
		}
	],
	milestones: [
		{
			ref: 'm1',
			name: 'Lancement du parcours',
			kind: 'CONTRACT',
			dateRule: { kind: 'OFFSET', amount: 0, unit: 'DAYS' },
			isWeek: false,
			timeOfDay: null
		},
		{
			ref: 'm2',
			name: 'Sessions dans les villes',
			kind: 'STEERING',
			dateRule: { kind: 'OFFSET', amount: 1, unit: 'WEEKS' },
			isWeek: true,
			timeOfDay: null
		}
	],
	tranches: [
		{
			label: 'Lancement',
			percentBp: 3000,
			triggerKind: 'MILESTONE',
			triggerRef: 'm1',
			status: 'PLANNED',
			invoiceNumber: null,
			invoiceDate: null,
			payments: []
		},
		{
			label: 'Diagnostics réalisés',
			percentBp: 4000,
			triggerKind: 'DELIVERABLE_VALIDATION',
			triggerRef: 'd2',
			status: 'PLANNED',
			invoiceNumber: null,
			invoiceDate: null,
			payments: []
		},
		{
			label: 'Bilan',
			percentBp: 3000,
			kind: 'SOLDE',
			triggerKind: 'DELIVERABLE_VALIDATION',
			triggerRef: 'd3',
			status: 'PLANNED',
			invoiceNumber: null,
			invoiceDate: null,
			payments: []
		}
	]
};

/** Working days after J (the need expressed) in the framework agreement's rules (programme-orders.ts). */
const QUOTE_DAY = ORDER_DELAYS.quote;
const VALIDATION_DAY = QUOTE_DAY + ORDER_DELAYS.validation;
const PURCHASE_ORDER_DAY = VALIDATION_DAY + ORDER_DELAYS.purchaseOrder;
/** The work itself: 20 working days from the purchase order, replaced by the quote's plan. */
const WORK_DAYS = 20;
const WORK_END_DAY = PURCHASE_ORDER_DAY + WORK_DAYS - 1;
const [SHORT_REPORT_DELAY, FULL_REPORT_DELAY] = DELIVERABLE_DELAYS;
const afterJ = (days: number) => addWorkingDays(BASE, days);

/**
 * « Commande sur accord-cadre »: the programme's rules for an order. Need at day J; quote within
 * 10 working days; validation within 10 more; purchase order within 15 more; the work from the
 * purchase order; short report within 10 working days of the end of the work, full report within
 * 20 (each tied to the work: they follow it when it moves). All in working days, French public
 * holidays excluded; moving the kick-off keeps every working-day distance (moveDocumentTo).
 */
const frameworkOrder: MissionDocument = {
	...base('Commande sur accord-cadre'),
	tasks: [
		task('p1', null, 'PHASE', 'Réalisation de la prestation', afterJ(PURCHASE_ORDER_DAY), afterJ(WORK_END_DAY)),
		task('t1', 'p1', 'TASK', 'Réalisation', afterJ(PURCHASE_ORDER_DAY), afterJ(WORK_END_DAY))
	],
	dependencies: [],
	deliverables: [
		{
			ref: 'd1',
			number: 1,
			title: 'Devis',
			description: null,
			expectedFormat: 'PDF',
			dueRule: { kind: 'OFFSET', amount: QUOTE_DAY, unit: 'WORKING_DAYS' },
			plannedDate: afterJ(QUOTE_DAY),
			status: 'TODO'
		},
		{
			ref: 'd2',
			number: 2,
			title: 'Rapport court',
			description: null,
			expectedFormat: 'PDF',
			dueRule: { kind: 'OFFSET', amount: WORK_END_DAY + SHORT_REPORT_DELAY, unit: 'WORKING_DAYS' },
			plannedDate: afterJ(WORK_END_DAY + SHORT_REPORT_DELAY),
			status: 'TODO',
			anchorRef: 't1',
			anchorLagDays: SHORT_REPORT_DELAY
		},
		{
			ref: 'd3',
			number: 3,
			title: 'Rapport complet',
			description: null,
			expectedFormat: 'PDF',
			dueRule: { kind: 'OFFSET', amount: WORK_END_DAY + FULL_REPORT_DELAY, unit: 'WORKING_DAYS' },
			plannedDate: afterJ(WORK_END_DAY + FULL_REPORT_DELAY),
			status: 'TODO',
			anchorRef: 't1',
			anchorLagDays: FULL_REPORT_DELAY
		}
	],
	milestones: [
		{
			ref: 'm1',
			name: 'Expression du besoin (J)',
			kind: 'CONTRACT',
			dateRule: { kind: 'OFFSET', amount: 0, unit: 'DAYS' },
			isWeek: false,
			timeOfDay: null
		},
		{
			ref: 'm2',
			name: `Devis (J + ${ORDER_DELAYS.quote} jours ouvrés)`,
			kind: 'STEERING',
			dateRule: { kind: 'OFFSET', amount: QUOTE_DAY, unit: 'WORKING_DAYS' },
			isWeek: false,
			timeOfDay: null
		},
		{
			ref: 'm3',
			name: `Validation du devis (+${ORDER_DELAYS.validation} jours ouvrés)`,
			kind: 'STEERING',
			dateRule: { kind: 'OFFSET', amount: VALIDATION_DAY, unit: 'WORKING_DAYS' },
			isWeek: false,
			timeOfDay: null
		},
		{
			ref: 'm4',
			name: `Bon de commande (+${ORDER_DELAYS.purchaseOrder} jours ouvrés)`,
			kind: 'CONTRACT',
			dateRule: { kind: 'OFFSET', amount: PURCHASE_ORDER_DAY, unit: 'WORKING_DAYS' },
			isWeek: false,
			timeOfDay: null
		},
		{
			ref: 'm5',
			name: 'Fin des travaux',
			kind: 'DELIVERY',
			dateRule: { kind: 'OFFSET', amount: WORK_END_DAY, unit: 'WORKING_DAYS' },
			isWeek: false,
			timeOfDay: null
		}
	],
	tranches: [
		{
			label: 'Rapport complet validé',
			percentBp: 10_000,
			triggerKind: 'DELIVERABLE_VALIDATION',
			triggerRef: 'd3',
			status: 'PLANNED',
			invoiceNumber: null,
			invoiceDate: null,
			payments: []
		}
	]
};

/**
 * A support service under a scheme (Cités Unies France, 2018): terms of reference, consultants'
 * short proposals (method, deliverables, amount), choice with the steering committee, contract,
 * work, then the final deliverable; the consultant is paid in full once the work is accepted.
 * Created under a programme (programmes.createMission), the funders follow the scheme's rule.
 */
const supportService: MissionDocument = {
	...base('Prestation d’appui (dispositif de soutien)'),
	tasks: [
		task('p1', null, 'PHASE', 'Cadrage de la prestation', '2026-01-05', '2026-01-30'),
		task('t1', 'p1', 'TASK', 'Termes de référence de la prestation', '2026-01-05', '2026-01-09'),
		task('t2', 'p1', 'TASK', 'Propositions courtes des consultants', '2026-01-12', '2026-01-23'),
		task('t3', 'p1', 'TASK', 'Choix du consultant et contrat', '2026-01-26', '2026-01-30'),
		task('p2', null, 'PHASE', 'Réalisation', '2026-02-02', '2026-03-27'),
		task('t4', 'p2', 'TASK', 'Réalisation de la prestation', '2026-02-02', '2026-03-20'),
		task('t5', 'p2', 'TASK', 'Restitution à la collectivité', '2026-03-23', '2026-03-27')
	],
	dependencies: chain('t1', 't2', 't3', 't4', 't5'),
	deliverables: [
		{
			ref: 'd1',
			number: 1,
			title: 'Proposition retenue (méthode, livrables, montant)',
			description: null,
			expectedFormat: 'PDF',
			dueRule: { kind: 'OFFSET', amount: 14, unit: 'WORKING_DAYS' },
			plannedDate: '2026-01-23',
			status: 'TODO'
		},
		{
			ref: 'd2',
			number: 2,
			title: 'Livrable final de la prestation',
			description: null,
			expectedFormat: 'Rapport PDF',
			dueRule: { kind: 'OFFSET', amount: 59, unit: 'WORKING_DAYS' },
			plannedDate: '2026-03-27',
			status: 'TODO'
		}
	],
	milestones: [
		{
			ref: 'm1',
			name: 'Sélection en comité de pilotage',
			kind: 'SELECTION',
			dateRule: { kind: 'OFFSET', amount: 0, unit: 'DAYS' },
			isWeek: false,
			timeOfDay: null
		},
		{
			ref: 'm2',
			name: 'Signature du contrat',
			kind: 'CONTRACT',
			dateRule: { kind: 'OFFSET', amount: 19, unit: 'WORKING_DAYS' },
			isWeek: false,
			timeOfDay: null
		}
	],
	tranches: [
		{
			label: 'Prestation réalisée et acceptée',
			percentBp: 10_000,
			triggerKind: 'DELIVERABLE_VALIDATION',
			triggerRef: 'd2',
			status: 'PLANNED',
			invoiceNumber: null,
			invoiceDate: null,
			payments: []
		}
	]
};

export const BUILTIN_TEMPLATES: { id: string; name: string; description: string; document: MissionDocument }[] = [
	{
		id: 'builtin:study',
		name: 'Étude en trois livrables',
		description: 'Audit à 3 semaines, diagnostic à 6, feuille de route à 15 ; tranches 30 / 40 / 30.',
		document: study
	},
	{
		id: 'builtin:training',
		name: 'Parcours de formation',
		description:
			'Sensibilisation d’une journée, diagnostics individuels d’une demi-journée, modules de suivi, sessions dans plusieurs villes.',
		document: training
	},
	{
		id: 'builtin:framework-order',
		name: 'Commande sur accord-cadre',
		description:
			'Besoin à J, devis à 10 jours ouvrés, validation à +10, bon de commande à +15, rapports à 10 et 20 jours ouvrés après la fin des travaux.',
		document: frameworkOrder
	},
	{
		id: 'builtin:support-service',
		name: 'Prestation d’appui (dispositif de soutien)',
		description:
			'Termes de référence, propositions des consultants, choix en comité, contrat, réalisation ; payée en totalité une fois acceptée.',
		document: supportService
	}
];
