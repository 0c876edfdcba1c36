// Links in the printed Gantt (issue 22, item 4): each type drawn from and to the ends it names,
// on every page it crosses; milestones leading tasks and ties to a task's end drawn too; names
// holding line separators printed on one line (item 6).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, daysBetween } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import type { LinkType } from '$lib/domain/schedule';
import { GEOMETRY, type Scene, type Shape } from '$lib/server/gantt-export/layout';
import { ganttPdf, ganttPdfScenes } from '$lib/server/gantt-export/pdf';
import { ganttSvg, ganttSvgScene } from '$lib/server/gantt-export/svg';
import { createTestDatabase, storedVersion, type TestDatabase } from '../support/test-database';
import { deliverableNumbered, milestoneNamed, seededMission, taskNamed, type Caller } from '../support/api';

let database: TestDatabase;
let api: Caller;
let missionId: string;
let plan: MissionPlan;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-pdf-links-'));
const options = { includeTranches: false, exportedOn: '2025-12-01' };

type Polyline = Extract<Shape, { type: 'polyline' }>;
type Polygon = Extract<Shape, { type: 'polygon' }>;
const linesOf = (scene: Scene, id: string) =>
	scene.shapes.filter((s): s is Polyline => s.type === 'polyline' && s.link === id);
const arrowsOf = (scene: Scene, id: string) =>
	scene.shapes.filter((s): s is Polygon => s.type === 'polygon' && s.role === 'arrow' && s.link === id);
/** The drawn bars and markers, by row: [left edge, right edge, middle y]. */
function rowBoxes(scene: Scene, rowCount: number): ([number, number, number] | null)[] {
	const top = GEOMETRY.headerTop + GEOMETRY.scaleHeight;
	return Array.from({ length: rowCount }, (_, i) => {
		const [y0, y1] = [top + i * GEOMETRY.rowHeight, top + (i + 1) * GEOMETRY.rowHeight];
		const bar = scene.shapes.find(
			(s) => s.type === 'rect' && s.fill && s.fill !== '#f9fafb' && s.fill !== '#2563eb' && s.y > y0 && s.y < y1
		);
		if (bar?.type === 'rect') return [bar.x, bar.x + bar.w, y0 + GEOMETRY.rowHeight / 2];
		const marker = scene.shapes.find(
			(s) => s.type === 'polygon' && s.role === 'marker' && s.points[0]![1] > y0 - 1 && s.points[0]![1] < y1
		);
		if (marker?.type !== 'polygon') return null;
		const xs = marker.points.map(([x]) => x);
		return [Math.min(...xs), Math.max(...xs), y0 + GEOMETRY.rowHeight / 2];
	});
}
const rowOf = (p: MissionPlan, key: string) => {
	const order = [
		...p.tasks.map((t) => t.id),
		...p.deliverables.map((d) => `deliverable:${d.id}`),
		...p.milestones.map((m) => `milestone:${m.id}`)
	];
	return order.indexOf(key);
};
const length = (points: [number, number][]) =>
	points.slice(1).reduce((sum, [x, y], i) => sum + Math.hypot(x - points[i]![0], y - points[i]![1]), 0);

beforeAll(async () => {
	database = await createTestDatabase();
	({ missionId, api } = await seededMission(database.db));
	const before = await api.missions.get({ missionId });
	const link = async (
		from: string,
		to: string,
		type: LinkType,
		lagDays: number,
		lagUnit: 'WORKING_DAYS' | 'ELAPSED_DAYS'
	) => {
		const successor = taskNamed(before, to);
		await api.tasks.link({
			predecessorId: taskNamed(before, from).id,
			successorId: successor.id,
			type,
			lagDays,
			lagUnit,
			expectedVersion: await storedVersion(api, 'task', successor.id)
		});
	};
	await link('Besoins fonctionnels', 'Diagnostic externe', 'SS', 3, 'ELAPSED_DAYS');
	await link('Entretiens : direction', 'Entretiens : équipe', 'FF', -1, 'WORKING_DAYS');
	await link('Trame de formation', 'Rédaction de la feuille de route', 'SF', 2, 'ELAPSED_DAYS');
	await link('Benchmark', 'Trame de formation', 'FS', 2, 'WORKING_DAYS');
	// A tied deliverable and a tied milestone, and a milestone leading a task.
	const report = taskNamed(before, 'Rédaction du rapport d’audit');
	const l1 = deliverableNumbered(before, 1);
	await api.deliverables.update({
		deliverableId: l1.id,
		expectedVersion: (await database.db.deliverable.findUniqueOrThrow({ where: { id: l1.id } })).version,
		anchorTaskId: report.id,
		anchorLagDays: 2
	});
	const pre = milestoneNamed(before, 'Pré-diagnostic');
	await api.milestones.update({
		milestoneId: pre.id,
		expectedVersion: (await database.db.milestone.findUniqueOrThrow({ where: { id: pre.id } })).version,
		anchorTaskId: report.id
	});
	const training = taskNamed(before, 'Trame de formation');
	await api.milestones.link({
		milestoneId: pre.id,
		successorId: training.id,
		type: 'SS',
		lagDays: 2,
		expectedVersion: await storedVersion(api, 'task', training.id)
	});
	plan = await api.missions.get({ missionId });
});
afterAll(() => {
	fs.rmSync(dir, { recursive: true, force: true });
	return database.close();
});

