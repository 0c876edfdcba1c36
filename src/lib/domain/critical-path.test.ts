import { describe, expect, it } from 'vitest';
import { addWorkingDays, countWorkingDays, nextWorkingDayFrom } from './calendar';
import { criticalPath, type SlackTask } from './critical-path';
import { addCalendarDays } from './dates';
import { pushSuccessors, SchedulingError, type ScheduledTask, type ScheduleLink } from './schedule';

const task = (id: string, start: string, end: string): SlackTask => ({ id, start, end });
const link = (
	predecessorId: string,
	successorId: string,
	type: ScheduleLink['type'] = 'FS',
	lagDays = 0,
	lagUnit: ScheduleLink['lagUnit'] = 'WORKING_DAYS'
): ScheduleLink => ({ predecessorId, successorId, type, lagDays, lagUnit });

// January 2026: Monday 5, 12, 19. Hand-checked on a calendar.
describe('criticalPath', () => {
	it('finds the longest chain across a weekend; a shorter branch has slack to the finish', () => {
		const { tasks, finish } = criticalPath(
			[
				task('A', '2026-01-05', '2026-01-09'),
				task('B', '2026-01-12', '2026-01-14'),
				task('C', '2026-01-12', '2026-01-12')
			],
			[link('A', 'B'), link('A', 'C')]
		);
		expect(finish).toBe('2026-01-14');
		expect(tasks.get('A')).toMatchObject({ totalSlack: 0, freeSlack: 0, critical: true, lateFinish: '2026-01-09' });
		expect(tasks.get('B')).toMatchObject({ totalSlack: 0, critical: true, lateStart: '2026-01-12' });
		expect(tasks.get('C')).toMatchObject({
			totalSlack: 2,
			freeSlack: 2,
			critical: false,
			lateStart: '2026-01-14',
			lateFinish: '2026-01-14'
		});
	});

	it('counts working days only: 1 and 8 May 2026 (Fridays) are holidays', () => {
		const { tasks } = criticalPath(
			[
				task('A', '2026-04-27', '2026-04-30'),
				task('B', '2026-05-05', '2026-05-07'),
				task('X', '2026-05-04', '2026-05-04')
			],
			[link('A', 'B', 'FS', 1)]
		);
		expect(tasks.get('A')!.totalSlack).toBe(0);
		expect(tasks.get('B')!.totalSlack).toBe(0);
		// Mon 4, Tue 5, Wed 6, Thu 7 May: 3 working days after the 4th up to the finish.
		expect(tasks.get('X')).toMatchObject({ totalSlack: 3, lateStart: '2026-05-07' });
	});

	it('reads an elapsed lag in calendar days: one working day of slip can cost more', () => {
		// A ends Fri 9; FS+3jé: B may start Tue 13. B starts Wed 14 (its own date).
		const { tasks } = criticalPath(
			[task('A', '2026-01-05', '2026-01-09'), task('B', '2026-01-14', '2026-01-14')],
			[link('A', 'B', 'FS', 3, 'ELAPSED_DAYS')]
		);
		// Ending Mon 12 instead would put B at Thu 15 at the earliest: A has no slack at all.
		expect(tasks.get('A')).toMatchObject({ totalSlack: 0, freeSlack: 0, critical: true });
		expect(tasks.get('B')).toMatchObject({ earlyStart: '2026-01-14', totalSlack: 0 });
	});

	it('start-to-start and finish-to-finish links', () => {
		const ss = criticalPath(
			[task('A', '2026-01-05', '2026-01-09'), task('B', '2026-01-07', '2026-01-08')],
			[link('A', 'B', 'SS', 2)]
		);
		expect(ss.tasks.get('B')).toMatchObject({ totalSlack: 1, freeSlack: 1, lateFinish: '2026-01-09' });
		expect(ss.tasks.get('A')!.totalSlack).toBe(0);

		const ff = criticalPath(
			[task('A', '2026-01-05', '2026-01-09'), task('B', '2026-01-07', '2026-01-12')],
			[link('A', 'B', 'FF', 1)]
		);
		// B must end ≥ one working day after A's end (Mon 12): both on the critical path.
		expect(ff.tasks.get('A')!.critical).toBe(true);
		expect(ff.tasks.get('B')).toMatchObject({ totalSlack: 0, lateFinish: '2026-01-12' });
	});

	it('a start-to-finish successor may slip to the finish; its predecessor may not', () => {
		const { tasks } = criticalPath(
			[task('P', '2026-01-12', '2026-01-16'), task('S', '2026-01-05', '2026-01-09')],
			[link('P', 'S', 'SF')]
		);
		expect(tasks.get('S')).toMatchObject({ totalSlack: 5, freeSlack: 5 });
		expect(tasks.get('P')!.totalSlack).toBe(0);
	});

	it('a lead (negative lag) lets the successor start before its predecessor ends', () => {
		const { tasks } = criticalPath(
			[task('A', '2026-01-05', '2026-01-09'), task('B', '2026-01-08', '2026-01-12')],
			[link('A', 'B', 'FS', -2)]
		);
		expect(tasks.get('B')).toMatchObject({ earlyStart: '2026-01-08', totalSlack: 0 });
		expect(tasks.get('A')!.totalSlack).toBe(0);
	});

	it('against a finish earlier than the plan: negative slack along the chain that misses it', () => {
		const { tasks } = criticalPath(
			[
				task('A', '2026-01-05', '2026-01-09'),
				task('B', '2026-01-12', '2026-01-16'),
				task('D', '2026-01-05', '2026-01-05')
			],
			[link('A', 'B')],
			'2026-01-14'
		);
		expect(tasks.get('B')).toMatchObject({ totalSlack: -2, critical: true });
		expect(tasks.get('A')).toMatchObject({ totalSlack: -2, critical: true });
		expect(tasks.get('D')).toMatchObject({ totalSlack: 7, critical: false });
	});

	it('a task later than its links require starts at its own date (début au plus tôt)', () => {
		const { tasks } = criticalPath(
			[task('A', '2026-01-05', '2026-01-06'), task('B', '2026-01-12', '2026-01-13')],
			[link('A', 'B')]
		);
		expect(tasks.get('B')).toMatchObject({ earlyStart: '2026-01-12', totalSlack: 0 });
		// A may slip from Tue 6 to Fri 9 without moving B.
		expect(tasks.get('A')).toMatchObject({ totalSlack: 3, freeSlack: 3 });
	});

	it('refuses a cycle', () => {
		expect(() =>
			criticalPath(
				[task('A', '2026-01-05', '2026-01-06'), task('B', '2026-01-07', '2026-01-08')],
				[link('A', 'B'), link('B', 'A')]
			)
		).toThrow(SchedulingError);
	});
});

