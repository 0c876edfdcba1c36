// Moving a task (the drag path of trpc/routers/tasks.ts).
import { column as c, columns, statement, table, type Picked } from '../sql';
import type { Column } from '../rows';

export const TASK_FOR_MOVE = statement<Picked<'Task', 'missionId' | 'name' | 'version'>, [taskId: string]>(
	`SELECT ${columns('Task', ['missionId', 'name', 'version'])} FROM ${table('Task')} WHERE ${c('Task', 'id')} = ?`
);

/** Tables with a version column, whose rows a move answers with their new version. */
export type Versioned = 'Task' | 'Deliverable' | 'Milestone';

const versions = new Map<Versioned, ReturnType<typeof versionStatement>>();
function versionStatement(name: Versioned) {
	const version: Column<Versioned> = 'version';
	return statement<{ version: number }, [id: string]>(`SELECT "${version}" FROM ${table(name)} WHERE "id" = ?`);
}

/** The version of a row of a Task, Deliverable or Milestone. */
export function versionOf(name: Versioned) {
	let query = versions.get(name);
	if (!query) versions.set(name, (query = versionStatement(name)));
	return query;
}

/**
 * What a mission's plan holds, for the limits every write keeps (../../plan-limits.ts): tasks,
 * links, and the extremes of its dates (tasks, deliverables' planned dates, kick-off), the dates
 * an import and the exports count. Seven arguments, each the mission's id.
 */
export const PLAN_EXTENT = statement<
	{
		tasks: number;
		links: number;
		taskFirst: string | null;
		taskLast: string | null;
		deliverableFirst: string | null;
		deliverableLast: string | null;
		kickoff: string | null;
	},
	[string, string, string, string, string, string, string]
>(
	`SELECT
		(SELECT COUNT(*) FROM ${table('Task')} WHERE ${c('Task', 'missionId')} = ?) AS tasks,
		(SELECT COUNT(*) FROM ${table('Dependency')} WHERE ${c('Dependency', 'missionId')} = ?) AS links,
		(SELECT MIN(${c('Task', 'startDate')}) FROM ${table('Task')} WHERE ${c('Task', 'missionId')} = ?) AS taskFirst,
		(SELECT MAX(${c('Task', 'endDate')}) FROM ${table('Task')} WHERE ${c('Task', 'missionId')} = ?) AS taskLast,
		(SELECT MIN(${c('Deliverable', 'plannedDate')}) FROM ${table('Deliverable')}
			WHERE ${c('Deliverable', 'missionId')} = ?) AS deliverableFirst,
		(SELECT MAX(${c('Deliverable', 'plannedDate')}) FROM ${table('Deliverable')}
			WHERE ${c('Deliverable', 'missionId')} = ?) AS deliverableLast,
		${c('Mission', 'kickoffDate')} AS kickoff
	FROM ${table('Mission')} WHERE ${c('Mission', 'id')} = ?`
);
