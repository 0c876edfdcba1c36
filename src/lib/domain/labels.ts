// French labels of the model's enumerations, shared by server messages and the UI.
import type { DeliverableStatus } from './deliverables';

export const deliverableStatusLabels: Record<DeliverableStatus, string> = {
	TODO: 'À faire',
	IN_PROGRESS: 'En cours',
	SUBMITTED: 'Remis',
	VALIDATED: 'Validé',
	REWORK: 'À reprendre'
};

export type MilestoneKind = 'CONTRACT' | 'DELIVERY' | 'PAYMENT' | 'STEERING' | 'SELECTION';

export const milestoneKindLabels: Record<MilestoneKind, string> = {
	CONTRACT: 'Contrat',
	DELIVERY: 'Livraison',
	PAYMENT: 'Paiement',
	STEERING: 'Comité de pilotage',
	SELECTION: 'Sélection'
};

export type TrancheStatus = 'PLANNED' | 'DUE' | 'INVOICED' | 'PAID';
/** The status a person reads (stored status, trigger, payments and due date together). */
export type TrancheLifecycleStatus = TrancheStatus | 'PARTIALLY_PAID' | 'OVERDUE';

export const trancheStatusLabels: Record<TrancheLifecycleStatus, string> = {
	PLANNED: 'Prévue',
	DUE: 'Exigible',
	INVOICED: 'Facturée',
	PARTIALLY_PAID: 'Partiellement payée',
	PAID: 'Payée',
	OVERDUE: 'En retard'
};

export type MissionStatus = 'DRAFT' | 'ACTIVE' | 'COMPLETED' | 'CANCELLED';

export const missionStatusLabels: Record<MissionStatus, string> = {
	DRAFT: 'Brouillon',
	ACTIVE: 'En cours',
	COMPLETED: 'Terminée',
	CANCELLED: 'Annulée'
};

export type ContactRole = 'SUPERVISION' | 'COORDINATION' | 'FINANCE';

export const contactRoleLabels: Record<ContactRole, string> = {
	SUPERVISION: 'Supervision',
	COORDINATION: 'Coordination',
	FINANCE: 'Finance'
};

export const offsetUnitLabels = {
	DAYS: 'jours',
	WEEKS: 'semaines',
	WORKING_DAYS: 'jours ouvrés'
} as const;
