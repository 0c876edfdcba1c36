// The access check of every procedure (trpc/trpc.ts): which mission an id belongs to, and the
// caller's roles on it. Prepared statements, not Prisma queries (~1 ms each).
import type { MissionRole } from '../../generated/prisma/enums';
import { column as c, statement, table, type Statement } from '../sql';
import type { Column, Table } from '../rows';

/** Tables whose rows belong to one mission: those with a `missionId` column. */
export type MissionOwned = { [T in Table]: 'missionId' extends Column<T> ? T : never }[Table];

export interface OwnerRow {
	missionId: string;
	kind?: string;
}

const owners = new Map<string, Statement<OwnerRow, [id: string]>>();

/** The mission of a row (and its kind, for tasks that must be phases). */
export function missionOfRow(name: MissionOwned, withKind: boolean): Statement<OwnerRow, [id: string]> {
	const key = `${name}:${withKind}`;
	let query = owners.get(key);
	if (!query) {
		query = statement<OwnerRow, [id: string]>(
			`SELECT "missionId"${withKind ? `, ${c('Task', 'kind')}` : ''} FROM ${table(name)} WHERE "id" = ?`
		);
		owners.set(key, query);
	}
	return query;
}

export const ROLES_ON = statement<{ role: MissionRole }, [userId: string, missionId: string]>(
	`SELECT ${c('Membership', 'role')} FROM ${table('Membership')}
	WHERE ${c('Membership', 'userId')} = ? AND ${c('Membership', 'missionId')} = ?`
);
