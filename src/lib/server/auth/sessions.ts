// Sessions: a random 32-byte token in an httpOnly cookie; only its SHA-256 is stored, so a stolen
// database does not give working sessions. Idle and absolute timeouts.
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db';

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

/** The session's user, or null when the token is unknown, idle for too long, or expired. */
export async function validateSession(db: Database, token: string, now = new Date()): Promise<AuthUser | null> {
	const session = await db.session.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
	if (!session) return null;
	if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS) {
		await db.session.deleteMany({ where: { id: session.id } });
		return null;
	}
	if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
		await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
	}
	const { id, email, name, isAdmin } = session.user;
	return { id, email, name, isAdmin };
}

export async function revokeSession(db: Database, token: string): Promise<void> {
	await db.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

export async function revokeAllSessions(db: Database, userId: string): Promise<void> {
	await db.session.deleteMany({ where: { userId } });
}
