// Every link type with a lag and a lead, in working days and in elapsed days, across Christmas,
// New Year, Easter Monday and the May holidays. Expected dates worked out by hand on a calendar:
// 25/12/2025 (Thursday) and 01/01/2026 (Thursday) are holidays; Easter Monday 06/04/2026;
// 1, 8 (Fridays), 14 (Ascension, Thursday) and 25 (Whit Monday) May 2026.
import { describe, expect, it } from 'vitest';
import { countWorkingDays, isWorkingDay } from '$lib/domain/calendar';
import {
	brokenPredecessorLink,
	describeLink,
	linkBound,
	pushSuccessors,
	type LagUnit,
	type LinkType,
	type ScheduledTask
} from '$lib/domain/schedule';

const task = (id: string, start: string, end: string): ScheduledTask => ({ id, name: `Tâche ${id}`, start, end });

type Case = [
	what: string,
	type: LinkType,
	unit: LagUnit,
	lag: number,
	predecessor: [string, string],
	successor: [string, string],
	expected: [string, string]
];

const cases: Case[] = [
	// FS: start ≥ predecessor's end + lag.
	[
		'FD+2j across Christmas and New Year',
		'FS',
		'WORKING_DAYS',
		2,
		['2025-12-22', '2025-12-23'],
		['2025-12-15', '2025-12-18'],
		['2025-12-29', '2026-01-02']
	],
	[
		'FD+2jé counts the holiday',
		'FS',
		'ELAPSED_DAYS',
		2,
		['2025-12-22', '2025-12-23'],
		['2025-12-15', '2025-12-18'],
		['2025-12-26', '2025-12-31']
	],
	[
		'FD-1j (lead) before Easter Monday',
		'FS',
		'WORKING_DAYS',
		-1,
		['2026-03-30', '2026-04-03'],
		['2026-03-30', '2026-03-31'],
		['2026-04-03', '2026-04-07']
	],
	[
		'FD-3jé (lead)',
		'FS',
		'ELAPSED_DAYS',
		-3,
		['2026-03-30', '2026-04-03'],
		['2026-03-23', '2026-03-24'],
		['2026-04-01', '2026-04-02']
	],
	// SS: start ≥ predecessor's start + lag.
	[
		'DD+2j across Easter Monday',
		'SS',
		'WORKING_DAYS',
		2,
		['2026-04-02', '2026-04-10'],
		['2026-03-30', '2026-03-31'],
		['2026-04-07', '2026-04-08']
	],
	[
		'DD-2j (lead) across 8 May',
		'SS',
		'WORKING_DAYS',
		-2,
		['2026-05-12', '2026-05-20'],
		['2026-05-04', '2026-05-05'],
		['2026-05-07', '2026-05-11']
	],
	[
		'DD+3jé',
		'SS',
		'ELAPSED_DAYS',
		3,
		['2026-05-12', '2026-05-20'],
		['2026-05-04', '2026-05-05'],
		['2026-05-15', '2026-05-18']
	],
	[
		'DD-4jé (lead) onto a weekend: pushed to Monday',
		'SS',
		'ELAPSED_DAYS',
		-4,
		['2026-05-12', '2026-05-20'],
		['2026-05-04', '2026-05-05'],
		['2026-05-11', '2026-05-12']
	],
	// FF: end ≥ predecessor's end + lag.
	[
		'FF+1j across Ascension',
		'FF',
		'WORKING_DAYS',
		1,
		['2026-05-11', '2026-05-13'],
		['2026-05-04', '2026-05-06'],
		['2026-05-12', '2026-05-15']
	],
	[
		'FF-1j (lead) across Whit Monday',
		'FF',
		'WORKING_DAYS',
		-1,
		['2026-05-18', '2026-05-26'],
		['2026-05-18', '2026-05-19'],
		['2026-05-21', '2026-05-22']
	],
	[
		'FF+2jé across Christmas',
		'FF',
		'ELAPSED_DAYS',
		2,
		['2025-12-22', '2025-12-24'],
		['2025-12-15', '2025-12-16'],
		['2025-12-24', '2025-12-26']
	],
	[
		'FF-2jé (lead)',
		'FF',
		'ELAPSED_DAYS',
		-2,
		['2026-05-18', '2026-05-22'],
		['2026-05-04', '2026-05-06'],
		['2026-05-18', '2026-05-20']
	],
	// SF: end ≥ predecessor's start + lag.
	[
		'DF finishing by a Monday start: the Friday before, across New Year',
		'SF',
		'WORKING_DAYS',
		0,
		['2026-01-05', '2026-01-09'],
		['2025-12-22', '2025-12-23'],
		['2025-12-31', '2026-01-02']
	],
	[
		'DF+3j across Christmas',
		'SF',
		'WORKING_DAYS',
		3,
		['2025-12-22', '2025-12-31'],
		['2025-12-01', '2025-12-02'],
		['2025-12-23', '2025-12-24']
	],
	[
		'DF-1j (lead) across 1 May',
		'SF',
		'WORKING_DAYS',
		-1,
		['2026-05-04', '2026-05-08'],
		['2026-04-20', '2026-04-21'],
		// A starts on Monday 4 May; a working day earlier is Thursday 30 April (1 May is a holiday):
		// finishing on Wednesday 29 evening is finishing by Thursday morning.
		['2026-04-28', '2026-04-29']
	],
	[
		'DF-2jé (lead) before Easter',
		'SF',
		'ELAPSED_DAYS',
		-2,
		['2026-04-06', '2026-04-10'],
		['2026-03-23', '2026-03-24'],
		['2026-04-02', '2026-04-03']
	],
	[
		'DF+1jé onto Easter Monday: pushed to Tuesday',
		'SF',
		'ELAPSED_DAYS',
		1,
		['2026-04-05', '2026-04-10'],
		['2026-03-23', '2026-03-24'],
		['2026-04-03', '2026-04-07']
	]
];

