// Log-in with limits on failed attempts, per account and per address, over a sliding window.
import type { Database } from '../db';
import { verifyPassword } from './passwords';
import { createSession, type AuthUser } from './sessions';

export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export class LoginError extends Error {
	constructor(
		readonly code: 'INVALID_CREDENTIALS' | 'TOO_MANY_ATTEMPTS',
		message: string
	) {
		super(message);
		this.name = 'LoginError';
	}
}

// Verifying against a real hash when the account does not exist keeps the timing the same.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$710sUlyelwfMAqTHo1jMAw$Kt4rnwP0g7T1CV06Lncvds7JlnNcWUicIf81gNRxiAU';

export async function logIn(
	db: Database,
	email: string,
	password: string,
	address: string,
	now = new Date()
): Promise<{ user: AuthUser; token: string; expiresAt: Date }> {
	const normalized = email.trim().toLowerCase();
	const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
	const [byAccount, byAddress] = await Promise.all([
		db.loginFailure.count({ where: { email: normalized, createdAt: { gt: since } } }),
		db.loginFailure.count({ where: { address, createdAt: { gt: since } } })
	]);
	if (byAccount >= MAX_FAILURES_PER_ACCOUNT || byAddress >= MAX_FAILURES_PER_ADDRESS) {
		throw new LoginError('TOO_MANY_ATTEMPTS', 'Trop de tentatives échouées. Réessayez dans 15 minutes.');
	}
	const user = await db.user.findUnique({ where: { email: normalized } });
	const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
	if (!user || !valid) {
		await db.loginFailure.create({ data: { email: normalized, address, createdAt: now } });
		throw new LoginError('INVALID_CREDENTIALS', 'Adresse e-mail ou mot de passe incorrect.');
	}
	await db.loginFailure.deleteMany({ where: { email: normalized } });
	const { token, expiresAt } = await createSession(db, user.id, now);
	return { user: { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin }, token, expiresAt };
}
