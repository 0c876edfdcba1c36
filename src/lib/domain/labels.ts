// French labels of the model's enumerations, shared by server messages and the UI.
import type { DeliverableStatus } from './deliverables';
import type { LagUnit, LinkType } from './schedule';

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

/** Link types as French planners name them (MS Project's FD, DD, FF, DF). */
export const linkTypeLabels: Record<LinkType, string> = {
	FS: 'Fin → début (FD)',
	SS: 'Début → début (DD)',
	FF: 'Fin → fin (FF)',
	SF: 'Début → fin (DF)'
};

/** A link's lag: "aucun", "+2 j ouvrés", "−1 j calendaire" (a lead is negative). */
export function lagLabel(lagDays: number, unit: LagUnit): string {
	if (lagDays === 0) return 'aucun';
	const days = Math.abs(lagDays);
	const kind = unit === 'WORKING_DAYS' ? (days > 1 ? 'ouvrés' : 'ouvré') : days > 1 ? 'calendaires' : 'calendaire';
	return `${lagDays > 0 ? '+' : '−'}${days} j ${kind}`;
}
