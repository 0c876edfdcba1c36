import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect';

describe('safeRedirectPath', () => {
	it('keeps paths of this site, with their query and fragment', () => {
		expect(safeRedirectPath('/missions/abc/finance?x=1#t')).toBe('/missions/abc/finance?x=1#t');
		expect(safeRedirectPath('/')).toBe('/');
	});

	it('refuses anything a browser could read as another site', () => {
		for (const target of [
			'/\\evil.example/phish',
			'\\\\evil.example',
			'//evil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			'https://evil.example/',
			'javascript:alert(1)',
			'evil.example',
			'',
			null,
			undefined
		]) {
			expect(safeRedirectPath(target), String(target)).toBe('/');
		}
	});

	it('answers the fallback it is given', () => {
		expect(safeRedirectPath('//evil.example', '/dashboard')).toBe('/dashboard');
	});
});
