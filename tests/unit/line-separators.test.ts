// U+2028 / U+2029 are line breaks: refused in one-line texts (names, titles) as a line feed is,
// replaced by a space where an import keeps what it can (issue 22, item 6).
import { describe, expect, it } from 'vitest';
import { hasForbiddenCharacters, withoutForbiddenCharacters } from '$lib/domain/text';
import { taskUpdateInput, text } from '$lib/schemas';

describe('line and paragraph separators', () => {
	it('are refused in a task name with the French message of a line break', () => {
		for (const separator of ['\u2028', '\u2029']) {
			const parsed = taskUpdateInput.safeParse({ taskId: 't1', expectedVersion: 1, name: `Cadrage${separator}suite` });
			expect(parsed.success).toBe(false);
			expect(parsed.error?.issues[0]?.message).toBe(
				'Le nom de la tâche contient un caractère invisible ou invalide (saut de ligne, caractère de contrôle) : retirez-le.'
			);
		}
		expect(text('Le titre', 100).safeParse('Cadrage et suite').success).toBe(true);
	});

	it('are single-line only: a multi-line text keeps them; an import turns them into spaces', () => {
		expect(hasForbiddenCharacters('a\u2028b', 'single-line')).toBe(true);
		expect(hasForbiddenCharacters('a\u2028b', 'multi-line')).toBe(false);
		expect(withoutForbiddenCharacters('Phase\u20281\u2029fin', 'single-line')).toBe('Phase 1 fin');
	});
});