describe('each link type from and to the right ends', () => {
	it('FD, DD, FF and DF, in working and elapsed days, start and end on the edges their type names', () => {
		expect(new Set(plan.dependencies.map((d) => d.type))).toEqual(new Set(['FS', 'SS', 'FF', 'SF']));
		expect(new Set(plan.dependencies.map((d) => d.lagUnit))).toEqual(new Set(['WORKING_DAYS', 'ELAPSED_DAYS']));
		const scene = ganttSvgScene(plan, options);
		const boxes = rowBoxes(scene, plan.tasks.length);
		for (const d of plan.dependencies) {
			const [p, s] = [boxes[rowOf(plan, d.predecessorId)]!, boxes[rowOf(plan, d.successorId)]!];
			const lines = linesOf(scene, d.id);
			expect(lines, d.type).toHaveLength(1);
			const points = lines[0]!.points;
			const fromStart = d.type === 'SS' || d.type === 'SF';
			const toEnd = d.type === 'FF' || d.type === 'SF';
			expect([d.type, ...points[0]!]).toEqual([d.type, fromStart ? p[0] : p[1], p[2]]);
			expect([d.type, ...points[points.length - 1]!]).toEqual([d.type, toEnd ? s[1] : s[0], s[2]]);
			// The arrowhead's tip on that edge, pointing into the bar: from the right for FF and DF.
			const [arrow] = arrowsOf(scene, d.id);
			expect(arrow!.points[0]).toEqual([toEnd ? s[1] : s[0], s[2]]);
			expect(Math.sign(arrow!.points[1]![0] - arrow!.points[0]![0])).toBe(toEnd ? 1 : -1);
		}
		// The DF arrow (Trame de formation → feuille de route) ends on its successor's right edge.
		const df = plan.dependencies.find((d) => d.type === 'SF')!;
		const end = linesOf(scene, df.id)[0]!.points.at(-1)!;
		expect(end[0]).toBe(boxes[rowOf(plan, df.successorId)]![1]);
	});

	it('the PDF page draws the same ends as the SVG (one scene for both)', () => {
		const [page] = ganttPdfScenes(plan, { ...options, paper: 'A3' });
		const boxes = rowBoxes(page!, plan.tasks.length);
		const df = plan.dependencies.find((d) => d.type === 'SF')!;
		const lines = linesOf(page!, df.id);
		expect(lines.length).toBeGreaterThan(0);
		expect(lines.at(-1)!.points.at(-1)).toEqual([
			boxes[rowOf(plan, df.successorId)]![1],
			boxes[rowOf(plan, df.successorId)]![2]
		]);
	});
});

describe('links at the chart’s edges', () => {
	it('an arrow into a bar on the chart’s first day or out of its last is still drawn, on one page', () => {
		const base = plan.tasks.find((t) => t.kind === 'TASK')!;
		const task = (id: string, startDate: string, endDate: string) => ({ ...base, id, name: id, startDate, endDate });
		// B starts on the chart's first Monday (DD-2j from A); D ends on the chart's last Sunday (FF from C).
		const edges: MissionPlan = {
			...plan,
			tasks: [
				task('A', '2026-01-07', '2026-01-09'),
				task('B', '2026-01-05', '2026-01-06'),
				task('C', '2026-01-12', '2026-01-14'),
				task('D', '2026-01-15', '2026-01-18')
			],
			dependencies: [
				{ id: 'ab', predecessorId: 'A', successorId: 'B', type: 'SS', lagDays: -2, lagUnit: 'WORKING_DAYS' },
				{ id: 'cd', predecessorId: 'C', successorId: 'D', type: 'FF', lagDays: 0, lagUnit: 'WORKING_DAYS' }
			],
			milestoneLinks: [],
			deliverables: [],
			milestones: [],
			tranches: []
		};
		const scene = ganttSvgScene(edges, options);
		const boxes = rowBoxes(scene, 4);
		expect(arrowsOf(scene, 'ab').map((a) => a.points[0])).toEqual([[boxes[1]![0], boxes[1]![2]]]);
		expect(arrowsOf(scene, 'cd').map((a) => a.points[0])).toEqual([[boxes[3]![1], boxes[3]![2]]]);
		for (const paper of ['A4', 'A3'] as const) {
			const pages = ganttPdfScenes(edges, { ...options, paper });
			expect(pages.flatMap((page) => arrowsOf(page, 'ab'))).toHaveLength(1);
			expect(pages.flatMap((page) => arrowsOf(page, 'cd'))).toHaveLength(1);
		}
	});
});

