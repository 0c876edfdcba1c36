// The Gantt page reads a mission through prepared statements, not Prisma: the rows must be exactly
// the ones Prisma returns (same fields, types and order), for the seed and for a large mission.
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMissionPlan, type MissionRows } from '$lib/domain/mission-plan';
import { sqliteOf } from '$lib/server/db';
import { outsideTransaction } from '$lib/server/sqlite/scope';
import { loadManyMissionRows, loadMissionRows } from '$lib/server/mission-data';
import { seedIfEmpty } from '$lib/server/seed';
import { generatedMission } from '../../bench/data';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';

let database: TestDatabase;
let cufId: string;
let largeId: string;

async function rowsThroughPrisma(missionId: string) {
	const mission = await database.db.mission.findUnique({
		where: { id: missionId },
		include: {
			tasks: { orderBy: { sortOrder: 'asc' } },
			dependencies: true,
			milestoneLinks: true,
			deliverables: { orderBy: { number: 'asc' } },
			milestones: true,
			tranches: { orderBy: { sortOrder: 'asc' }, include: { payments: { orderBy: { paidOn: 'asc' } } } },
			contacts: true
		}
	});
	if (!mission) return null;
	const {
		tasks,
		dependencies,
		milestoneLinks,
		deliverables,
		milestones,
		tranches,
		contacts,
		createdAt: _c,
		updatedAt: _u,
		...row
	} = mission;
	const payments = tranches
		.flatMap((t) => t.payments)
		.sort((a, b) => a.paidOn.localeCompare(b.paidOn))
		.map(({ id, trancheId, paidOn, amountCents }) => ({ id, trancheId, paidOn, amountCents }));
	return {
		mission: row,
		tasks,
		dependencies,
		milestoneLinks,
		deliverables,
		milestones,
		tranches: tranches.map(({ payments: _p, ...t }) => t),
		contacts,
		payments
	};
}

beforeAll(async () => {
	database = await createTestDatabase();
	cufId = (await seedIfEmpty(database.db))!;
	largeId = (await callerFor(database.db).documents.importMission({ document: generatedMission('Grande', 120, 3) })).id;
	// A week milestone, so the 0/1 → boolean mapping is exercised both ways.
	await database.db.milestone.create({
		data: { missionId: largeId, name: 'Semaine', kind: 'STEERING', fixedDate: '2026-02-09', isWeek: true }
	});
	// Payments, read with the tranches (a tranche's status depends on them).
	const first = await database.db.paymentTranche.findFirstOrThrow({ where: { missionId: cufId } });
	await database.db.tranchePayment.createMany({
		data: [
			{ trancheId: first.id, paidOn: '2025-12-20', amountCents: 100_000 },
			{ trancheId: first.id, paidOn: '2025-12-10', amountCents: 50_000 }
		]
	});
});
afterAll(() => database.close());

describe('mission rows read through prepared statements', () => {
	it('equal what Prisma returns, for the seed mission', async () => {
		const rows = await loadMissionRows(database.db, cufId);
		expect(rows?.tasks.length).toBeGreaterThan(10);
		expect(rows).toEqual(await rowsThroughPrisma(cufId));
	});

	it('equal what Prisma returns, for a generated mission with links and a week milestone', async () => {
		const rows = await loadMissionRows(database.db, largeId);
		expect(rows?.dependencies.length).toBeGreaterThan(10);
		expect(rows?.milestones.some((m) => m.isWeek === true)).toBe(true);
		expect(rows?.milestones.some((m) => m.isWeek === false)).toBe(true);
		expect(rows).toEqual(await rowsThroughPrisma(largeId));
	});

	it('read several missions at once, each with its own rows, latest kick-off first', async () => {
		const many = await loadManyMissionRows(database.db, [cufId, largeId, 'unknown']);
		expect(many.map((r) => r.mission.id).sort()).toEqual([cufId, largeId].sort());
		expect(many[0]!.mission.kickoffDate >= many[1]!.mission.kickoffDate).toBe(true);
		for (const rows of many) expect(rows).toEqual(await rowsThroughPrisma(rows.mission.id as string));
	});

	it('answer null for an unknown mission', async () => {
		expect(await loadMissionRows(database.db, 'unknown')).toBeNull();
	});

	it('work as the first thing a transaction does, and refuse a transaction client after its transaction', async () => {
		let stale: Parameters<Parameters<typeof database.db.$transaction>[0]>[0] | undefined;
		const title = await database.db.$transaction(async (tx) => {
			stale = tx;
			return (await loadMissionRows(tx, cufId))!.mission.title;
		});
		expect(title).toBe((await loadMissionRows(database.db, cufId))!.mission.title);
		await expect(loadMissionRows(stale!, cufId)).rejects.toThrow(/after its transaction ended/);
		// Not even while another transaction is open.
		await database.db.$transaction(async (tx) => {
			await tx.mission.count();
			await expect(loadMissionRows(stale!, cufId)).rejects.toThrow(/after its transaction ended/);
		});
	});

	it('see the writes of the transaction they run in, and nothing of one still open elsewhere', async () => {
		const before = (await loadMissionRows(database.db, cufId))!.mission.title;
		let outside: string | undefined;
		await database.db
			.$transaction(async (tx) => {
				await tx.mission.update({ where: { id: cufId }, data: { title: 'Titre provisoire' } });
				// Another request's read waits for the transaction to end instead of seeing its write.
				const pending = outsideTransaction(() => loadMissionRows(database.db, cufId)).then(
					(r) => (outside = r!.mission.title as string)
				);
				expect((await loadMissionRows(tx, cufId))!.mission.title).toBe('Titre provisoire');
				await new Promise((resolve) => setTimeout(resolve, 20));
				expect(outside).toBeUndefined();
				void pending;
				throw new Error('roll back');
			})
			.catch(() => undefined);
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(outside).toBe(before);
		expect((await loadMissionRows(database.db, cufId))!.mission.title).toBe(before);
	});
});

