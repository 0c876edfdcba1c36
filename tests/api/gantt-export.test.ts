// The printed Gantt: a real PDF (page count, extractable text) whose first page is not blank,
// checked with poppler-utils (pdfinfo, pdftotext, pdftoppm), and a standalone SVG.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { textWidth } from '$lib/server/gantt-export/fonts';
import { buildScene, chartRows, GEOMETRY } from '$lib/server/gantt-export/layout';
import { ganttPdf } from '$lib/server/gantt-export/pdf';
import { ganttPng } from '$lib/server/gantt-export/png';
import { ganttSvg } from '$lib/server/gantt-export/svg';
import { seedCufMission } from '$lib/server/seed';
import { callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
let plan: MissionPlan;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-pdf-'));

beforeAll(async () => {
	t = await createTestDatabase();
	const missionId = await seedCufMission(t.db);
	plan = await callerFor(t.db).missions.get({ missionId });
});

afterAll(async () => {
	await t.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

async function render(paper: 'A4' | 'A3', includeTranches: boolean, of: MissionPlan = plan): Promise<string> {
	const file = path.join(dir, `gantt-${paper}-${includeTranches}-${of.mission.title.length}.pdf`);
	fs.writeFileSync(file, await ganttPdf(of, { paper, includeTranches, exportedOn: '2025-12-01' }));
	return file;
}

/** A two-year plan: the CUF tasks, then one task two years later (nothing in between). */
function twoYearPlan(): MissionPlan {
	const last = plan.tasks[plan.tasks.length - 1]!;
	return {
		...plan,
		mission: { ...plan.mission, title: `${plan.mission.title} (deux ans)` },
		tasks: [
			...plan.tasks,
			{ ...last, id: 'later', name: 'Bilan à deux ans', startDate: '2027-11-15', endDate: '2027-11-26' }
		]
	};
}

/** Share of coloured (not grey) pixels in the chart's time area of each page, from poppler's rendering. */
function colouredShareByPage(file: string, paperHeight: number): number[] {
	const prefix = path.join(dir, `bars-${path.basename(file, '.pdf')}`);
	// 36 dpi: half a pixel a point. Time area: right of the labels, between the scale and the legend.
	const x = Math.ceil((GEOMETRY.margin + GEOMETRY.labelWidth) / 2) + 1;
	const y = Math.ceil((GEOMETRY.headerTop + GEOMETRY.scaleHeight) / 2);
	const h = Math.floor((paperHeight - GEOMETRY.margin - GEOMETRY.legendHeight) / 2) - y;
	execFileSync('pdftoppm', ['-r', '36', '-x', String(x), '-y', String(y), '-W', '270', '-H', String(h), file, prefix]);
	return fs
		.readdirSync(dir)
		.filter((f) => f.startsWith(path.basename(prefix)) && f.endsWith('.ppm'))
		.sort()
		.map((f) => {
			const bytes = fs.readFileSync(path.join(dir, f));
			const header = bytes.toString('latin1', 0, 40).match(/^P6\s+(\d+)\s+(\d+)\s+255\s/)!;
			const pixels = bytes.subarray(header[0].length);
			let coloured = 0;
			for (let i = 0; i < pixels.length; i += 3) {
				const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
				// Greys (grid, shading, text) have channels within 20 of each other; every bar colour does not.
				if (Math.max(r, g, b) - Math.min(r, g, b) > 25) coloured += 1;
			}
			return coloured / (pixels.length / 3);
		});
}

const pages = (file: string) =>
	Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

describe('PDF', () => {
	it('is a vector PDF: the title and a deliverable can be extracted as text', async () => {
		const file = await render('A4', true);
		expect(pages(file)).toBeGreaterThanOrEqual(1);
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		expect(text).toContain('Étude sur la mobilisation des données');
		expect(text).toContain('Audit de l’architecture de données');
		expect(text).toContain('échéance 15/12/2025');
		expect(text).toContain('Paiement');
		expect(text).toContain('exporté le 01/12/2025');
		expect(text).toContain('Échéance contractuelle');
	});

	it('breaks a long timeline over several pages on A4 and fewer on A3', async () => {
		const a4 = pages(await render('A4', false));
		const a3 = pages(await render('A3', false));
		expect(a4).toBeGreaterThan(1);
		expect(a3).toBeLessThanOrEqual(a4);
		const text = execFileSync('pdftotext', [await render('A4', false), '-'], { encoding: 'utf8' });
		expect(text).toContain(`page ${a4}/${a4}`);
		expect(text).not.toContain('Paiement —');
	});

	it('first page rendered to an image is not blank', async () => {
		const file = await render('A4', true);
		execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '30', '-gray', file, path.join(dir, 'page')]);
		const pgm = fs.readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.pgm'))!;
		const bytes = fs.readFileSync(path.join(dir, pgm));
		// Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
		const header = bytes.toString('latin1', 0, 40).match(/^P5\s+(\d+)\s+(\d+)\s+255\s/)!;
		const pixels = bytes.subarray(header[0].length);
		expect(pixels.length).toBe(Number(header[1]) * Number(header[2]));
		const dark = pixels.filter((v) => v < 200).length;
		expect(dark / pixels.length).toBeGreaterThan(0.02);
	});
});

describe('PDF for other tools', () => {
	it('embeds a Unicode font: "Łódź, Timișoara, Gdańsk" survives', async () => {
		const file = await render('A4', false, {
			...plan,
			mission: { ...plan.mission, title: 'Łódź, Timișoara, Gdańsk' }
		});
		const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
		expect(fonts.length).toBeGreaterThan(0);
		// Every font embedded (emb = yes), none of the standard 14.
		for (const line of fonts) expect(line).toMatch(/DejaVu.*\byes\s+yes\s+yes\b/);
		expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Łódź, Timișoara, Gdańsk');
	});

	it('a two-year plan prints no page without a bar', async () => {
		const file = await render('A4', false, twoYearPlan());
		const shares = colouredShareByPage(file, 595);
		expect(shares.length).toBeGreaterThan(1);
		expect(shares.map((share) => share > 0.001)).toEqual(shares.map(() => true));
	});

	it('each page’s header ends on the last day it draws (a Sunday: pages are whole weeks)', async () => {
		const text = execFileSync('pdftotext', [await render('A4', false, twoYearPlan()), '-'], { encoding: 'utf8' });
		const ranges = [...text.matchAll(/du (\d{2})\/(\d{2})\/(\d{4}) au (\d{2})\/(\d{2})\/(\d{4})/g)];
		expect(ranges.length).toBeGreaterThan(1);
		for (const m of ranges) {
			const from = `${m[3]}-${m[2]}-${m[1]}`;
			const to = `${m[6]}-${m[5]}-${m[4]}`;
			expect(new Date(`${from}T12:00:00Z`).getUTCDay()).toBe(1);
			expect(new Date(`${to}T12:00:00Z`).getUTCDay()).toBe(0);
			expect(to > from).toBe(true);
		}
	});

	it('labels never run into the time area (word boxes read back by pdftotext -bbox)', async () => {
		const long = 'Analyse extrêmement détaillée '.repeat(8);
		const file = await render('A4', false, {
			...plan,
			tasks: plan.tasks.map((x, i) => (i === 1 ? { ...x, name: long } : x))
		});
		const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
		const words = [...html.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</g)];
		const rowsTop = GEOMETRY.headerTop + GEOMETRY.scaleHeight;
		const labelRight = GEOMETRY.margin + GEOMETRY.labelWidth;
		// Rows only: the legend below them runs across the page.
		const legendTop = 595 - GEOMETRY.margin - GEOMETRY.legendHeight;
		const labels = words.filter((w) => Number(w[2]) > rowsTop && Number(w[2]) < legendTop && Number(w[1]) < labelRight);
		expect(labels.some((w) => w[4] === 'extrêmement')).toBe(true);
		for (const w of labels)
			expect([w[4], Number(w[3])]).toEqual([w[4], expect.toSatisfy((v: number) => v <= labelRight)]);
	});
});

