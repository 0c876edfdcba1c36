// The mission page's compact plan: whatever goes in comes back exactly (same keys, order and
// values), and the inline data the page carries shrinks.
import * as devalue from 'devalue';
import { describe, expect, it } from 'vitest';
import { addCalendarDays } from '$lib/domain/dates';
import { buildMissionPlan, type MissionPlan, type MissionRows } from '$lib/domain/mission-plan';
import { packPlan, packRows, planFromPage, planToPage, unpackPlan, unpackRows } from '$lib/plan-codec';

/** Park–Miller: the same plan on every run. */
function random(seed: number) {
	let state = seed;
	return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

/** A plan shaped like the database's rows (SELECT *: missionId and all), with phases and links. */
function generatedPlan(taskCount: number, seed: number): MissionPlan {
	const next = random(seed);
	const tasks: MissionRows['tasks'] = [];
	let phaseId: string | null = null;
	for (let i = 0; i < taskCount; i += 1) {
		const phase = i % 10 === 0;
		const start = addCalendarDays('2026-01-05', Math.floor(next() * 400));
		const id = `cm${(seed * 100000 + i).toString(36)}x${Math.floor(next() * 1e9).toString(36)}`;
		tasks.push({
			id,
			missionId: 'mission-1',
			parentId: phase ? null : phaseId,
			kind: phase ? 'PHASE' : 'TASK',
			name: phase ? `Phase ${i / 10 + 1}` : `Tâche ${i} — « analyse »`,
			startDate: start,
			endDate: addCalendarDays(start, Math.floor(next() * 30)),
			progress: Math.floor(next() * 101),
			sortOrder: i * 1000,
			version: 1 + Math.floor(next() * 3)
		} as MissionRows['tasks'][number]);
		if (phase) phaseId = id;
	}
	const leaves = tasks.filter((t) => t.kind === 'TASK');
	const dependencies = leaves.slice(1).flatMap((t, i) =>
		next() < 0.3
			? [
					{
						id: `dep${i}`,
						missionId: 'mission-1',
						predecessorId: leaves[i]!.id,
						successorId: t.id,
						type: (['FS', 'SS', 'FF', 'SF'] as const)[Math.floor(next() * 4)]!,
						lagDays: Math.floor(next() * 7) - 3,
						lagUnit: next() < 0.5 ? 'WORKING_DAYS' : 'ELAPSED_DAYS'
					}
				]
			: []
	);
	const rows = {
		mission: {
			id: 'mission-1',
			title: 'Mission',
			clientOrganisation: 'Client',
			reference: null,
			kickoffDate: '2026-01-05',
			plannedEndDate: null,
			budgetCapCents: 2_000_000,
			capBasis: 'TTC',
			vatRateBp: 2000,
			status: 'ACTIVE',
			contractAmountHtCents: null,
			paymentDelayDays: 30,
			version: 1
		},
		tasks,
		dependencies,
		deliverables: [],
		milestones: [],
		tranches: [],
		contacts: []
	} as unknown as MissionRows;
	return buildMissionPlan(rows, '2026-01-05');
}

/** What SvelteKit does to a load's data: serialized into the page, then read back. */
const throughPage = <T>(value: T): T => devalue.parse(devalue.stringify(value)) as T;

describe('plan codec', () => {
	it('gives back exactly the plan it packed, through the page', () => {
		for (const [size, seed] of [
			[0, 1],
			[1, 2],
			[37, 3],
			[3000, 4]
		] as const) {
			const plan = generatedPlan(size, seed);
			const back = unpackPlan(throughPage(packPlan(plan)));
			expect(back).toEqual(plan);
			// Same keys in the same order, too.
			expect(JSON.stringify(back)).toBe(JSON.stringify(plan));
		}
	});

	it('packs rows into columns: dates as steps, parents and link ends as indexes', () => {
		const plan = generatedPlan(30, 5);
		const packed = packPlan(plan);
		expect('columns' in packed.tasks).toBe(true);
		if (!('columns' in packed.tasks) || !('columns' in packed.dependencies)) return;
		const column = (key: string) =>
			'columns' in packed.tasks ? packed.tasks.columns[packed.tasks.keys.indexOf(key)] : undefined;
		expect(column('missionId')).toEqual({ same: 'mission-1' });
		expect(column('startDate')).toHaveProperty('days');
		expect(column('kind')).toEqual({ names: ['PHASE', 'TASK'], at: expect.any(Array) });
		const parents = column('parentId') as { refs: (number | null)[] };
		expect(parents.refs[1]).toBe(0); // the first task's phase is the first row
		const ends = packed.dependencies.columns[packed.dependencies.keys.indexOf('successorId')] as { refs: unknown[] };
		expect(ends.refs.every((r) => typeof r === 'number')).toBe(true);
	});

	it('keeps what it cannot index or shorten: unknown ids, odd dates, rows with other keys', () => {
		const rows = [
			{ id: 'a', parentId: 'elsewhere', startDate: '2026-02-30', note: undefined },
			{ id: 'b', parentId: null, startDate: '2026-02-28', note: 'x' },
			{ id: 'c', parentId: 'a', startDate: '', note: null }
		];
		const packed = packRows(rows, ['parentId'], ['a', 'b', 'c']);
		const back = unpackRows(throughPage(packed), ['a', 'b', 'c']);
		expect(back).toEqual(rows);
		expect(back.map((r) => Object.keys(r))).toEqual(rows.map((r) => Object.keys(r)));

		const uneven = [{ id: 'a', x: 1 }, { x: 2, id: 'b' }, { id: 'c' }];
		expect(packRows(uneven)).toEqual({ rows: uneven });
		expect(unpackRows(packRows(uneven))).toEqual(uneven);
	});

	it('dates round-trip across months, years and backwards steps', () => {
		const dates = ['2099-12-31', '2000-01-01', '2024-02-29', '2024-03-01', '2023-12-31', '2000-02-29'];
		const rows = dates.map((startDate, i) => ({ id: String(i), startDate }));
		const packed = packRows(rows);
		expect('columns' in packed && packed.columns[1]).toHaveProperty('days');
		expect(unpackRows(packed)).toEqual(rows);
	});

	it('carries the plan as one string that reads back as the API gives it', () => {
		for (const [size, seed] of [
			[0, 7],
			[37, 8],
			[3000, 9]
		] as const) {
			const plan = generatedPlan(size, seed);
			const sent = throughPage({ plan: planToPage(plan) }).plan;
			expect(typeof sent).toBe('string');
			// missions.get answers JSON: the page's plan is exactly the API's.
			expect(JSON.stringify(planFromPage(sent))).toBe(JSON.stringify(plan));
		}
	});

	it('writes every character past Latin-1 as an escape, and reads the same text back', () => {
		const plan = generatedPlan(40, 11);
		const names = ['Rapport d’audit', 'Cœur — « étape » €', 'Émoji 😀 fin', 'Ünïcödé ÿ', '\u2028 séparateur'];
		const tasks = plan.tasks.map((t, i) => ({ ...t, name: names[i % names.length]! }));
		const withText = { ...plan, tasks };
		const sent = throughPage({ plan: planToPage(withText) }).plan as string;
		// One wider character made the whole string two bytes a character in the browser.
		expect([...sent].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
		expect(planFromPage(sent).tasks.map((t) => t.name)).toEqual(tasks.map((t) => t.name));
		expect(JSON.stringify(planFromPage(sent))).toBe(JSON.stringify(withText));
	});

	it('packs and serialises a plan once: the cached plan is one object until a write', () => {
		const plan = generatedPlan(20, 10);
		const first = planToPage(plan);
		// The same object again (a cached plan, which is frozen): the string already made.
		(plan.tasks as { name: string }[])[0]!.name = 'Changée';
		expect(planToPage(plan)).toBe(first);
		// Another object (the plan rebuilt after a write): packed anew.
		const rebuilt = { ...plan, tasks: plan.tasks.map((t) => ({ ...t })) };
		expect(planFromPage(planToPage(rebuilt)).tasks[0]!.name).toBe('Changée');
	});

	it('reads a frozen plan it sent back as that very plan (the server renders it without decoding)', () => {
		const freeze = <T>(value: T): T => {
			if (value && typeof value === 'object') for (const child of Object.values(Object.freeze(value))) freeze(child);
			return value;
		};
		// readMissionPlan's plans are deep-frozen: they cannot change, the rendering may share them.
		const cached = freeze(generatedPlan(60, 12));
		expect(planFromPage(throughPage({ plan: planToPage(cached) }).plan as string)).toBe(cached);
		// Any other plan's string is decoded into a copy (it may change after it was sent).
		const open = generatedPlan(60, 13);
		const copy = planFromPage(planToPage(open));
		expect(copy).not.toBe(open);
		expect(JSON.stringify(copy)).toBe(JSON.stringify(open));
	});

	it('makes the 3 000-task plan that the page carries much smaller', () => {
		const plan = generatedPlan(3000, 6);
		const before = devalue.uneval(plan).length;
		const after = devalue.uneval(packPlan(plan)).length;
		expect(after).toBeLessThan(before * 0.5);
	});
});
