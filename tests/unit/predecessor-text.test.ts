import { describe, expect, it } from 'vitest';
import { formatPredecessors, parsePredecessors, type PredecessorEntry } from '$lib/domain/predecessor-text';

const entry = (
	row: string,
	type: PredecessorEntry['type'] = 'FS',
	lag = 0,
	lagUnit: PredecessorEntry['lagUnit'] = 'WORKING_DAYS'
) => ({
	row,
	type,
	lag,
	lagUnit
});

describe('parsePredecessors', () => {
	it.each([
		['3', [entry('3')]],
		['3FD+2j', [entry('3', 'FS', 2)]],
		['4DD', [entry('4', 'SS')]],
		['5FF-1j', [entry('5', 'FF', -1)]],
		['6DF', [entry('6', 'SF')]],
		['7FD+3jé', [entry('7', 'FS', 3, 'ELAPSED_DAYS')]],
		['7fd+3je', [entry('7', 'FS', 3, 'ELAPSED_DAYS')]],
		['1.2 DD + 4', [entry('1.2', 'SS', 4)]],
		['3; 4DD, 5FF-1j', [entry('3'), entry('4', 'SS'), entry('5', 'FF', -1)]],
		['8SS+1j', [entry('8', 'SS', 1)]],
		['  ', []],
		['', []]
	])('reads %j', (text, expected) => {
		expect(parsePredecessors(text)).toEqual({ ok: true, entries: expected });
	});

	it('reads a decomposed "é" (NFD) like a composed one', () => {
		expect(parsePredecessors('7FD+3je\u0301')).toEqual({ ok: true, entries: [entry('7', 'FS', 3, 'ELAPSED_DAYS')] });
	});

	it.each([
		['abc', '« abc » n’est pas un prédécesseur'],
		['3XY', 'type de lien inconnu « XY »'],
		['3FD+2h', '« 3FD+2h » n’est pas un prédécesseur'],
		['3FD+1,5j', 'jours entiers'],
		['3FD+400j', '365 jours au plus'],
		['3; 3DD', 'La ligne 3 figure deux fois'],
		['-3', 'n’est pas un prédécesseur']
	])('refuses %j in French', (text, message) => {
		const parsed = parsePredecessors(text);
		expect(parsed.ok).toBe(false);
		if (!parsed.ok) expect(parsed.error).toContain(message);
	});
});

describe('formatPredecessors', () => {
	it('writes what French MS Project users type, and reads back the same', () => {
		const entries = [
			entry('3'),
			entry('3.1', 'FS', 2),
			entry('4', 'SS'),
			entry('5', 'FF', -1),
			entry('6', 'SF'),
			entry('7', 'FS', 3, 'ELAPSED_DAYS'),
			entry('8', 'SF', -2, 'ELAPSED_DAYS')
		];
		const text = formatPredecessors(entries);
		expect(text).toBe('3; 3.1FD+2j; 4DD; 5FF-1j; 6DF; 7FD+3jé; 8DF-2jé');
		expect(parsePredecessors(text)).toEqual({ ok: true, entries });
	});
});
