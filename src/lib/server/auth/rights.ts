// Account-wide rights, beyond the roles held on each mission.
import type { MissionRole } from '../generated/prisma/enums';
import { withSqlite, type Database } from '../db';
import { CREATION_RIGHT } from '../sqlite/queries/users';
import { get } from '../sqlite/sql';

/**
 * Whoever creates a mission gets what setting it up takes: the plan (coordination) and the
 * budget, tranches and cost plan (finance). An administrator can take either away later.
 */
export const CREATOR_ROLES: readonly MissionRole[] = ['COORDINATOR', 'FINANCE'];

/**
 * Creating missions is a right an administrator grants or withdraws (`User.canCreateMissions`).
 * Left unset, administrators and anyone coordinating a mission have it; a new account with no
 * role, or one that only reads, supervises or manages finance, does not.
 */
export function mayCreateMissions(user: {
	isAdmin: boolean;
	canCreateMissions: boolean | null;
	coordinates: boolean;
}): boolean {
	if (user.isAdmin) return true;
	return user.canCreateMissions ?? user.coordinates;
}

/** The right, read from the database (the access check of every mission-creating procedure). */
export async function userMayCreateMissions(db: Database, userId: string): Promise<boolean> {
	const row = await withSqlite(db, (sqlite) => get(sqlite, CREATION_RIGHT, userId));
	if (!row) return false;
	return mayCreateMissions({
		isAdmin: row.isAdmin === 1,
		canCreateMissions: row.canCreateMissions === null ? null : row.canCreateMissions === 1,
		coordinates: row.coordinates === 1
	});
}
