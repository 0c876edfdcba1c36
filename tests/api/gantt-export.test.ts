// The printed Gantt: a real PDF (page count, extractable text) whose first page is not blank,
// checked with poppler-utils (pdfinfo, pdftotext, pdftoppm), and a standalone SVG.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { ganttPdf } from '$lib/server/gantt-export/pdf';
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

async function render(paper: 'A4' | 'A3', includeTranches: boolean): Promise<string> {
	const file = path.join(dir, `gantt-${paper}-${includeTranches}.pdf`);
	fs.writeFileSync(file, await ganttPdf(plan, { paper, includeTranches, exportedOn: '2025-12-01' }));
	return file;
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

describe('SVG', () => {
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
