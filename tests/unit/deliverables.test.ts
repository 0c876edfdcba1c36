import { describe, expect, it } from 'vitest';
import type { DateRule } from '$lib/domain/date-rules';
import { deliverableSchedule, type DeliverableStatus } from '$lib/domain/deliverables';

const KICKOFF = '2025-11-24';
const weeks = (amount: number): DateRule => ({ kind: 'OFFSET', amount, unit: 'WEEKS' });

describe('deliverableSchedule', () => {
	it('resolves the contractual deadline from the rule and keeps the planned date', () => {
		const schedule = deliverableSchedule(weeks(3), KICKOFF, '2025-12-12', 'TODO', '2025-12-01');
		expect(schedule).toEqual({
			contractualDeadline: '2025-12-15',
			plannedDate: '2025-12-12',
			plannedDelayDays: 0,
			overdue: false
		});
	});

	describe('plannedDelayDays', () => {
		it('is 0 when the plan is on the deadline or earlier', () => {
			expect(deliverableSchedule(weeks(3), KICKOFF, '2025-12-15', 'TODO', KICKOFF).plannedDelayDays).toBe(0);
			expect(deliverableSchedule(weeks(3), KICKOFF, '2025-12-01', 'TODO', KICKOFF).plannedDelayDays).toBe(0);
		});

		it('counts the calendar days the plan is later than the contract', () => {
			expect(deliverableSchedule(weeks(3), KICKOFF, '2025-12-16', 'TODO', KICKOFF).plannedDelayDays).toBe(1);
			expect(deliverableSchedule(weeks(3), KICKOFF, '2025-12-19', 'TODO', KICKOFF).plannedDelayDays).toBe(4);
		});

		it('measures the gap in the CUF terms of reference', () => {
			// Diagnostic: "6 semaines après démarrage" (5 January) but delivered the week of 9 February.
			expect(deliverableSchedule(weeks(6), KICKOFF, '2026-02-13', 'TODO', KICKOFF).plannedDelayDays).toBe(39);
			// Roadmap: "15 semaines après démarrage" (9 March), planned for 20 March.
			expect(deliverableSchedule(weeks(15), KICKOFF, '2026-03-20', 'TODO', KICKOFF).plannedDelayDays).toBe(11);
		});

		it('works with a fixed-date rule', () => {
			const rule: DateRule = { kind: 'FIXED_DATE', date: '2026-01-30' };
			const schedule = deliverableSchedule(rule, KICKOFF, '2026-02-02', 'TODO', KICKOFF);
			expect(schedule.contractualDeadline).toBe('2026-01-30');
			expect(schedule.plannedDelayDays).toBe(3);
		});
	});

	describe('overdue', () => {
		const overdue = (status: DeliverableStatus, today: string) =>
			deliverableSchedule(weeks(3), KICKOFF, '2025-12-12', status, today).overdue;

		it('is false up to and including the deadline day', () => {
			for (const status of ['TODO', 'IN_PROGRESS', 'REWORK'] as const) {
				expect(overdue(status, '2025-12-14')).toBe(false);
				expect(overdue(status, '2025-12-15')).toBe(false);
			}
		});

		it('is true the day after the deadline while not handed in', () => {
			expect(overdue('TODO', '2025-12-16')).toBe(true);
			expect(overdue('IN_PROGRESS', '2025-12-16')).toBe(true);
			// Sent back for rework: no longer handed in.
			expect(overdue('REWORK', '2025-12-16')).toBe(true);
			expect(overdue('TODO', '2026-06-01')).toBe(true);
		});

		it('is false once submitted or validated, even long after the deadline', () => {
			expect(overdue('SUBMITTED', '2025-12-16')).toBe(false);
			expect(overdue('VALIDATED', '2025-12-16')).toBe(false);
			expect(overdue('VALIDATED', '2026-06-01')).toBe(false);
		});

		it('follows the contractual deadline, not the planned date', () => {
			// Planned after the deadline: overdue from the deadline on, not from the planned date.
			const schedule = deliverableSchedule(weeks(6), KICKOFF, '2026-02-13', 'IN_PROGRESS', '2026-01-06');
			expect(schedule.overdue).toBe(true);
			// Planned well before the deadline: not overdue between the two.
			expect(overdue('TODO', '2025-12-13')).toBe(false);
		});
	});
});
