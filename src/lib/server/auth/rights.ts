// Account-wide rights, beyond the roles held on each mission.
import type { MissionRole } from '../generated/prisma/enums';
import { withSqlite, type Database } from '../db';

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

const CREATION_RIGHT = `SELECT u.isAdmin, u.canCreateMissions,
	EXISTS (SELECT 1 FROM "Membership" m WHERE m.userId = u.id AND m.role = 'COORDINATOR') AS coordinates
	FROM "User" u WHERE u.id = ? AND u.disabledAt IS NULL`;

/** The right, read from the database (the access check of every mission-creating procedure). */
export async function userMayCreateMissions(db: Database, userId: string): Promise<boolean> {
	const row = await withSqlite(
		db,
		(sqlite) =>
			sqlite.statement(CREATION_RIGHT).get(userId) as
				{ isAdmin: 0 | 1; canCreateMissions: 0 | 1 | null; coordinates: 0 | 1 } | undefined
	);
	if (!row) return false;
	return mayCreateMissions({
		isAdmin: row.isAdmin === 1,
		canCreateMissions: row.canCreateMissions === null ? null : row.canCreateMissions === 1,
		coordinates: row.coordinates === 1
	});
}
