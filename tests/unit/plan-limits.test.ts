// The limits a stored plan keeps: the first one broken, in French, with its code.
import { describe, expect, it } from 'vitest';
import { dateExtent, planLimitProblem, spanYears } from '$lib/domain/plan-limits';

const LIMITS = { maxTasks: 2000, maxLinks: 5000, maxSpanYears: 10 };
const within = { tasks: 2000, links: 5000, first: '2026-01-05', last: '2036-01-04' };

describe('planLimitProblem', () => {
	it('accepts a plan at exactly the limits', () => {
		expect(planLimitProblem(within, LIMITS)).toBeNull();
		expect(planLimitProblem({ tasks: 0, links: 0, first: null, last: null }, LIMITS)).toBeNull();
	});

	it('names the first limit broken, tasks, then links, then the span', () => {
		expect(planLimitProblem({ ...within, tasks: 2001, links: 5001 }, LIMITS)).toEqual({
			code: 'TOO_MANY_TASKS',
			detail: 'compterait 2001 tâches, 2000 au plus.'
		});
		expect(planLimitProblem({ ...within, links: 5001 }, LIMITS)?.code).toBe('TOO_MANY_LINKS');
		expect(planLimitProblem({ ...within, last: '2041-03-12' }, LIMITS)).toEqual({
			code: 'PLAN_TOO_LONG',
			detail: 's’étendrait du 05/01/2026 au 12/03/2041, 10 ans au plus.'
		});
	});

	it('counts years of 365,25 days, for any year an imported file may hold', () => {
		expect(spanYears('2026-01-05', '2036-01-05')).toBeCloseTo(10, 2);
		expect(planLimitProblem({ ...within, last: '2036-01-06' }, LIMITS)?.code).toBe('PLAN_TOO_LONG');
		expect(spanYears('0999-01-01', '9999-01-01')).toBeGreaterThan(8999);
	});

	it('takes the first and last of the dates given, ignoring what is not a date', () => {
		expect(dateExtent(['2026-03-01', null, 'x', '2025-12-01', undefined, '2026-01-01'])).toEqual({
			first: '2025-12-01',
			last: '2026-03-01'
		});
	});

	it('tolerates a limit the plan already broke before the edit, unless the edit makes it worse', () => {
		const legacy = { ...within, last: '2041-03-12' };
		expect(planLimitProblem(legacy, LIMITS, legacy)).toBeNull();
		expect(planLimitProblem({ ...legacy, last: '2040-01-02' }, LIMITS, legacy)).toBeNull();
		expect(planLimitProblem({ ...legacy, last: '2041-03-13' }, LIMITS, legacy)?.code).toBe('PLAN_TOO_LONG');
		expect(planLimitProblem({ ...legacy, first: '2026-01-02' }, LIMITS, legacy)?.code).toBe('PLAN_TOO_LONG');
		expect(planLimitProblem({ ...within, tasks: 2001 }, LIMITS, { ...within, tasks: 2002 })).toBeNull();
		expect(planLimitProblem({ ...within, tasks: 2003 }, LIMITS, { ...within, tasks: 2002 })?.code).toBe(
			'TOO_MANY_TASKS'
		);
		// Within the limits before: any break is refused.
		expect(planLimitProblem({ ...within, links: 5001 }, LIMITS, within)?.code).toBe('TOO_MANY_LINKS');
	});
});
