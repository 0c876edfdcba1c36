import { describe, expect, it } from 'vitest';
import { formatTie, parseTie } from '$lib/components/plan/table-rows';

// The Prédécesseurs cell of a deliverable or milestone row holds its tie to a task's end.
describe('a tie in the task table', () => {
	const numbers = new Map([
		['task-a', '4.1'],
		['task-b', '4.2']
	]);

	it('reads and writes "4.1" and "4.1+2j"', () => {
		expect(formatTie('4.1', 0)).toBe('4.1');
		expect(formatTie('4.1', 2)).toBe('4.1+2j');
		expect(formatTie('4.1', -1)).toBe('4.1-1j');
		expect(parseTie('4.1+2j', numbers)).toEqual({ ok: true, taskId: 'task-a', lagDays: 2 });
		expect(parseTie(' 4.2 ', numbers)).toEqual({ ok: true, taskId: 'task-b', lagDays: 0 });
		expect(parseTie('', numbers)).toEqual({ ok: true, taskId: null, lagDays: 0 });
	});

	it('refuses, in French, what is not one task end in working days', () => {
		for (const text of ['4.1; 4.2', '4.1DD', '4.1+2jé']) {
			const parsed = parseTie(text, numbers);
			expect(parsed.ok, text).toBe(false);
			expect(!parsed.ok && parsed.message, text).toMatch(/Rattachez-le à la fin d’une seule tâche/);
		}
		expect(parseTie('9.9', numbers)).toEqual({ ok: false, message: 'Aucune ligne ne porte le numéro 9.9.' });
	});
});
