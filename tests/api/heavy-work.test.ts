// Heavy work (imports, exports) runs in a worker thread: the request loop keeps answering
// during it, and plans beyond the documented limits are refused in French with a typed code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAVY_LIMITS } from '$lib/server/heavy';
import { exportMissionDocument } from '$lib/server/mission-document';
import { expectAppError, seededMission, type Caller } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
let api: Caller;
let missionId: string;
beforeAll(async () => {
	t = await createTestDatabase();
	({ api, missionId } = await seededMission(t.db));
	// The first job starts a worker (compiling TypeScript in tests): not part of what is measured.
	await api.documents.exportMspdi({ missionId });
}, 120_000);
afterAll(() => t.close());

const defaults = { clientOrganisation: 'Import', budgetCapCents: 100_000 };

/** A GanttProject file with tasks of the given durations (working days). */
function ganFile(durations: number[]): string {
	const tasks = durations
		.map((d, i) => `<task id="${i + 1}" name="Tâche ${i + 1}" start="2026-01-05" duration="${d}" complete="0"/>`)
		.join('');
	return `<?xml version="1.0" encoding="UTF-8"?><project name="Gros" version="3.3"><tasks>${tasks}</tasks></project>`;
}

/**
 * Runs `call` while measuring the longest gap between event-loop turns and counting how many
 * 10 ms ticks ran before it settled: what another request would have waited.
 */
async function whileRunning(call: () => Promise<unknown>) {
	let last = performance.now();
	let longestGap = 0;
	let ticks = 0;
	const timer = setInterval(() => {
		const now = performance.now();
		longestGap = Math.max(longestGap, now - last);
		last = now;
		ticks += 1;
	}, 10);
	const started = performance.now();
	const outcome = await call().then(
		(value) => ({ value, error: null }),
		(error: unknown) => ({ value: null, error })
	);
	const duration = performance.now() - started;
	clearInterval(timer);
	return { ...outcome, duration, longestGap, ticks };
}

describe('heavy work in a worker thread', () => {
	it('keeps the request loop answering while a slow file is parsed, then refuses it in French', async () => {
		// One task of 200 000 working days: slow to compute, and far beyond the time-span limit.
		const run = await whileRunning(() => api.documents.importProject({ content: ganFile([5, 200_000]), ...defaults }));
		console.log(
			`importProject (200 000 working days): ${Math.round(run.duration)} ms, longest loop gap ${Math.round(run.longestGap)} ms`
		);
		expect(run.error).not.toBeNull();
		const error = await expectAppError(Promise.reject(run.error), 'PAYLOAD_TOO_LARGE', 'TOO_LARGE');
		expect(error.message).toMatch(/Plan trop long.*10 ans au plus/);
		// The loop kept turning during the job: no single stall took most of it.
		expect(run.ticks).toBeGreaterThan(2);
		expect(run.longestGap).toBeLessThan(run.duration / 2);
		expect(await t.db.mission.count()).toBe(1);
	});

	it('refuses a backup with more tasks than the limit, and imports nothing', async () => {
		const document = await exportMissionDocument(t.db, missionId);
		const task = document!.tasks.find((x) => x.kind === 'TASK')!;
		const many = Array.from({ length: HEAVY_LIMITS.maxTasks + 1 }, (_, i) => ({
			...task,
			ref: `extra-${i}`,
			parentRef: null
		}));
		const error = await expectAppError(
			api.documents.importMission({ document: { ...document, tasks: many, dependencies: [] } }),
			'PAYLOAD_TOO_LARGE',
			'TOO_LARGE'
		);
		expect(error.message).toBe(
			`Plan trop grand : ${HEAVY_LIMITS.maxTasks + 1} tâches, ${HEAVY_LIMITS.maxTasks} au plus.`
		);
		expect(await t.db.mission.count()).toBe(1);
	});

	it('refuses to export a plan spanning more than the limit', async () => {
		const phase = await t.db.task.findFirstOrThrow({ where: { missionId, kind: 'TASK' } });
		await t.db.task.update({ where: { id: phase.id }, data: { endDate: '2045-01-01' } });
		const error = await expectAppError(api.documents.exportMspdi({ missionId }), 'PAYLOAD_TOO_LARGE', 'TOO_LARGE');
		expect(error.message).toMatch(
			/^Plan trop long : il s’étend du \d\d\/\d\d\/\d{4} au 01\/01\/2045, 10 ans au plus\.$/
		);
		await t.db.task.update({ where: { id: phase.id }, data: { endDate: phase.endDate } });
		expect(await api.documents.exportMspdi({ missionId })).toContain('<Project');
	});
});
