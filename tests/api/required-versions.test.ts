// Every update sends the version it is based on (issue 22, item 11): without it the API refuses
// the call with a typed error and a French message, and nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { expectHttpError, seededMission, taskNamed, type Caller } from '../support/api';

let database: TestDatabase;
let api: Caller;
let missionId: string;
let plan: MissionPlan;

beforeAll(async () => {
	database = await createTestDatabase();
	({ missionId, api } = await seededMission(database.db));
	plan = await api.missions.get({ missionId });
});
afterAll(() => database.close());

const task = (prefix: string) => taskNamed(plan, prefix).id;

/** Each update procedure, with everything but the version, sent over HTTP as a browser or script does. */
const updates: [string, () => Record<string, unknown>][] = [
	['tasks.update', () => ({ taskId: task('Benchmark'), progress: 40 })],
	['tasks.move', () => ({ taskId: task('Benchmark'), startDate: '2026-02-02', endDate: '2026-02-06' })],
	['tasks.setPredecessors', () => ({ taskId: task('Benchmark'), predecessors: [] })],
	['tasks.updateLink', () => ({ dependencyId: plan.dependencies[0]!.id, lagDays: 3 })],
	['tasks.link', () => ({ predecessorId: task('Benchmark'), successorId: task('Restitution') })],
	['tasks.unlink', () => ({ dependencyId: plan.dependencies[0]!.id })],
	['plan.indent', () => ({ taskId: task('Benchmark') })],
	['finance.updateTerms', () => ({ missionId, contractAmountHtCents: 1_000_000, paymentDelayDays: 45 })],
	[
		'finance.setTranches',
		() => ({
			missionId,
			tranches: [{ label: 'Tout', percentBp: 10_000, triggerKind: 'MILESTONE', triggerMilestoneId: null }]
		})
	],
	['deliverables.transition', () => ({ deliverableId: plan.deliverables[0]!.id, action: 'START' })]
];

describe('an update without the version it is based on', () => {
	it.each(updates)('%s is refused with VALIDATION and a French message, changing nothing', async (path, input) => {
		const financeBefore = await api.finance.get({ missionId });
		const error = await expectHttpError(database.db, path, input(), {
			status: 400,
			code: 'BAD_REQUEST',
			appCode: 'VALIDATION'
		});
		expect(error.data.fieldErrors?.expectedVersion).toEqual([
			'Version manquante : rechargez la page avant d’enregistrer.'
		]);
		expect(await api.missions.get({ missionId })).toEqual(plan);
		expect(await api.finance.get({ missionId })).toEqual(financeBefore);
	});
});
