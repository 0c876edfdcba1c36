import { describe, expect, it } from 'vitest';
import { readFrenchDate } from './date-input';

describe('a date typed the French way', () => {
	it('reads day/month/year, with or without leading zeros, and ISO dates', () => {
		expect(readFrenchDate('27/03/2026')).toEqual({ ok: true, date: '2026-03-27' });
		expect(readFrenchDate(' 5/1/2026 ')).toEqual({ ok: true, date: '2026-01-05' });
		expect(readFrenchDate('15.12.2025')).toEqual({ ok: true, date: '2025-12-15' });
		expect(readFrenchDate('2025-12-15')).toEqual({ ok: true, date: '2025-12-15' });
		expect(readFrenchDate('')).toEqual({ ok: true, date: null });
	});

	it('refuses in French what is not a date, not a real day, or outside 2000–2099', () => {
		expect(readFrenchDate('2', 'Date prévue')).toEqual({
			ok: false,
			message: 'Date prévue : écrivez la date sous la forme JJ/MM/AAAA (par exemple 15/12/2025).'
		});
		expect(readFrenchDate('31/02/2026')).toMatchObject({ ok: false, message: expect.stringContaining('n’existe pas') });
		expect(readFrenchDate('17/01/0002')).toEqual({
			ok: false,
			message: 'Date : la date doit être entre le 01/01/2000 et le 31/12/2099.'
		});
		// Month first (US order) is not a French date.
		expect(readFrenchDate('12/27/2026')).toMatchObject({ ok: false });
	});
});
