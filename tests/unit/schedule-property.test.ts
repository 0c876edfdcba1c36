// Property: after any sequence of edits (moves and resizes refused or accepted as the server
// does, links of every type with lags and leads in working or elapsed days), every link holds
// and no task a push moved starts or ends on a weekend or a French public holiday. Sequences come
// from a seeded generator (as elsewhere in these tests): a failure names its seed.
import { describe, expect, it } from 'vitest';
import { countWorkingDays, isWorkingDay } from '$lib/domain/calendar';
import { addCalendarDays } from '$lib/domain/dates';
import {
	brokenPredecessorLink,
	createsCycle,
	linkBound,
	pushDownstream,
	type LagUnit,
	type LinkType,
	type ScheduledTask,
	type ScheduleLink
} from '$lib/domain/schedule';

function generator(seed: number) {
	let state = seed;
	const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
	return {
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
	};
}

const TYPES: LinkType[] = ['FS', 'SS', 'FF', 'SF'];
const UNITS: LagUnit[] = ['WORKING_DAYS', 'ELAPSED_DAYS'];

function run(seed: number, failures: string[]) {
	const random = generator(seed);
	// Around Christmas, New Year, Easter and May 2026: the holidays get crossed often.
	const origin = random.pick(['2025-12-15', '2026-03-23', '2026-04-27']);
	const tasks = new Map<string, ScheduledTask>();
	for (let i = 0; i < 12; i += 1) {
		const start = addCalendarDays(origin, random.int(0, 40));
		tasks.set(`t${i}`, { id: `t${i}`, name: `Tâche ${i}`, start, end: addCalendarDays(start, random.int(0, 12)) });
	}
	const links: ScheduleLink[] = [];
	const index = {
		predecessorsOf: (id: string) => links.filter((l) => l.successorId === id),
		successorsOf: (id: string) => links.filter((l) => l.predecessorId === id)
	};
	const pushedLast = new Set<string>();
	const settle = (from: string[]) => {
		for (const moved of pushDownstream(from, (id) => tasks.get(id), index)) {
			const was = tasks.get(moved.id)!;
			if (countWorkingDays(moved.start, moved.end) !== Math.max(1, countWorkingDays(was.start, was.end))) {
				failures.push(`seed ${seed}: ${moved.id} lost working days`);
			}
			tasks.set(moved.id, moved);
			pushedLast.add(moved.id);
		}
	};
	for (let step = 0; step < 40; step += 1) {
		const id = `t${random.int(0, 11)}`;
		if (random.int(0, 2) === 0) {
			const link: ScheduleLink = {
				predecessorId: `t${random.int(0, 11)}`,
				successorId: id,
				type: random.pick(TYPES),
				lagDays: random.int(-5, 8),
				lagUnit: random.pick(UNITS)
			};
			if (
				createsCycle(links, link) ||
				links.some((l) => l.predecessorId === link.predecessorId && l.successorId === id)
			)
				continue;
			links.push(link);
			settle([id]);
		} else {
			// A drag (both ends) or a resize (the end), as the chart sends them; refused when it
			// breaks one of the task's own links, as the server refuses it.
			const task = tasks.get(id)!;
			const shift = random.int(-10, 15);
			const start = random.int(0, 1) ? addCalendarDays(task.start, shift) : task.start;
			const end = addCalendarDays(start, random.int(0, 12));
			const candidate = { ...task, start, end };
			if (brokenPredecessorLink(candidate, tasks, links)) continue;
			tasks.set(id, candidate);
			pushedLast.delete(id);
			settle([id]);
		}
		for (const link of links) {
			const bound = linkBound(link, tasks.get(link.predecessorId)!);
			const successor = tasks.get(link.successorId)!;
			if ((bound.on === 'start' ? successor.start : successor.end) < bound.date) {
				failures.push(`seed ${seed}, step ${step}: ${link.predecessorId} → ${link.successorId} broken`);
			}
		}
		for (const pushed of pushedLast) {
			const task = tasks.get(pushed)!;
			if (!isWorkingDay(task.start) || !isWorkingDay(task.end)) {
				failures.push(`seed ${seed}, step ${step}: ${pushed} pushed onto ${task.start} → ${task.end}`);
			}
		}
	}
	return { links: links.length, pushed: pushedLast.size };
}

describe('scheduling after random edits', () => {
	it('keeps every link satisfied and pushed tasks on working days (300 sequences of 40 edits)', () => {
		let links = 0;
		let pushed = 0;
		const failures: string[] = [];
		for (let seed = 1; seed <= 300; seed += 1) {
			const result = run(seed, failures);
			links += result.links;
			pushed += result.pushed;
		}
		expect(failures.slice(0, 5)).toEqual([]);
		// The sequences did exercise links and pushes.
		expect(links).toBeGreaterThan(1600);
		expect(pushed).toBeGreaterThan(400);
	}, 30_000);
});