describe('milestone leads and ties', () => {
	it('a milestone leading a task is an arrow from its marker; a tie a dashed purple line from the task’s end', () => {
		const scene = ganttSvgScene(plan, options);
		const rows = plan.tasks.length + plan.deliverables.length + plan.milestones.length;
		const boxes = rowBoxes(scene, rows);
		const lead = plan.milestoneLinks[0]!;
		expect(lead.type).toBe('SS');
		const leadLine = linesOf(scene, lead.id)[0]!;
		const milestone = boxes[rowOf(plan, `milestone:${lead.milestoneId}`)]!;
		const successor = boxes[rowOf(plan, lead.successorId)]!;
		expect(leadLine.points[0]).toEqual([milestone[0], milestone[2]]);
		expect(leadLine.points.at(-1)).toEqual([successor[0], successor[2]]);
		expect(arrowsOf(scene, lead.id)).toHaveLength(1);

		const tied = [
			...plan.deliverables.filter((d) => d.anchorTaskId).map((d) => ['deliverable', d] as const),
			...plan.milestones.filter((m) => m.anchorTaskId).map((m) => ['milestone', m] as const)
		];
		expect(tied).toHaveLength(2);
		for (const [kind, item] of tied) {
			const [line] = linesOf(scene, `tie:${kind}:${item.id}`);
			const task = boxes[rowOf(plan, item.anchorTaskId!)]!;
			const marker = boxes[rowOf(plan, `${kind}:${item.id}`)]!;
			expect(line).toMatchObject({ stroke: '#7c3aed', dash: expect.any(Array) });
			expect(line!.points[0]).toEqual([task[1], task[2]]);
			expect(line!.points.at(-1)).toEqual([marker[0], marker[2]]);
		}
		const svg = ganttSvg(plan, options);
		expect(svg).toMatch(/<polyline [^>]*stroke="#7c3aed"[^>]*stroke-dasharray="[^"]+"[^>]*data-link="tie:deliverable:/);
		expect(svg).toContain('Rattachement à la fin d’une tâche');
	});
});

/** Two years of 150 tasks, each linked to later ones by every type: 3 to 4 links a task. */
function twoYearPlan(): MissionPlan {
	const base = plan.tasks.find((t) => t.kind === 'TASK')!;
	const tasks = Array.from({ length: 150 }, (_, i) => {
		const startDate = addCalendarDays('2026-01-05', i * 5);
		return {
			...base,
			id: `t${i}`,
			parentId: null,
			name: `Tâche ${i}`,
			startDate,
			endDate: addCalendarDays(startDate, 3 + (i % 4) * 6)
		};
	});
	const types: LinkType[] = ['FS', 'SS', 'FF', 'SF'];
	const dependencies = tasks.flatMap((t, i) =>
		[1, 3, 17, 40]
			.filter((step) => i + step < tasks.length && (step !== 40 || i % 2 === 0))
			.map((step, k) => ({
				id: `l${i}-${step}`,
				predecessorId: t.id,
				successorId: `t${i + step}`,
				type: types[(i + k) % 4]!,
				lagDays: 0,
				lagUnit: 'WORKING_DAYS' as const
			}))
	);
	return {
		...plan,
		tasks,
		dependencies,
		milestoneLinks: [],
		deliverables: [],
		milestones: [],
		tranches: []
	};
}

