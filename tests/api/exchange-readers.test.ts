// Jalon's MS Project XML and GanttProject files read back by readers Jalon did not write: MPXJ
// (the library behind ProjectLibre), its MS Project-equivalent scheduler, and an independent
// computation of where GanttProject places each successor. The CUF seeded mission and a larger
// generated plan (four link types, both lag units, leads, holidays, milestones, deliverables).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissionDocument } from '$lib/mission-document';
import { exportGanttProject, exportMspdi, importGanttProject } from '$lib/server/project-files';
import { seedCufMission } from '$lib/server/seed';
import { generatedPlan } from '../support/generated-plan';
import { callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';

// The ready build of MPXJ beside the repository (../shared/tools/mpxj, see its README).
const MPXJ = [
	process.env.JALON_MPXJ,
	path.resolve('..', 'shared', 'tools', 'mpxj', 'mpxj.sh'),
	'/work/shared/tools/mpxj/mpxj.sh'
].find((file): file is string => !!file && fs.existsSync(file));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-readers-'));
function mpxj(command: 'resched' | 'dump', content: string, extension: string): string {
	// -Dgan.recurse: the build's GanttProject reader then reads the links of nested tasks too.
	const env = { ...process.env, JOPTS: `${process.env.JOPTS ?? ''} -Dgan.recurse=1` };
	if (!MPXJ) throw new Error('MPXJ introuvable : ../shared/tools/mpxj/mpxj.sh (ou $JALON_MPXJ) est attendu.');
	const file = path.join(dir, `plan-${Math.random().toString(36).slice(2)}.${extension}`);
	fs.writeFileSync(file, content);
	const args = command === 'dump' ? [command, file, `${file}.json`] : [command, file, '100'];
	const out = execFileSync(MPXJ, args, { stdio: 'pipe', timeout: 60_000, env }).toString();
	return command === 'dump' ? fs.readFileSync(`${file}.json`, 'utf8') : out;
}
/** "tasks T; moved by rescheduling M" and the rows that moved. */
function reschedule(xml: string) {
	const out = mpxj('resched', xml, 'xml');
	const m = /tasks (\d+); moved by rescheduling (\d+)/.exec(out);
	if (!m) throw new Error(`Sortie de MPXJ inattendue : ${out}`);
	return { rows: Number(m[1]), moved: Number(m[2]), report: out };
}
const rowCount = (doc: MissionDocument) => doc.tasks.length + doc.deliverables.length + doc.milestones.length;

let t: TestDatabase;
let cuf: MissionDocument;
const generated = generatedPlan();
beforeAll(async () => {
	t = await createTestDatabase();
	const missionId = await seedCufMission(t.db);
	cuf = await callerFor(t.db).documents.exportMission({ missionId });
});
afterAll(async () => {
	await t.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

describe('MS Project XML scheduled by MPXJ’s MicrosoftScheduler', () => {
	it('the CUF mission: no row moves (28 of 33 moved when no task carried a constraint)', () => {
		const { rows, moved, report } = reschedule(exportMspdi(cuf));
		expect(rows).toBe(33);
		expect(rows).toBe(rowCount(cuf));
		expect(moved, report).toBe(0);
	});

	it('a generated plan with every link type, both lag units, leads, holidays, timed and weekend milestones: no row moves', () => {
		const types = new Set(generated.dependencies.map((d) => `${d.type} ${d.lagUnit}`));
		expect(types.size).toBe(8);
		expect(generated.dependencies.some((d) => d.lagDays < 0)).toBe(true);
		const { rows, moved, report } = reschedule(exportMspdi(generated));
		expect(rows).toBe(rowCount(generated));
		expect(moved, report).toBe(0);
	});

	it('a link the dates do not satisfy still moves its successor (the check can fail)', () => {
		const broken = structuredClone(generated);
		const notStarted = (ref: string) => broken.tasks.find((x) => x.ref === ref)!.progress === 0;
		const link = broken.dependencies.find((d) => d.type === 'FS' && notStarted(d.successorRef))!;
		const pred = broken.tasks.find((x) => x.ref === link.predecessorRef)!;
		// The predecessor ends three weeks later than the plan says: its successor must follow.
		pred.endDate = new Date(Date.parse(`${pred.endDate}T12:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10);
		expect(reschedule(exportMspdi(broken)).moved).toBeGreaterThan(0);
	});
});

// Days as numbers (UTC days since 1970) for the independent date arithmetic below.
const day = (iso: string) => Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
const iso = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

interface Dumped {
	calendars: { week: string; exceptions: string[] }[];
	tasks: {
		uid: string;
		name: string;
		start: string;
		finish: string;
		milestone: boolean;
		summary: boolean;
		preds: { from: string; type: string; lag: string }[];
	}[];
}

/**
 * Where GanttProject puts a successor, computed from the file as MPXJ reads it: the reference
 * date (the predecessor's start for SS and SF, the day after its last day for FS and FF) shifted
 * by `difference` working days of the file's calendar (forwards: to the day after the n-th
 * working day; backwards: to the n-th working day before), as GanttProject's shiftDate does.
 * A start bound gives the first working day the successor may start; an end bound the first
 * working day it may end on (its end is the day after its last day).
 */
function ganttProjectPlacement(dump: Dumped) {
	const calendar = dump.calendars[0]!;
	const holidays = new Set(calendar.exceptions.map((e) => e.slice(0, 10)));
	const working = (n: number) => {
		const weekday = (new Date(n * 86_400_000).getUTCDay() + 6) % 7; // Monday 0
		return calendar.week.slice(weekday * 2, weekday * 2 + 2) !== '--' && !holidays.has(iso(n));
	};
	const next = (n: number) => {
		while (!working(n)) n += 1;
		return n;
	};
	const shift = (from: number, by: number) => {
		let n = from;
		if (by > 0) {
			for (let left = by; ; n++) if (working(n) && --left === 0) return n + 1;
		}
		for (let left = -by; left > 0;) if (working(--n)) left -= 1;
		return n;
	};
	const byUid = new Map(dump.tasks.map((x) => [x.uid, x]));
	const out: {
		from: string;
		to: string;
		type: string;
		lag: number;
		on: 'start' | 'end';
		bound: string;
		/** The bound one more day of difference gives: to tell a day GanttProject cannot express. */
		boundAfter: string;
		held: boolean;
	}[] = [];
	for (const successor of dump.tasks) {
		for (const pred of successor.preds) {
			const predecessor = byUid.get(pred.from)!;
			if (predecessor.milestone || successor.milestone) continue;
			const lag = Number.parseFloat(pred.lag);
			const reference = pred.type[0] === 'S' ? day(predecessor.start) : day(predecessor.finish) + 1;
			const shifted = shift(reference, lag);
			const on = pred.type[1] === 'S' ? ('start' as const) : ('end' as const);
			const placed = (n: number) => (on === 'start' ? next(n) : next(n - 1));
			const bound = placed(shifted);
			const own = on === 'start' ? day(successor.start) : day(successor.finish);
			out.push({
				from: predecessor.name,
				to: successor.name,
				type: pred.type,
				lag,
				on,
				bound: iso(bound),
				boundAfter: iso(placed(shift(reference, lag + 1))),
				held: own >= bound
			});
		}
	}
	return out;
}

/**
 * What Jalon's link means, written out here from its definition (docs: « FD, DD, FF, DF, with a
 * lag in working days (j) or elapsed days (jé) »): the successor starts (FD, DD) or ends (FF, DF)
 * no earlier than the predecessor's end (FD, FF) or start (DD, DF) plus the lag; the first
 * working day that allows, with the same calendar.
 */
function jalonPlacement(doc: MissionDocument, dump: Dumped) {
	const calendar = dump.calendars[0]!;
	const holidays = new Set(calendar.exceptions.map((e) => e.slice(0, 10)));
	const working = (n: number) => {
		const weekday = (new Date(n * 86_400_000).getUTCDay() + 6) % 7;
		return calendar.week.slice(weekday * 2, weekday * 2 + 2) !== '--' && !holidays.has(iso(n));
	};
	const next = (n: number) => {
		while (!working(n)) n += 1;
		return n;
	};
	const previous = (n: number) => {
		while (!working(n)) n -= 1;
		return n;
	};
	const name = (ref: string) => doc.tasks.find((x) => x.ref === ref)!;
	return doc.dependencies.map((d) => {
		const p = name(d.predecessorRef);
		const reference = d.type[0] === 'S' ? day(p.startDate) : day(p.endDate) + 1;
		let boundary = reference + d.lagDays;
		if (d.lagUnit === 'WORKING_DAYS' && d.lagDays !== 0) {
			// n working days of the successor's time after (or before) the reference.
			let n = reference;
			if (d.lagDays > 0)
				for (let left = d.lagDays; ; n++) {
					if (working(n) && --left === 0) {
						n += 1;
						break;
					}
				}
			else for (let left = -d.lagDays; left > 0;) if (working(--n)) left -= 1;
			boundary = n;
		}
		const on = d.type[1] === 'S' ? ('start' as const) : ('end' as const);
		// An end: the day before the boundary; in working time, ending the last working day before it.
		const bound =
			on === 'start' ? next(boundary) : next(d.lagUnit === 'WORKING_DAYS' ? previous(boundary - 1) : boundary - 1);
		return { from: p.name, to: name(d.successorRef).name, type: d.type, on, bound: iso(bound) };
	});
}

describe('GanttProject files read by MPXJ’s GanttProject reader', () => {
	for (const [label, plan] of [
		['the CUF mission', () => cuf],
		['the generated plan', () => generated]
	] as const) {
		it(`${label}: every link lands its successor where Jalon's link does, and no file date breaks one`, () => {
			const doc = plan();
			const dump = JSON.parse(mpxj('dump', exportGanttProject(doc), 'gan')) as Dumped;
			const gantt = ganttProjectPlacement(dump);
			const jalon = jalonPlacement(doc, dump);
			const key = (x: { from: string; to: string; type: string }) => `${x.from} → ${x.to} ${x.type}`;
			expect(gantt.map(key).sort()).toEqual(jalon.map(key).sort());
			const jalonBounds = new Map(jalon.map((x) => [key(x), x.bound]));
			// Every lag keeps its day, except an end bound on a weekend day after a lead that GanttProject's
			// working-day differences cannot reach (its ends fall after working days): there, the
			// closest earlier day, so that GanttProject never pushes a task Jalon leaves in place.
			const differing = gantt.filter((x) => jalonBounds.get(key(x)) !== x.bound);
			for (const x of differing) {
				expect(x.on).toBe('end');
				expect(x.bound < jalonBounds.get(key(x))!).toBe(true);
				expect(x.boundAfter > jalonBounds.get(key(x))!).toBe(true);
			}
			expect(differing.length).toBeLessThanOrEqual(gantt.length / 20);
			expect(gantt.filter((x) => !x.held)).toEqual([]);
		});
	}

	it('DD+3jé from Thursday 08/01/2026 lands on Monday 12/01, DF+2jé is not written as 0, every link is Rubber', () => {
		const doc = structuredClone(generated);
		const [a, b, c] = doc.tasks.filter((x) => x.kind === 'TASK');
		Object.assign(a!, { startDate: '2026-01-08', endDate: '2026-01-08' });
		Object.assign(b!, { startDate: '2026-01-12', endDate: '2026-01-13' });
		Object.assign(c!, { startDate: '2026-01-09', endDate: '2026-01-09' });
		doc.dependencies = [
			{ predecessorRef: a!.ref, successorRef: b!.ref, type: 'SS', lagDays: 3, lagUnit: 'ELAPSED_DAYS' },
			{ predecessorRef: a!.ref, successorRef: c!.ref, type: 'SF', lagDays: 2, lagUnit: 'ELAPSED_DAYS' }
		];
		doc.milestoneLinks = [];
		const gan = exportGanttProject(doc);
		const dump = JSON.parse(mpxj('dump', gan, 'gan')) as Dumped;
		const links = ganttProjectPlacement(dump);
		expect(links.find((l) => l.type === 'SS')).toMatchObject({ lag: 2, bound: '2026-01-12', held: true });
		expect(links.find((l) => l.type === 'SF')).toMatchObject({ lag: 2, bound: '2026-01-09', held: true });
		expect(gan).not.toContain('hardness="Strong"');
		expect(gan.match(/hardness="Rubber"/g)!.length).toBeGreaterThanOrEqual(2);
		// Read back by Jalon: no report about Strong links (Jalon wrote Rubber ones).
		expect(importGanttProject(gan, { clientOrganisation: 'x', budgetCapCents: 100 }).warnings.join('\n')).not.toContain(
			'Strong'
		);
	});
});
