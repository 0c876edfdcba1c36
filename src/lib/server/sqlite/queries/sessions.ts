// Sessions and their user, read on every request (auth/sessions.ts).
import { column as c, columns, statement, table, type Picked } from '../sql';

export type SessionWithUser = Picked<'Session', 'id' | 'expiresAt' | 'lastSeenAt'> & {
	userId: string;
} & Picked<'User', 'email' | 'name' | 'isAdmin' | 'mustChangePassword' | 'canCreateMissions'> & {
		/** 1 when the user coordinates at least one mission. */
		coordinates: 0 | 1;
	};

// A disabled account has no session (they are deleted when it is disabled; this is the safety net).
export const SESSION_WITH_USER = statement<SessionWithUser, [tokenHash: string]>(
	`SELECT ${columns('Session', ['id', 'expiresAt', 'lastSeenAt'], 's')}, ${c('User', 'id', 'u')} AS userId,
	${columns('User', ['email', 'name', 'isAdmin', 'mustChangePassword', 'canCreateMissions'], 'u')},
	EXISTS (SELECT 1 FROM ${table('Membership')} m WHERE ${c('Membership', 'userId', 'm')} = u."id"
		AND ${c('Membership', 'role', 'm')} = 'COORDINATOR') AS coordinates
	FROM ${table('Session')} s JOIN ${table('User')} u ON u."id" = ${c('Session', 'userId', 's')}
	WHERE ${c('Session', 'tokenHash', 's')} = ? AND ${c('User', 'disabledAt', 'u')} IS NULL`
);

/** A session's last-seen time (auth/sessions.ts), as Prisma stores a DateTime. */
export const TOUCH_SESSION = statement<never, [lastSeenAt: string, id: string]>(
	`UPDATE ${table('Session')} SET ${c('Session', 'lastSeenAt')} = ? WHERE ${c('Session', 'id')} = ?`
);
