// Account-wide rights (auth/rights.ts).
import { column as c, columns, statement, table, type Picked } from '../sql';

export type CreationRight = Picked<'User', 'isAdmin' | 'canCreateMissions'> & { coordinates: 0 | 1 };

export const CREATION_RIGHT = statement<CreationRight, [userId: string]>(
	`SELECT ${columns('User', ['isAdmin', 'canCreateMissions'], 'u')},
	EXISTS (SELECT 1 FROM ${table('Membership')} m WHERE ${c('Membership', 'userId', 'm')} = u."id"
		AND ${c('Membership', 'role', 'm')} = 'COORDINATOR') AS coordinates
	FROM ${table('User')} u WHERE ${c('User', 'id', 'u')} = ? AND ${c('User', 'disabledAt', 'u')} IS NULL`
);