describe('a two-year plan paginated to A4', () => {
	it('draws every link on each page it crosses: the pieces of all pages add up to the whole line', () => {
		const long = twoYearPlan();
		expect(long.dependencies.length).toBeGreaterThan(270);
		const pages = ganttPdfScenes(long, { ...options, paper: 'A4' });
		expect(pages.length).toBeGreaterThan(4);
		// The same chart unpaginated, at the PDF's scale: the SVG's scene.
		const days = daysBetween('2026-01-05', '2026-01-12');
		const pageLeft = GEOMETRY.margin + GEOMETRY.labelWidth;
		const firstWeek = pages[0]!.shapes.filter((s) => s.type === 'line' && s.y1 === GEOMETRY.headerTop + 14);
		const dayWidth = ((firstWeek[1] as { x1: number }).x1 - pageLeft) / days;
		const whole = ganttSvgScene(long, { ...options, dayWidth });
		for (const d of long.dependencies) {
			const onPages = pages.map((page) => linesOf(page, d.id));
			expect([d.id, onPages.some((lines) => lines.length > 0)]).toEqual([d.id, true]);
			const drawn = onPages.flat().reduce((sum, line) => sum + length(line.points), 0);
			const full = linesOf(whole, d.id).reduce((sum, line) => sum + length(line.points), 0);
			expect([d.id, drawn]).toEqual([d.id, expect.closeTo(full, 3)]);
			// Its arrowhead on exactly one page.
			expect([d.id, pages.filter((page) => arrowsOf(page, d.id).length > 0).length]).toEqual([d.id, 1]);
		}
		// Links between rows of different pages exist, and are drawn on both.
		const g = GEOMETRY;
		const rowsPerPage = Math.floor((595 - g.margin - g.headerTop - g.scaleHeight - g.legendHeight) / g.rowHeight);
		const across = long.dependencies.filter(
			(d) =>
				Math.floor(rowOf(long, d.predecessorId) / rowsPerPage) !== Math.floor(rowOf(long, d.successorId) / rowsPerPage)
		);
		expect(across.length).toBeGreaterThan(10);
		for (const d of across)
			expect([d.id, pages.filter((p) => linesOf(p, d.id).length > 0).length]).toEqual([
				d.id,
				expect.toSatisfy((n: number) => n >= 2)
			]);
	});

	it('the real PDF: the DF arrowhead is printed just right of its successor’s bar', async () => {
		const long = twoYearPlan();
		const file = path.join(dir, 'two-years.pdf');
		fs.writeFileSync(file, await ganttPdf(long, { ...options, paper: 'A4' }));
		const pages = ganttPdfScenes(long, { ...options, paper: 'A4' });
		const df = long.dependencies.filter((d) => d.type === 'SF')[5]!;
		const index = pages.findIndex((page) => arrowsOf(page, df.id).length > 0);
		const tip = arrowsOf(pages[index]!, df.id)[0]!.points[0]!;
		// 144 dpi: two pixels a point. The arrowhead lies right of its tip, over 3 points.
		const prefix = path.join(dir, 'tip');
		const [x, y] = [Math.round(2 * (tip[0] + 1)), Math.round(2 * tip[1]) - 1];
		execFileSync('pdftoppm', [
			'-r',
			'144',
			'-f',
			String(index + 1),
			'-l',
			String(index + 1),
			'-x',
			String(x),
			'-y',
			String(y),
			'-W',
			'4',
			'-H',
			'3',
			'-singlefile',
			file,
			prefix
		]);
		const bytes = fs.readFileSync(`${prefix}.ppm`);
		const header = bytes.toString('latin1', 0, 40).match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)!;
		const pixels = bytes.subarray(header[0].length);
		let dark = 0;
		for (let i = 0; i < pixels.length; i += 3)
			if (pixels[i]! < 140 && pixels[i + 1]! < 140 && pixels[i + 2]! < 140) dark += 1;
		expect(dark).toBeGreaterThan(2);
		// And the page's text says which weeks it covers: the successor's end is in them.
		const text = execFileSync('pdftotext', ['-f', String(index + 1), '-l', String(index + 1), file, '-'], {
			encoding: 'utf8'
		});
		expect(text).toContain(`page ${index + 1}/${pages.length}`);
	});
});

describe('names with line separators', () => {
	it('print on one line in the PDF, the SVG and the PNG’s scene', async () => {
		const odd = {
			...plan,
			mission: { ...plan.mission, title: 'Mission\u2028sur deux lignes' },
			tasks: plan.tasks.map((t, i) => (i === 1 ? { ...t, name: 'Réunion\u2029de\u0085cadrage\u2028finale' } : t))
		};
		const texts = ganttSvgScene(odd, options).shapes.flatMap((s) => (s.type === 'text' ? [s.text] : []));
		expect(texts).toContain('Mission sur deux lignes');
		expect(texts.some((t) => t.startsWith('Réunion de cadrage finale'))).toBe(true);
		expect(texts.join('')).not.toMatch(/[\u2028\u2029\u0085]/);
		expect(ganttSvg(odd, options)).not.toMatch(/[\u2028\u2029\u0085]/);
		const file = path.join(dir, 'separators.pdf');
		fs.writeFileSync(file, await ganttPdf(odd, { ...options, paper: 'A3' }));
		const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
		expect(text).toContain('Mission sur deux lignes');
		expect(text).toMatch(/Réunion de cadrage finale/);
	});
});
