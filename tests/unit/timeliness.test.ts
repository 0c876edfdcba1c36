// Late work stays late: a deliverable handed in or validated after its deadline keeps the fact and
// the delay, and the mission's flag is its worst deliverable's.
import { describe, expect, it } from 'vitest';
import { deliverableTimeliness, missionFlag } from '$lib/domain/dashboard';

const base = { contractualDeadline: '2025-12-15', plannedDate: '2025-12-12' };

describe('deliverableTimeliness', () => {
	it('keeps a validation 351 days after the deadline red, with its delay', () => {
		const t = deliverableTimeliness({ ...base, status: 'VALIDATED', validatedOn: '2026-12-01' }, '2026-12-01');
		expect(t).toEqual({ flag: 'RED', label: 'validé avec 351 j de retard', lateDays: 351 });
	});

	it('says a late hand-in first, even once validated', () => {
		const t = deliverableTimeliness(
			{ ...base, status: 'VALIDATED', submittedOn: '2025-12-27', validatedOn: '2025-12-29' },
			'2026-01-10'
		);
		expect(t).toMatchObject({ flag: 'RED', label: 'remis avec 12 j de retard, validé', lateDays: 12 });
		expect(deliverableTimeliness({ ...base, status: 'SUBMITTED', submittedOn: '2025-12-27' }, '2026-01-10')).toEqual({
			flag: 'RED',
			label: 'remis avec 12 j de retard',
			lateDays: 12
		});
	});

	it('is green when handed in and validated on time, whenever one looks', () => {
		expect(
			deliverableTimeliness(
				{ ...base, status: 'VALIDATED', submittedOn: '2025-12-10', validatedOn: '2025-12-15' },
				'2026-06-01'
			)
		).toEqual({ flag: 'GREEN', label: 'validé dans les délais', lateDays: 0 });
		expect(deliverableTimeliness({ ...base, status: 'SUBMITTED', submittedOn: '2025-12-15' }, '2026-06-01').label).toBe(
			'remis dans les délais'
		);
	});

	it('never says "dans les délais" once the deadline passed without a hand-in', () => {
		const t = deliverableTimeliness({ ...base, status: 'IN_PROGRESS' }, '2025-12-18');
		expect(t).toEqual({ flag: 'RED', label: 'échéance dépassée de 3 j', lateDays: 3 });
		expect(deliverableTimeliness({ ...base, plannedDate: '2025-12-20', status: 'TODO' }, '2025-11-01').label).toBe(
			'prévu 5 j après l’échéance'
		);
		expect(deliverableTimeliness({ ...base, status: 'TODO' }, '2025-12-10').label).toBe('échéance dans 5 j');
		expect(deliverableTimeliness({ ...base, status: 'TODO' }, '2025-11-01')).toMatchObject({
			flag: 'GREEN',
			label: 'dans les délais'
		});
	});
});

describe('missionFlag', () => {
	it('is the worst of its deliverables', () => {
		expect(missionFlag(['GREEN', 'RED', 'AMBER'])).toBe('RED');
		expect(missionFlag(['GREEN', 'AMBER'])).toBe('AMBER');
		expect(missionFlag([])).toBe('GREEN');
	});
});
