// Sessions: a random 32-byte token in an httpOnly cookie; only its SHA-256 is stored, so a stolen
// database does not give working sessions. Idle and absolute timeouts.
import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client';
import { sqliteOf, withSqlite, type Database } from '../db';
import { SESSION_WITH_USER, TOUCH_SESSION } from '../sqlite/queries/sessions';
import { get, run } from '../sqlite/sql';
import { mayCreateMissions } from './rights';

export const SESSION_COOKIE = 'jalon_session';
export const IDLE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 7 * 24 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, to keep reads cheap. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface AuthUser {
	id: string;
	email: string;
	name: string;
	isAdmin: boolean;
	/** A one-time password is in use: nothing but the password change until it is changed. */
	mustChangePassword?: boolean;
	/** May create missions (see rights.ts); read from the database when absent. */
	canCreateMissions?: boolean;
	/** The session the request came with (kept when its user changes the password). */
	sessionId?: string;
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
	db: Database,
	userId: string,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const token = randomBytes(32).toString('base64url');
	const expiresAt = new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS);
	await db.session.create({
		data: { tokenHash: hashToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt }
	});
	return { token, expiresAt };
}

// Runs on every request: a prepared statement rather than a Prisma query (~1 ms each).
/** The session's user, or null when the token is unknown, idle for too long, or expired. */
export async function validateSession(db: Database, token: string, now = new Date()): Promise<AuthUser | null> {
	const session = await withSqlite(db, (sqlite) => get(sqlite, SESSION_WITH_USER, hashToken(token)));
	if (!session) return null;
	const lastSeen = Date.parse(session.lastSeenAt);
	const expiresAt = Date.parse(session.expiresAt);
	// A date that cannot be read ends the session: NaN would fail every comparison and keep it alive.
	const unreadable = !Number.isFinite(lastSeen) || !Number.isFinite(expiresAt);
	if (unreadable || expiresAt <= now.getTime() || now.getTime() - lastSeen > IDLE_TIMEOUT_MS) {
		await db.session.deleteMany({ where: { id: session.id } });
		return null;
	}
	if (now.getTime() - lastSeen > TOUCH_EVERY_MS) {
		// Read by nothing but this check: the write leaves cached plans and unchanged pages valid.
		const stored = now.toISOString().replace('Z', '+00:00');
		await sqliteOf(db).neutralWrite((sqlite) => run(sqlite, TOUCH_SESSION, stored, session.id));
	}
	const isAdmin = session.isAdmin === 1;
	return {
		id: session.userId,
		email: session.email,
		name: session.name,
		isAdmin,
		mustChangePassword: session.mustChangePassword === 1,
		canCreateMissions: mayCreateMissions({
			isAdmin,
			canCreateMissions: session.canCreateMissions === null ? null : session.canCreateMissions === 1,
			coordinates: session.coordinates === 1
		}),
		sessionId: session.id
	};
}

export async function revokeSession(db: Database, token: string): Promise<void> {
	await db.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

/** Ends every session of an account, but the one given (the password change of its own user). */
export async function revokeAllSessions(
	db: Database | Prisma.TransactionClient,
	userId: string,
	keepSessionId?: string
): Promise<void> {
	await db.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
}
