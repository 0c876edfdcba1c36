import { describe, expect, it } from 'vitest';
import { dateRuleFromColumns, describeDateRule, resolveDateRule, type DateRule } from '$lib/domain/date-rules';

const KICKOFF = '2025-11-24'; // Monday, kick-off of the CUF mission

const weeks = (amount: number): DateRule => ({ kind: 'OFFSET', amount, unit: 'WEEKS' });
const days = (amount: number): DateRule => ({ kind: 'OFFSET', amount, unit: 'DAYS' });
const workingDays = (amount: number): DateRule => ({ kind: 'OFFSET', amount, unit: 'WORKING_DAYS' });

describe('resolveDateRule', () => {
	it('gives the deadlines of the three CUF deliverables (3, 6 and 15 weeks after kick-off)', () => {
		expect(resolveDateRule(weeks(3), KICKOFF)).toBe('2025-12-15');
		expect(resolveDateRule(weeks(6), KICKOFF)).toBe('2026-01-05');
		expect(resolveDateRule(weeks(15), KICKOFF)).toBe('2026-03-09');
	});

	it('counts weeks as 7 calendar days even when they end on a holiday', () => {
		// 5 weeks after Thursday 20 November 2025 is Thursday 25 December.
		expect(resolveDateRule(weeks(5), '2025-11-20')).toBe('2025-12-25');
	});

	it('counts calendar days, weekends included', () => {
		expect(resolveDateRule(days(10), KICKOFF)).toBe('2025-12-04');
		expect(resolveDateRule(days(5), KICKOFF)).toBe('2025-11-29'); // a Saturday, kept as is
	});

	it('counts working days, skipping weekends and holidays', () => {
		expect(resolveDateRule(workingDays(10), KICKOFF)).toBe('2025-12-08');
		expect(resolveDateRule(workingDays(10), '2025-12-22')).toBe('2026-01-07');
		expect(resolveDateRule(workingDays(1), '2026-04-03')).toBe('2026-04-07');
	});

	it('goes before the kick-off with a negative amount', () => {
		expect(resolveDateRule(weeks(-1), KICKOFF)).toBe('2025-11-17');
		expect(resolveDateRule(days(-11), KICKOFF)).toBe('2025-11-13');
		// Back over Tuesday 11 November 2025.
		expect(resolveDateRule(workingDays(-10), KICKOFF)).toBe('2025-11-07');
	});

	it('is the kick-off itself at zero', () => {
		expect(resolveDateRule(days(0), KICKOFF)).toBe(KICKOFF);
		expect(resolveDateRule(weeks(0), KICKOFF)).toBe(KICKOFF);
		expect(resolveDateRule(workingDays(0), KICKOFF)).toBe(KICKOFF);
	});

	it('ignores the kick-off for a fixed date', () => {
		const rule: DateRule = { kind: 'FIXED_DATE', date: '2025-11-13' };
		expect(resolveDateRule(rule, KICKOFF)).toBe('2025-11-13');
		expect(resolveDateRule(rule, '2026-06-01')).toBe('2025-11-13');
	});

	it('follows a change of kick-off date', () => {
		expect(resolveDateRule(weeks(3), '2025-12-01')).toBe('2025-12-22');
	});
});

describe('describeDateRule', () => {
	it('describes the CUF deadlines as the terms of reference write them', () => {
		expect(describeDateRule(weeks(3))).toBe('3 semaines après démarrage');
		expect(describeDateRule(weeks(6))).toBe('6 semaines après démarrage');
		expect(describeDateRule(weeks(15))).toBe('15 semaines après démarrage');
	});

	it('uses the singular for one unit', () => {
		expect(describeDateRule(weeks(1))).toBe('1 semaine après démarrage');
		expect(describeDateRule(days(1))).toBe('1 jour après démarrage');
		expect(describeDateRule(workingDays(1))).toBe('1 jour ouvré après démarrage');
	});

	it('uses the plural for several units', () => {
		expect(describeDateRule(days(10))).toBe('10 jours après démarrage');
		expect(describeDateRule(workingDays(10))).toBe('10 jours ouvrés après démarrage');
	});

	it('says "avant" for a negative amount, without the minus sign', () => {
		expect(describeDateRule(days(-1))).toBe('1 jour avant démarrage');
		expect(describeDateRule(days(-2))).toBe('2 jours avant démarrage');
		expect(describeDateRule(weeks(-1))).toBe('1 semaine avant démarrage');
	});

	it('says "au démarrage" at zero', () => {
		expect(describeDateRule(days(0))).toBe('au démarrage');
		expect(describeDateRule(workingDays(0))).toBe('au démarrage');
	});

	it('writes a fixed date in French', () => {
		expect(describeDateRule({ kind: 'FIXED_DATE', date: '2025-11-13' })).toBe('le 13/11/2025');
	});
});

describe('dateRuleFromColumns', () => {
	it('builds a fixed-date rule', () => {
		expect(
			dateRuleFromColumns({ kind: 'FIXED_DATE', fixedDate: '2026-02-09', offset: null, offsetUnit: null })
		).toEqual({ kind: 'FIXED_DATE', date: '2026-02-09' });
	});

	it('builds an offset rule, zero included', () => {
		expect(dateRuleFromColumns({ kind: 'OFFSET', fixedDate: null, offset: 6, offsetUnit: 'WEEKS' })).toEqual({
			kind: 'OFFSET',
			amount: 6,
			unit: 'WEEKS'
		});
		expect(dateRuleFromColumns({ kind: 'OFFSET', fixedDate: null, offset: 0, offsetUnit: 'DAYS' })).toEqual({
			kind: 'OFFSET',
			amount: 0,
			unit: 'DAYS'
		});
	});

	it('returns null when the columns the kind needs are missing', () => {
		expect(dateRuleFromColumns({ kind: 'FIXED_DATE', fixedDate: null, offset: 3, offsetUnit: 'WEEKS' })).toBeNull();
		expect(
			dateRuleFromColumns({ kind: 'OFFSET', fixedDate: '2026-02-09', offset: null, offsetUnit: 'WEEKS' })
		).toBeNull();
		expect(dateRuleFromColumns({ kind: 'OFFSET', fixedDate: null, offset: 3, offsetUnit: null })).toBeNull();
	});
});
