// The export read of the database layer (sqlite/queries/mission-export.ts) returns exactly what
// Prisma's findUnique with the same include returns: same rows, order, Dates and booleans.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSqlite } from '$lib/server/db';
import { seedCufMission } from '$lib/server/seed';
import { MISSION_EXPORT_INCLUDE, readMissionExport } from '$lib/server/sqlite/queries/mission-export';
import { createTestDatabase, TEST_ADMIN, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
let missionId: string;
beforeAll(async () => {
	t = await createTestDatabase();
	missionId = await seedCufMission(t.db);
	// Rows of every relation, with Dates and nulls, so each conversion is compared.
	const db = t.db;
	const [deliverable] = await db.deliverable.findMany({ where: { missionId }, take: 1 });
	const [tranche] = await db.paymentTranche.findMany({ where: { missionId }, take: 1 });
	const [phase] = await db.task.findMany({ where: { missionId, kind: 'PHASE' }, take: 1 });
	const profile = await db.costProfile.create({ data: { missionId, name: 'Expert', dayRateHtCents: 80_000 } });
	await db.deliverableSubmission.createMany({
		data: [
			{
				deliverableId: deliverable!.id,
				versionLabel: 'v1',
				submittedById: TEST_ADMIN.id,
				submittedByName: 'A',
				submittedAt: new Date('2026-01-05T10:00:00Z'),
				decision: 'REWORK',
				decidedAt: new Date('2026-01-06T09:30:00Z'),
				decidedByName: 'B'
			},
			{
				deliverableId: deliverable!.id,
				versionLabel: 'v2',
				submittedById: TEST_ADMIN.id,
				submittedByName: 'A',
				submittedAt: new Date('2026-01-04T10:00:00Z')
			}
		]
	});
	await db.tranchePayment.createMany({
		data: [
			{ trancheId: tranche!.id, paidOn: '2026-02-01', amountCents: 100 },
			{ trancheId: tranche!.id, paidOn: '2026-01-15', amountCents: 200 }
		]
	});
	await db.timeEntry.create({
		data: { missionId, profileId: profile.id, phaseId: phase!.id, weekStart: '2026-01-05', dayHundredths: 250 }
	});
	await db.expense.create({ data: { missionId, label: 'Train', incurredOn: '2026-01-07', amountHtCents: 9_900 } });
	await db.overCapApproval.create({ data: { missionId, planAmountCents: 1, overCents: 2, comment: null } });
	await db.milestone.updateMany({ where: { missionId }, data: { isWeek: true } });
});
afterAll(async () => {
	await t.close();
});

describe('readMissionExport', () => {
	it('equals Prisma’s findUnique with MISSION_EXPORT_INCLUDE', async () => {
		const prisma = await t.db.mission.findUnique({ where: { id: missionId }, include: MISSION_EXPORT_INCLUDE });
		const raw = await withSqlite(t.db, (access) => readMissionExport(access, missionId));
		expect(prisma!.deliverables.some((d) => d.submissions.length === 2)).toBe(true);
		expect(prisma!.milestones.some((m) => m.isWeek === true)).toBe(true);
		expect(raw).toEqual(prisma);
		expect(raw!.createdAt).toBeInstanceOf(Date);
	});

	it('answers null for an unknown mission', async () => {
		expect(await withSqlite(t.db, (access) => readMissionExport(access, 'nope'))).toBeNull();
	});
});