describe('pushing a successor, by link type', () => {
	it.each(cases)('%s', (_what, type, lagUnit, lagDays, [ps, pe], [ss, se], [es, ee]) => {
		const predecessor = task('A', ps, pe);
		const successor = task('B', ss, se);
		const link = { predecessorId: 'A', successorId: 'B', type, lagDays, lagUnit };
		const pushed = pushSuccessors([predecessor, successor], [link]);
		expect(pushed).toEqual([task('B', es, ee)]);
		const moved = pushed[0]!;
		// Working-day duration kept, working days at both ends, the link satisfied, and nothing
		// more to push.
		expect(countWorkingDays(moved.start, moved.end)).toBe(countWorkingDays(ss, se));
		expect(isWorkingDay(moved.start) && isWorkingDay(moved.end)).toBe(true);
		expect(brokenPredecessorLink(moved, new Map([['A', predecessor]]), [link])).toBeNull();
		expect(pushSuccessors([predecessor, moved], [link])).toEqual([]);
		const bound = linkBound(link, predecessor);
		expect(bound.date <= (bound.on === 'start' ? moved.start : moved.end)).toBe(true);
	});
});

describe('linkBound', () => {
	const a = task('A', '2025-12-22', '2025-12-23'); // Monday → Tuesday before Christmas
	it('gives the earliest start for FS and SS, the earliest end for FF and SF', () => {
		expect(linkBound({ type: 'FS', lagDays: 0, lagUnit: 'WORKING_DAYS' }, a)).toEqual({
			on: 'start',
			date: '2025-12-24'
		});
		expect(linkBound({ type: 'SS', lagDays: 0, lagUnit: 'WORKING_DAYS' }, a)).toEqual({
			on: 'start',
			date: '2025-12-22'
		});
		expect(linkBound({ type: 'FF', lagDays: 0, lagUnit: 'WORKING_DAYS' }, a)).toEqual({
			on: 'end',
			date: '2025-12-23'
		});
		// Finishing on Friday 19 is finishing before Monday 22 starts.
		expect(linkBound({ type: 'SF', lagDays: 0, lagUnit: 'WORKING_DAYS' }, a)).toEqual({
			on: 'end',
			date: '2025-12-19'
		});
		expect(linkBound({ type: 'SF', lagDays: 0, lagUnit: 'ELAPSED_DAYS' }, a)).toEqual({
			on: 'end',
			date: '2025-12-21'
		});
	});

	it('counts a working-day lag past the holiday, an elapsed one through it', () => {
		expect(linkBound({ type: 'FS', lagDays: 1, lagUnit: 'WORKING_DAYS' }, a).date).toBe('2025-12-25');
		expect(linkBound({ type: 'FS', lagDays: 2, lagUnit: 'WORKING_DAYS' }, a).date).toBe('2025-12-27');
		expect(linkBound({ type: 'FS', lagDays: 2, lagUnit: 'ELAPSED_DAYS' }, a).date).toBe('2025-12-26');
		expect(linkBound({ type: 'SS', lagDays: -1, lagUnit: 'WORKING_DAYS' }, a).date).toBe('2025-12-19');
	});
});

describe('brokenPredecessorLink with link types', () => {
	it('says when a task may not finish before its FF predecessor', () => {
		const a = { id: 'A', name: 'Audit', start: '2026-05-11', end: '2026-05-13' };
		const b = { id: 'B', name: 'Rapport', start: '2026-05-04', end: '2026-05-12' };
		expect(
			brokenPredecessorLink(b, new Map([['A', a]]), [
				{ predecessorId: 'A', successorId: 'B', type: 'FF', lagDays: 1, lagUnit: 'WORKING_DAYS' }
			])
		).toBe('« Rapport » ne peut pas finir avant le 15/05/2026 : elle suit « Audit » (lien FF+1j).');
	});
});

describe('describeLink', () => {
	it('writes links as French planners type them', () => {
		expect(describeLink({ type: 'FS', lagDays: 0, lagUnit: 'WORKING_DAYS' })).toBe('FD');
		expect(describeLink({ type: 'SS', lagDays: 2, lagUnit: 'WORKING_DAYS' })).toBe('DD+2j');
		expect(describeLink({ type: 'FF', lagDays: -1, lagUnit: 'WORKING_DAYS' })).toBe('FF-1j');
		expect(describeLink({ type: 'SF', lagDays: 3, lagUnit: 'ELAPSED_DAYS' })).toBe('DF+3jé');
	});
});
