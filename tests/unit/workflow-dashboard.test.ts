import { describe, expect, test } from 'vitest';
import {
	applyWorkflowAction,
	availableActions,
	validationDelayDays,
	WorkflowError
} from '$lib/domain/deliverable-workflow';
import { deliverableFlag, upcoming } from '$lib/domain/dashboard';

function code(run: () => unknown): string | undefined {
	try {
		run();
	} catch (error) {
		if (error instanceof WorkflowError) return error.code;
		throw error;
	}
	return undefined;
}

describe('deliverable workflow', () => {
	test('submit, rework with a comment, resubmit, validate', () => {
		let status = applyWorkflowAction('TODO', 'START', 'COORDINATOR');
		expect(status).toBe('IN_PROGRESS');
		status = applyWorkflowAction(status, 'SUBMIT', 'COORDINATOR');
		expect(status).toBe('SUBMITTED');
		status = applyWorkflowAction(status, 'REQUEST_REWORK', 'SUPERVISOR', 'Ajouter la cartographie des flux');
		expect(status).toBe('REWORK');
		status = applyWorkflowAction(status, 'SUBMIT', 'COORDINATOR');
		expect(applyWorkflowAction(status, 'VALIDATE', 'SUPERVISOR')).toBe('VALIDATED');
	});

	test('refuses the wrong actor, an impossible transition and a rework without comment', () => {
		expect(code(() => applyWorkflowAction('SUBMITTED', 'VALIDATE', 'COORDINATOR'))).toBe('WRONG_ACTOR');
		expect(code(() => applyWorkflowAction('TODO', 'SUBMIT', 'SUPERVISOR'))).toBe('WRONG_ACTOR');
		expect(code(() => applyWorkflowAction('IN_PROGRESS', 'VALIDATE', 'SUPERVISOR'))).toBe('INVALID_TRANSITION');
		expect(code(() => applyWorkflowAction('VALIDATED', 'SUBMIT', 'COORDINATOR'))).toBe('INVALID_TRANSITION');
		expect(code(() => applyWorkflowAction('SUBMITTED', 'REQUEST_REWORK', 'SUPERVISOR', '  '))).toBe('COMMENT_REQUIRED');
	});

	test('lists only the actions that will work', () => {
		expect(availableActions('SUBMITTED', 'SUPERVISOR')).toEqual(['VALIDATE', 'REQUEST_REWORK']);
		expect(availableActions('SUBMITTED', 'COORDINATOR')).toEqual([]);
		expect(availableActions('REWORK', 'COORDINATOR')).toEqual(['START', 'SUBMIT']);
	});

	test('a validation after the deadline shows by how many days', () => {
		expect(validationDelayDays('2025-12-15', '2025-12-19')).toBe(4);
		expect(validationDelayDays('2025-12-15', '2025-12-10')).toBe(0);
	});
});

describe('supervisors’ flags', () => {
	const d = (status: 'TODO' | 'SUBMITTED' | 'VALIDATED' | 'REWORK', plannedDate = '2025-12-12') => ({
		contractualDeadline: '2025-12-15',
		plannedDate,
		status
	});

	test('red when the deadline passed and nothing is handed in', () => {
		expect(deliverableFlag(d('TODO'), '2025-12-16')).toBe('RED');
		expect(deliverableFlag(d('REWORK'), '2025-12-16')).toBe('RED');
		expect(deliverableFlag(d('SUBMITTED'), '2025-12-16')).toBe('GREEN');
		expect(deliverableFlag(d('VALIDATED'), '2026-01-16')).toBe('GREEN');
	});

	test('amber when due within 7 days or planned after the deadline', () => {
		expect(deliverableFlag(d('TODO'), '2025-12-08')).toBe('AMBER');
		expect(deliverableFlag(d('TODO'), '2025-12-07')).toBe('GREEN');
		expect(deliverableFlag(d('TODO', '2025-12-19'), '2025-11-25')).toBe('AMBER');
	});

	test('upcoming items in the next 14 days, soonest first', () => {
		const items = [{ date: '2025-12-20' }, { date: '2025-12-08' }, { date: '2025-12-01' }, { date: '2025-11-30' }];
		expect(upcoming(items, '2025-12-01').map((i) => i.date)).toEqual(['2025-12-01', '2025-12-08']);
	});
});
