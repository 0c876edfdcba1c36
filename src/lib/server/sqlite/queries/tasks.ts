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
