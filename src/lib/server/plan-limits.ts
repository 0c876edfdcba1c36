// The limits of a stored plan (tasks, links, span: heavy/limits.ts), checked by every write that
// can grow a plan, after its changes and before its transaction commits: a refused edit rolls
// back whole, and nothing can be saved that the exports would refuse or a restore could not read.
import { dateExtent, planLimitProblem, type PlanLimitProblem } from '$lib/domain/plan-limits';
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

/** Throws when the mission's plan, as the running transaction sees it, breaks a limit. */
export function checkPlanLimitsOn(sqlite: SqliteAccess, missionId: string): void {
	const id = missionId;
	const row = get(sqlite, PLAN_EXTENT, id, id, id, id, id, id, id);
	if (!row) return;
	const dates = dateExtent([row.taskFirst, row.taskLast, row.deliverableFirst, row.deliverableLast, row.kickoff]);
	const problem = planLimitProblem({ tasks: row.tasks, links: row.links, ...dates }, HEAVY_LIMITS);
	if (problem) throw planLimitError(problem);
}

/** The same, inside a Prisma transaction. */
export function checkPlanLimits(tx: Prisma.TransactionClient, missionId: string): Promise<void> {
	return withSqlite(tx, (sqlite) => checkPlanLimitsOn(sqlite, missionId));
}
