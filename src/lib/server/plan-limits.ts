// The limits of a stored plan (tasks, links, span: heavy/limits.ts), checked by every write that
// can grow a plan, after its changes and before its transaction commits: a refused edit rolls
// back whole, and nothing can be saved that the exports would refuse or a restore could not read.
import { dateExtent, planLimitProblem, type PlanExtent, type PlanLimitProblem } from '$lib/domain/plan-limits';
import { withSqlite } from './db';
import type { Prisma } from './generated/prisma/client';
import { HEAVY_LIMITS } from './heavy/limits';
import type { SqliteAccess } from './sqlite/access';
import { PLAN_EXTENT } from './sqlite/queries/tasks';
import { get } from './sqlite/sql';
import { AppError } from './trpc/trpc';

/** The refusal of an edit that would take the plan beyond a limit: TOO_LARGE, with the finer code as reason. */
export function planLimitError(problem: PlanLimitProblem): AppError {
	return new AppError(
		'TOO_LARGE',
		`Modification refusée, rien n’a été enregistré : le plan ${problem.detail}`,
		problem.code
	);
}

/** What the mission's plan holds, as the running transaction sees it. */
function planExtentOn(sqlite: SqliteAccess, missionId: string): PlanExtent | null {
	const id = missionId;
	const row = get(sqlite, PLAN_EXTENT, id, id, id, id, id, id, id);
	if (!row) return null;
	const dates = dateExtent([row.taskFirst, row.taskLast, row.deliverableFirst, row.deliverableLast, row.kickoff]);
	return { tasks: row.tasks, links: row.links, ...dates };
}

/** Throws when the plan, now, breaks a limit the plan `before` the edit did not (or breaks it further). */
function checkAgainst(sqlite: SqliteAccess, missionId: string, before: PlanExtent | null): void {
	const after = planExtentOn(sqlite, missionId);
	const problem = after && planLimitProblem(after, HEAVY_LIMITS, before ?? undefined);
	if (problem) throw planLimitError(problem);
}

/**
 * Checks an edit of a plan on the connection (the drag path's synchronous transaction): opened
 * before the edit's writes, its `check` after them throws the refusal.
 */
export function planLimitGuardOn(sqlite: SqliteAccess, missionId: string): { check(): void } {
	const before = planExtentOn(sqlite, missionId);
	return { check: () => checkAgainst(sqlite, missionId, before) };
}

/** The same inside a Prisma transaction: `await guard.check()` once the edit is written. */
export async function planLimitGuard(
	tx: Prisma.TransactionClient,
	missionId: string
): Promise<{ check(): Promise<void> }> {
	const before = await withSqlite(tx, (sqlite) => planExtentOn(sqlite, missionId));
	return { check: () => withSqlite(tx, (sqlite) => checkAgainst(sqlite, missionId, before)) };
}
