import { describe, expect, it } from 'vitest';
import { filtersFromSearch, overlapsPeriod, searchOfFilters } from './mission-filters';

describe('mission filters in the address', () => {
	it('reads and writes the same filters, in French names, dropping empty ones', () => {
		const filters = { programmeId: 'p1', status: 'ACTIVE' as const, from: '2026-01-01', to: '2026-06-30' };
		const search = searchOfFilters(filters);
		expect(search).toBe('?programme=p1&statut=ACTIVE&du=2026-01-01&au=2026-06-30');
		expect(filtersFromSearch(new URLSearchParams(search))).toEqual({ ...filters, beneficiaryId: undefined });
		expect(searchOfFilters({ programmeId: '', beneficiaryId: undefined })).toBe('');
	});

	it('drops an unknown status, reads a French date and keeps a malformed one for the API to refuse', () => {
		expect(filtersFromSearch(new URLSearchParams('statut=PERDU&du=31/02/2026&au=15/1/2026&beneficiaire=%20'))).toEqual({
			programmeId: undefined,
			beneficiaryId: undefined,
			status: undefined,
			from: '31/02/2026',
			to: '2026-01-15'
		});
	});

	it('keeps a mission that meets the period, bounds included', () => {
		expect(overlapsPeriod('2026-01-05', '2026-03-20', { from: '2026-03-20' })).toBe(true);
		expect(overlapsPeriod('2026-01-05', '2026-03-20', { from: '2026-03-21' })).toBe(false);
		expect(overlapsPeriod('2026-01-05', '2026-03-20', { to: '2026-01-05' })).toBe(true);
		expect(overlapsPeriod('2026-01-05', '2026-03-20', { to: '2026-01-04' })).toBe(false);
		expect(overlapsPeriod('2026-01-05', '2026-03-20', {})).toBe(true);
	});
});
