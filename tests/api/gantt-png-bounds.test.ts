// The PNG of a long plan stays within 16 megapixels and 8 000 pixels a side (issue 22, item 6):
// a two-year plan drawn at twice its size made 10 148 × 9 698 px. Short plans keep twice their size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { ganttPngImage, pngZoom, PNG_MAX_PIXELS, PNG_MAX_SIDE } from '$lib/server/gantt-export/png';
import { ganttSvg } from '$lib/server/gantt-export/svg';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { seededMission } from '../support/api';

let database: TestDatabase;
let plan: MissionPlan;

beforeAll(async () => {
	database = await createTestDatabase();
	const { missionId, api } = await seededMission(database.db);
	plan = await api.missions.get({ missionId });
});
afterAll(() => database.close());

const options = { includeTranches: true, exportedOn: '2025-12-01' };
const svgSize = (p: MissionPlan) => {
	const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(ganttSvg(p, options))!;
	return [Number(w), Number(h)] as const;
};

describe('PNG bounds', () => {
	it('zooms twice when it fits, less when a side or the area would exceed the bounds', () => {
		expect(pngZoom(1000, 800)).toBe(2);
		expect(pngZoom(5074, 4849)).toBeLessThan(1); // the two-year plan of the finding
		expect(5074 * pngZoom(5074, 4849) * 4849 * pngZoom(5074, 4849)).toBeLessThanOrEqual(PNG_MAX_PIXELS + 1);
		expect(20_000 * pngZoom(20_000, 300)).toBeLessThanOrEqual(PNG_MAX_SIDE);
	});

	it('draws a plan stretched over five years within the bounds, and says by how much it is reduced', () => {
		const tasks = plan.tasks.map((t, i) => (i === plan.tasks.length - 1 ? { ...t, endDate: '2030-12-31' } : t));
		const long = { ...plan, tasks };
		const [w, h] = svgSize(long);
		const { png, zoom } = ganttPngImage(long, options);
		const [pw, ph] = [png.readUInt32BE(16), png.readUInt32BE(20)];
		expect(2 * w * 2 * h).toBeGreaterThan(PNG_MAX_PIXELS); // twice its size would exceed the bounds
		expect(zoom).toBeLessThan(2);
		expect(pw).toBeLessThanOrEqual(PNG_MAX_SIDE);
		expect(ph).toBeLessThanOrEqual(PNG_MAX_SIDE);
		expect(pw * ph).toBeLessThanOrEqual(PNG_MAX_PIXELS * 1.001);
		expect(Math.abs(pw - w * zoom)).toBeLessThanOrEqual(1);
	});

	it('keeps twice its size for the CUF plan', () => {
		const [w, h] = svgSize(plan);
		const { png, zoom } = ganttPngImage(plan, options);
		expect(zoom).toBe(2);
		expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2 * w, 2 * h]);
	});
});
