// The lost-write scenario: interactive transactions rolling back on the shared SQLite
// connection while other requests write.
import type { Database } from '$lib/server/db';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

export const missionData = (title: string) => ({
	title,
	clientOrganisation: 'Test',
	kickoffDate: '2026-01-05',
	budgetCapCents: 100_000,
	capBasis: 'HT' as const,
	vatRateBp: 2000
});

class Rollback extends Error {}

/**
 * 50 interactive transactions that write, wait a tick and throw, interleaved with 100 ordinary
 * writes. Returns how many of each kind are stored afterwards.
 */
export async function rolledBackTransactionsAmongWrites(db: Database, tag: string) {
	const rollbacks = Array.from({ length: 50 }, (_, i) =>
		db.$transaction(
			async (tx) => {
				await tx.mission.create({ data: missionData(`${tag} rolled back ${i}`) });
				await tick();
				throw new Rollback(`rollback ${i}`);
			},
			{ maxWait: 30_000, timeout: 30_000 }
		)
	);
	const creates = Array.from({ length: 100 }, async (_, i) => {
		if (i % 2 === 0) await tick();
		return db.mission.create({ data: missionData(`${tag} committed ${i}`) });
	});
	const [rolledBack, created] = await Promise.all([Promise.allSettled(rollbacks), Promise.allSettled(creates)]);
	return {
		rejectedTransactions: rolledBack.filter((r) => r.status === 'rejected' && r.reason instanceof Rollback).length,
		confirmedCreates: created.filter((r) => r.status === 'fulfilled').length,
		storedCreates: await db.mission.count({ where: { title: { startsWith: `${tag} committed ` } } }),
		storedRollbacks: await db.mission.count({ where: { title: { startsWith: `${tag} rolled back ` } } })
	};
}
