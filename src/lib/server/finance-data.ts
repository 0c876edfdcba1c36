// Loads everything the finance page shows for one mission, in one read.
import type { IsoDate } from '$lib/domain/dates';
import { buildFinanceView, type FinanceView } from '$lib/domain/finance-view';
import { buildMissionPlan } from '$lib/domain/mission-plan';
import type { Database } from './db';
import type { Prisma } from './generated/prisma/client';
import { loadMissionRows } from './mission-data';

type Reader = Database | Prisma.TransactionClient;

export async function loadFinanceView(db: Reader, missionId: string, today: IsoDate): Promise<FinanceView | null> {
	const rows = await loadMissionRows(db, missionId);
	if (!rows) return null;
	const [tranches, profiles, costLines, timeEntries, expenses, funders, approvals, ecbRates] = await Promise.all([
		db.paymentTranche.findMany({ where: { missionId }, include: { payments: true } }),
		db.costProfile.findMany({ where: { missionId }, orderBy: { sortOrder: 'asc' } }),
		db.costLine.findMany({ where: { missionId } }),
		db.timeEntry.findMany({ where: { missionId }, orderBy: { weekStart: 'asc' } }),
		db.expense.findMany({ where: { missionId }, orderBy: { incurredOn: 'asc' } }),
		db.funder.findMany({ where: { missionId }, orderBy: { sortOrder: 'asc' } }),
		db.overCapApproval.findMany({ where: { missionId }, orderBy: { createdAt: 'asc' } }),
		db.ecbRate.findMany({ orderBy: { halfYearStart: 'asc' } })
	]);
	return buildFinanceView(
		buildMissionPlan(rows, today),
		{
			payments: tranches.flatMap((t) => t.payments),
			profiles,
			costLines,
			timeEntries,
			expenses,
			funders,
			ecbRates,
			approvals: approvals.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() }))
		},
		today
	);
}
