// The deliverable workflow: à faire → en cours → remis (coordinator) → validé or à reprendre
// (supervisor) → remis again… A validation can make a payment tranche exigible.
import { daysBetween, type IsoDate } from './dates';
import type { DeliverableStatus } from './deliverables';

export type WorkflowActor = 'COORDINATOR' | 'SUPERVISOR';

export type WorkflowAction = 'START' | 'SUBMIT' | 'VALIDATE' | 'REQUEST_REWORK';

const TRANSITIONS: Record<WorkflowAction, { actor: WorkflowActor; from: DeliverableStatus[]; to: DeliverableStatus }> =
	{
		START: { actor: 'COORDINATOR', from: ['TODO', 'REWORK'], to: 'IN_PROGRESS' },
		SUBMIT: { actor: 'COORDINATOR', from: ['TODO', 'IN_PROGRESS', 'REWORK'], to: 'SUBMITTED' },
		VALIDATE: { actor: 'SUPERVISOR', from: ['SUBMITTED'], to: 'VALIDATED' },
		REQUEST_REWORK: { actor: 'SUPERVISOR', from: ['SUBMITTED'], to: 'REWORK' }
	};

const ACTION_LABELS: Record<WorkflowAction, string> = {
	START: 'démarrer',
	SUBMIT: 'remettre',
	VALIDATE: 'valider',
	REQUEST_REWORK: 'demander une reprise de'
};

export class WorkflowError extends Error {
	constructor(
		readonly code: 'WRONG_ACTOR' | 'INVALID_TRANSITION' | 'COMMENT_REQUIRED',
		message: string
	) {
		super(message);
		this.name = 'WorkflowError';
	}
}

/** The status after `action`, or a WorkflowError saying in French why it is not allowed. */
export function applyWorkflowAction(
	status: DeliverableStatus,
	action: WorkflowAction,
	actor: WorkflowActor,
	comment?: string | null
): DeliverableStatus {
	const rule = TRANSITIONS[action];
	if (rule.actor !== actor) {
		throw new WorkflowError(
			'WRONG_ACTOR',
			rule.actor === 'SUPERVISOR'
				? 'Seule la supervision peut valider un livrable ou demander sa reprise.'
				: 'Seule la coordination peut démarrer ou remettre un livrable.'
		);
	}
	if (!rule.from.includes(status)) {
		throw new WorkflowError('INVALID_TRANSITION', `Impossible de ${ACTION_LABELS[action]} un livrable dans cet état.`);
	}
	if (action === 'REQUEST_REWORK' && !comment?.trim()) {
		throw new WorkflowError('COMMENT_REQUIRED', 'Expliquez ce qui est à reprendre dans un commentaire.');
	}
	return rule.to;
}

/** Actions a given actor may take from a status (to show only the buttons that will work). */
export function availableActions(status: DeliverableStatus, actor: WorkflowActor): WorkflowAction[] {
	return (Object.keys(TRANSITIONS) as WorkflowAction[]).filter(
		(action) => TRANSITIONS[action].actor === actor && TRANSITIONS[action].from.includes(status)
	);
}

/** Days a validation came after the contractual deadline (0 when on time). */
export function validationDelayDays(contractualDeadline: IsoDate, validatedOn: IsoDate): number {
	return Math.max(0, daysBetween(contractualDeadline, validatedOn));
}