// The slack of every task, checked against Jalon's own push (pushSuccessors reads each link
// through linkBound): slipping a task by its total slack keeps the finish, one working day more
// moves it; slipping it by its free slack moves no other task.
describe('criticalPath agrees with the pushes on random plans', () => {
	function random(seed: number) {
		return () => {
			seed = (seed + 0x6d2b79f5) | 0;
			let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
			t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}

	function plan(seed: number) {
		const next = random(seed);
		const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
		const tasks: ScheduledTask[] = [];
		for (let i = 0; i < 14; i += 1) {
			const start = nextWorkingDayFrom(addCalendarDays('2026-04-20', Math.floor(next() * 30)));
			tasks.push({ id: `t${i}`, name: `t${i}`, start, end: addWorkingDays(start, Math.floor(next() * 6)) });
		}
		const links: ScheduleLink[] = [];
		for (let i = 1; i < tasks.length; i += 1) {
			for (let k = 0; k < 2; k += 1) {
				if (next() < 0.35) continue;
				const from = Math.floor(next() * i);
				if (links.some((l) => l.predecessorId === `t${from}` && l.successorId === `t${i}`)) continue;
				links.push(
					link(
						`t${from}`,
						`t${i}`,
						pick(['FS', 'SS', 'FF', 'SF'] as const),
						pick([-3, -1, 0, 1, 2, 5]),
						pick(['WORKING_DAYS', 'ELAPSED_DAYS'] as const)
					)
				);
			}
		}
		// Make every link hold, as the app keeps a plan.
		const placed = new Map(tasks.map((t) => [t.id, t]));
		for (const moved of pushSuccessors(tasks, links)) placed.set(moved.id, moved);
		return { tasks: [...placed.values()], links };
	}

	const finishOf = (tasks: readonly ScheduledTask[]) => tasks.reduce((m, t) => (t.end > m ? t.end : m), '');

	function slip(tasks: readonly ScheduledTask[], links: readonly ScheduleLink[], id: string, days: number) {
		const byId = new Map(tasks.map((t) => [t.id, t]));
		const t = byId.get(id)!;
		const span = countWorkingDays(t.start, t.end) - 1;
		const start = addWorkingDays(t.start, days);
		byId.set(id, { ...t, start, end: addWorkingDays(start, span) });
		for (const moved of pushSuccessors([...byId.values()], links, [id])) byId.set(moved.id, moved);
		return byId;
	}

	it('on 40 plans with every link type and both lag units', () => {
		let checked = 0;
		for (let seed = 1; seed <= 40; seed += 1) {
			const { tasks, links } = plan(seed);
			const finish = finishOf(tasks);
			const result = criticalPath(tasks, links);
			expect(result.finish).toBe(finish);
			for (const t of tasks) {
				const slack = result.tasks.get(t.id)!;
				expect(slack.totalSlack).toBeGreaterThanOrEqual(0);
				if (slack.totalSlack > 0)
					expect(finishOf([...slip(tasks, links, t.id, slack.totalSlack).values()])).toBe(finish);
				expect(finishOf([...slip(tasks, links, t.id, slack.totalSlack + 1).values()]) > finish).toBe(true);
				const afterFree = slip(tasks, links, t.id, slack.freeSlack);
				for (const other of tasks) {
					if (other.id !== t.id) expect(afterFree.get(other.id)).toEqual(other);
				}
				checked += 1;
			}
		}
		expect(checked).toBe(40 * 14);
	});
});
