// A supervisor's decision is confirmed with the question it answers and what it entails; asking
// for rework needs a comment, validating does not.
import { describe, expect, it } from 'vitest';
import { commentRequired, decisionQuestion, isDecision } from '$lib/domain/deliverable-workflow';

describe('decisions on a hand-in', () => {
	it('are the two supervisor actions, and only rework needs a comment', () => {
		expect(['START', 'SUBMIT', 'VALIDATE', 'REQUEST_REWORK'].filter((a) => isDecision(a as never))).toEqual([
			'VALIDATE',
			'REQUEST_REWORK'
		]);
		expect(commentRequired('REQUEST_REWORK')).toBe(true);
		expect(commentRequired('VALIDATE')).toBe(false);
	});

	it('ask their question in French, naming the tranche a validation makes payable', () => {
		const diagnostic = { number: 2, title: 'Diagnostic IA (interne + externe)' };
		expect(decisionQuestion('VALIDATE', diagnostic, 'Mi-mission (diagnostic validé)')).toEqual({
			question: 'Valider le livrable 2 « Diagnostic IA (interne + externe) » ?',
			consequence:
				'La validation est enregistrée à votre nom et à la date du jour ; elle rend exigible la tranche « Mi-mission (diagnostic validé) ».'
		});
		expect(decisionQuestion('VALIDATE', diagnostic, null).consequence).not.toContain('tranche');
		expect(decisionQuestion('REQUEST_REWORK', diagnostic, null).question).toBe(
			'Demander la reprise du livrable 2 « Diagnostic IA (interne + externe) » ?'
		);
	});
});
