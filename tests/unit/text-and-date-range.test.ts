import { describe, expect, it } from 'vitest';
import { hasForbiddenCharacters, withoutForbiddenCharacters } from '$lib/domain/text';
import { isDateInRange } from '$lib/domain/dates';
import { missionCreateInput, taskCreateInput } from '$lib/schemas';

describe('forbidden characters', () => {
	it('refuses control characters on one line, keeps line breaks in multi-line text', () => {
		expect(hasForbiddenCharacters('Étude Łódź, Timișoara, Gdańsk 🚀', 'single-line')).toBe(false);
		expect(hasForbiddenCharacters('a\u0007b', 'single-line')).toBe(true);
		expect(hasForbiddenCharacters('a\nb', 'single-line')).toBe(true);
		expect(hasForbiddenCharacters('a\nb\tc\r\n', 'multi-line')).toBe(false);
		expect(hasForbiddenCharacters('a\u0000b', 'multi-line')).toBe(true);
		expect(hasForbiddenCharacters('a\u0085b', 'multi-line')).toBe(true);
	});

	it('refuses lone surrogates but not a surrogate pair', () => {
		expect(hasForbiddenCharacters('\uD800', 'single-line')).toBe(true);
		expect(hasForbiddenCharacters('x\uDC00', 'single-line')).toBe(true);
		expect(hasForbiddenCharacters('\uD83D\uDE80', 'single-line')).toBe(false);
		expect(withoutForbiddenCharacters('a\uD800b\u0001c', 'single-line')).toBe('a b c');
	});
});

describe('date range', () => {
	it('accepts the years 2000 to 2099 only', () => {
		expect(isDateInRange('2000-01-01')).toBe(true);
		expect(isDateInRange('2099-12-31')).toBe(true);
		expect(isDateInRange('1999-12-31')).toBe(false);
		expect(isDateInRange('2100-01-01')).toBe(false);
		expect(isDateInRange('0002-01-17')).toBe(false);
	});

	it('is enforced by the shared schemas with a French message', () => {
		const result = taskCreateInput.safeParse({
			missionId: 'm',
			name: 'Tâche',
			startDate: '0002-01-17',
			endDate: '2026-01-20'
		});
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]?.message).toBe(
			'Date de début : la date doit être entre le 01/01/2000 et le 31/12/2099.'
		);
		const control = missionCreateInput.safeParse({
			title: 'Une\u0007étude',
			clientOrganisation: 'CUF',
			kickoffDate: '2026-01-05',
			budgetCapCents: 100,
			capBasis: 'HT',
			vatRateBp: 2000
		});
		expect(control.success).toBe(false);
		expect(control.error?.issues[0]?.message).toMatch(/caractère invisible ou invalide/);
	});
});
