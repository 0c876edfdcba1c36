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
import { exportMspdi } from '$lib/server/project-files';
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
	if (!MPXJ) throw new Error('MPXJ introuvable : ../shared/tools/mpxj/mpxj.sh (ou $JALON_MPXJ) est attendu.');
	const file = path.join(dir, `plan-${Math.random().toString(36).slice(2)}.${extension}`);
	fs.writeFileSync(file, content);
	const args = command === 'dump' ? [command, file, `${file}.json`] : [command, file, '100'];
	const out = execFileSync(MPXJ, args, { stdio: 'pipe', timeout: 60_000 }).toString();
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