describe('the plan cache of missions.get', () => {
	const api = () => callerFor(database.db);

	it('serves the same frozen plan until something writes', async () => {
		const first = await api().missions.get({ missionId: cufId });
		expect(await api().missions.get({ missionId: cufId })).toBe(first);
		expect(Object.isFrozen(first.tasks[0])).toBe(true);
		await database.db.mission.update({ where: { id: cufId }, data: { title: 'Titre après écriture' } });
		const after = await api().missions.get({ missionId: cufId });
		expect(after).not.toBe(first);
		expect(after.mission.title).toBe('Titre après écriture');
	});

	it('does not keep what a rolled-back transaction wrote', async () => {
		const before = await api().missions.get({ missionId: cufId });
		await database.db
			.$transaction(async (tx) => {
				await tx.mission.update({ where: { id: cufId }, data: { title: 'Jamais enregistré' } });
				throw new Error('roll back');
			})
			.catch(() => undefined);
		const after = await api().missions.get({ missionId: cufId });
		expect(after.mission.title).toBe(before.mission.title);
		expect(after).toEqual(before);
	});

	it('sees a write committed by another connection to the file', async () => {
		const before = await api().missions.get({ missionId: cufId });
		const other = new Sqlite(database.file);
		other.prepare('UPDATE "Mission" SET title = ? WHERE id = ?').run('Écrit ailleurs', cufId);
		other.close();
		const after = await api().missions.get({ missionId: cufId });
		expect(before.mission.title).not.toBe('Écrit ailleurs');
		expect(after.mission.title).toBe('Écrit ailleurs');
	});

	it('keys plans by day, since lateness depends on today', async () => {
		const today = await callerFor(database.db, '2025-12-01').missions.get({ missionId: cufId });
		const later = await callerFor(database.db, '2026-06-01').missions.get({ missionId: cufId });
		expect(later).not.toBe(today);
		expect(later).toEqual(await loadMissionPlanFresh(cufId, '2026-06-01'));
	});
});

async function loadMissionPlanFresh(missionId: string, today: string) {
	const rows = await rowsThroughPrisma(missionId);
	return buildMissionPlan(rows as unknown as MissionRows, today);
}

describe('the finance view cache', () => {
	it('serves the same view until a write, and never keeps one read across a write', async () => {
		const api = callerFor(database.db);
		const first = await api.finance.get({ missionId: cufId });
		expect(await api.finance.get({ missionId: cufId })).toBe(first);
		await api.finance.updateTerms({
			missionId: cufId,
			contractAmountHtCents: 1_500_000,
			paymentDelayDays: 25,
			expectedVersion: await storedVersion(api, 'mission', cufId)
		});
		const after = await api.finance.get({ missionId: cufId });
		expect(after).not.toBe(first);
		expect(JSON.stringify(after)).not.toBe(JSON.stringify(first));
		// A write landing while the view is being read: that view is answered but not kept.
		const access = sqliteOf(database.db);
		await database.db.mission.update({ where: { id: cufId }, data: { paymentDelayDays: 30 } });
		let wrote = false;
		const view = await access.cachedAsync('finance-test', async () => {
			const read = await api.finance.get({ missionId: largeId });
			await database.db.mission.update({ where: { id: cufId }, data: { paymentDelayDays: 60 } });
			wrote = true;
			return read;
		});
		expect(wrote).toBe(true);
		let recomputed = false;
		await access.cachedAsync('finance-test', async () => {
			recomputed = true;
			return view;
		});
		expect(recomputed).toBe(true);
	});
});

describe('the dashboard cache', () => {
	it('is per user, and follows a new membership and a deliverable handed in', async () => {
		const member = await database.db.user.create({
			data: { email: 'cache@test.jalon', name: 'Superviseuse', passwordHash: 'x' }
		});
		const asMember = callerFor(database.db, '2025-12-01', {
			id: member.id,
			email: member.email,
			name: member.name,
			isAdmin: false
		});
		const admin = await callerFor(database.db).dashboard.overview();
		expect((await asMember.dashboard.overview()).missions).toEqual([]);
		expect(admin.missions.length).toBeGreaterThan(0);
		await database.db.membership.create({ data: { userId: member.id, missionId: cufId, role: 'SUPERVISOR' } });
		const after = await asMember.dashboard.overview();
		expect(after.missions.map((m) => m.id)).toEqual([cufId]);
		expect(after.missions[0]!.awaitingValidation).toEqual([]);
		const plan = await callerFor(database.db).missions.get({ missionId: cufId });
		const deliverable = plan.deliverables.find((d) => d.status !== 'SUBMITTED' && d.status !== 'VALIDATED')!;
		await database.db.deliverable.update({ where: { id: deliverable.id }, data: { status: 'SUBMITTED' } });
		const submitted = await asMember.dashboard.overview();
		expect(submitted.missions[0]!.awaitingValidation.map((d) => d.id)).toEqual([deliverable.id]);
	});
});
