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
	if (commentRequired(action) && !comment?.trim()) {
		throw new WorkflowError('COMMENT_REQUIRED', COMMENT_REQUIRED_MESSAGE);
	}
	return rule.to;
}

export const COMMENT_REQUIRED_MESSAGE = 'Expliquez ce qui est à reprendre dans un commentaire.';

/** A supervisor's decision on a hand-in: it is confirmed first, with a comment. */
export type DecisionAction = Extract<WorkflowAction, 'VALIDATE' | 'REQUEST_REWORK'>;

export function isDecision(action: WorkflowAction): action is DecisionAction {
	return action === 'VALIDATE' || action === 'REQUEST_REWORK';
}

/** Asking for rework says what to rework; a validation's comment is optional. */
export function commentRequired(action: WorkflowAction): boolean {
	return action === 'REQUEST_REWORK';
}

/**
 * The question a supervisor confirms, with what the decision entails: a validation is final and
 * may make a payment tranche payable; a rework sends the deliverable back to the coordination.
 */
export function decisionQuestion(
	action: DecisionAction,
	deliverable: { number: number; title: string },
	unlocksTranche: string | null
): { question: string; consequence: string } {
	const name = `le livrable ${deliverable.number} « ${deliverable.title} »`;
	if (action === 'VALIDATE') {
		return {
			question: `Valider ${name} ?`,
			consequence: unlocksTranche
				? `La validation est enregistrée à votre nom et à la date du jour ; elle rend exigible la tranche « ${unlocksTranche} ».`
				: 'La validation est enregistrée à votre nom et à la date du jour.'
		};
	}
	return {
		question: `Demander la reprise du ${name.slice(3)} ?`,
		consequence: 'Le livrable repasse « à reprendre » : la coordination voit votre commentaire et le remet à nouveau.'
	};
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
