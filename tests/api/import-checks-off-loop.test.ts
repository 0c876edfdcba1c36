// An imported file or backup is checked once, in the heavy worker: the request loop (which holds
// the database lock meanwhile) no longer runs checkMissionDocument over thousands of tasks. A
// template instantiated on the server is still checked there.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectAppError, seededMission, type Caller } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Counts the calls made on this thread only (the worker loads its own copy of the module).
const mainThreadChecks = vi.hoisted(() => ({ count: 0 }));
vi.mock('$lib/mission-document', async (original) => {
	const actual = await original<typeof import('$lib/mission-document')>();
	return {
		...actual,
		checkMissionDocument: (...args: Parameters<typeof actual.checkMissionDocument>) => {
			mainThreadChecks.count += 1;
			return actual.checkMissionDocument(...args);
		}
	};
});

let t: TestDatabase;
let api: Caller;
let missionId: string;
beforeAll(async () => {
	t = await createTestDatabase();
	({ api, missionId } = await seededMission(t.db));
}, 120_000);
afterAll(() => t.close());

const ganFile = (count: number) =>
	`<?xml version="1.0" encoding="UTF-8"?><project name="Import" version="3.3"><tasks>${Array.from(
		{ length: count },
		(_, i) => `<task id="${i + 1}" name="Tâche ${i + 1}" start="2026-01-05" duration="3" complete="0"/>`
	).join('')}</tasks></project>`;

describe('imports are checked in the worker, not on the request loop', () => {
	it('an MS Project / GanttProject file', async () => {
		mainThreadChecks.count = 0;
		const { id } = await api.documents.importProject({
			content: ganFile(200),
			clientOrganisation: 'Import',
			budgetCapCents: 100_000
		});
		expect(await t.db.task.count({ where: { missionId: id } })).toBe(200);
		expect(mainThreadChecks.count).toBe(0);
	}, 60_000);

	it('a JSON backup, and a bad one is still refused in French', async () => {
		const backup = await api.documents.exportMission({ missionId });
		mainThreadChecks.count = 0;
		const { id } = await api.documents.importMission({ document: backup, title: 'Copie' });
		expect((await t.db.mission.findUniqueOrThrow({ where: { id } })).title).toBe('Copie');
		expect(mainThreadChecks.count).toBe(0);
		const looping = {
			...backup,
			dependencies: [
				{
					predecessorRef: backup.tasks[1]!.ref,
					successorRef: backup.tasks[1]!.ref,
					type: 'FS',
					lagDays: 0,
					lagUnit: 'WORKING'
				}
			]
		};
		const refusal = await expectAppError(
			api.documents.importMission({ document: looping }),
			'BAD_REQUEST',
			'VALIDATION'
		);
		expect(refusal.message).toMatch(/Import refusé/);
	}, 60_000);
});