describe('one scene for both renderers', () => {
	it('fits every text to its box with the embedded font’s widths', () => {
		const rows = chartRows({ ...plan, mission: { ...plan.mission } }, true);
		const scene = buildScene({
			title: 'Titre '.repeat(80),
			subtitle: 'x',
			from: '2025-10-20',
			to: addCalendarDays('2025-10-20', 7 * 22),
			rows,
			dayWidth: 1.2,
			links: plan.dependencies,
			includeTranches: true,
			size: { width: 842, height: 595 }
		});
		const texts = scene.shapes.filter((s) => s.type === 'text');
		expect(texts.length).toBeGreaterThan(rows.length);
		for (const s of texts) expect(textWidth(s.text, s.size, s.bold)).toBeLessThanOrEqual(s.width + 0.01);
		// At 1.2 points a day a month is ~36 points wide: "novembre 2025" is cut, not spilled.
		expect(texts.some((s) => s.text.startsWith('nove') && s.text.endsWith('…'))).toBe(true);
	});
});

describe('SVG', () => {
	it('draws an arrow for each link and tranche markers in their status colours', () => {
		const paid = { ...plan, tranches: plan.tranches.map((x, i) => (i === 0 ? { ...x, status: 'PAID' as const } : x)) };
		const svg = ganttSvg(paid, { includeTranches: true, exportedOn: '2025-12-01' });
		expect((svg.match(/<polyline /g) ?? []).length).toBe(plan.dependencies.length);
		const fills = [...svg.matchAll(/<circle [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
		// Three tranches (one paid, two planned), then the four status swatches of the legend.
		expect(fills.slice(0, 3)).toEqual(['#16a34a', '#9ca3af', '#9ca3af']);
		expect(svg).toContain('Tranche payée');
	});

	it('is standalone, with the title, every row and the legend', () => {
		const svg = ganttSvg(plan, { includeTranches: true, exportedOn: '2025-12-01' });
		expect(svg.startsWith('<?xml')).toBe(true);
		expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
		expect(svg).toContain('Étude sur la mobilisation des données');
		expect((svg.match(/<polygon /g) ?? []).length).toBe(
			plan.deliverables.length + plan.milestones.filter((m) => !m.isWeek).length
		);
		expect(svg).toContain('Livrable prévu après son échéance');
		expect(svg).not.toContain('<animate');
	});
});

describe('PNG', () => {
	it('is the SVG drawn at twice its size, its text in the embedded font (no system font is loaded)', () => {
		const png = ganttPng(plan, { includeTranches: true, exportedOn: '2025-12-01' });
		expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
		const svg = ganttSvg(plan, { includeTranches: true, exportedOn: '2025-12-01' });
		const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg)!;
		// IHDR: width and height as big-endian integers at bytes 16 and 20.
		expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2 * Number(w), 2 * Number(h)]);
		// Without system fonts, text only shows if the DejaVu files are found: the same drawing
		// without its texts compresses to a much smaller image.
		const bare = new Resvg(svg.replace(/<text [^>]*>[^<]*<\/text>/g, ''), {
			font: { loadSystemFonts: false },
			fitTo: { mode: 'zoom', value: 2 },
			background: '#ffffff'
		})
			.render()
			.asPng();
		expect(png.length).toBeGreaterThan(bare.length * 1.5);
	});
});
