// Log-in, slowed down rather than locked: failed attempts are counted per account and address
// together, per account, and per address, over a sliding window, and each count beyond its free
// allowance makes the next attempt wait longer (doubling, up to a ceiling). The owner of an
// account, logging in from their own address, is not slowed by someone guessing from elsewhere
// (until a distributed attack passes the account's allowance, which costs them at most
// ACCOUNT_LIMIT.maxDelayMs per attempt).
import { withSqlite, type Database } from '../db';
import { COUNT_FAILURES, RESERVE_FAILURE, type FailureCount } from '../sqlite/queries/login-failures';
import { get, run } from '../sqlite/sql';
import { verifyPassword } from './passwords';
import { createSession, type AuthUser } from './sessions';

export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** Failures allowed before waiting, and the longest wait between two attempts. */
export interface Limit {
	free: number;
	maxDelayMs: number;
}
/** One account from one address: the guesser's own budget. */
export const PAIR_LIMIT: Limit = { free: 5, maxDelayMs: FAILURE_WINDOW_MS };
/** One account from anywhere (distributed guessing): a short ceiling, so the owner is only slowed. */
export const ACCOUNT_LIMIT: Limit = { free: 20, maxDelayMs: 30 * 1000 };
/** One address across accounts (one machine trying many accounts; behind a proxy, see README). */
export const ADDRESS_LIMIT: Limit = { free: 50, maxDelayMs: 60 * 1000 };

/** What is kept of a typed e-mail (the longest valid address) and of an address. */
export const MAX_EMAIL_LENGTH = 254;
const MAX_ADDRESS_LENGTH = 100;

export class LoginError extends Error {
	constructor(
		readonly code: 'INVALID_CREDENTIALS' | 'TOO_MANY_ATTEMPTS' | 'ACCOUNT_DISABLED',
		message: string,
		/** For TOO_MANY_ATTEMPTS: how long to wait. */
		readonly retryAfterMs = 0
	) {
		super(message);
		this.name = 'LoginError';
	}
}

/** The wait before the next attempt after `failures` failures, the last one at `last` (ms). */
export function delayAfter(failures: number, limit: Limit): number {
	if (failures < limit.free) return 0;
	return Math.min(1000 * 2 ** (failures - limit.free), limit.maxDelayMs);
}

// Verifying against a real hash when the account does not exist keeps the timing the same.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$710sUlyelwfMAqTHo1jMAw$Kt4rnwP0g7T1CV06Lncvds7JlnNcWUicIf81gNRxiAU';

/** DateTime as Prisma's SQLite adapter writes it, so text comparisons order correctly. */
const stamp = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

/**
 * Counts the failures and, if no wait is due, records this attempt as a failure before the
 * password is checked: one synchronous step under the database lock, so parallel guesses are
 * each counted against the limit (40 at once get 5 evaluations, not 40). A success removes it.
 */
async function reserveAttempt(db: Database, email: string, address: string, now: number): Promise<string> {
	const id = `lf_${crypto.randomUUID()}`;
	const waitMs = await withSqlite(db, (sqlite) => {
		const since = stamp(now - FAILURE_WINDOW_MS);
		const counts: [FailureCount, Limit][] = [
			[get(sqlite, COUNT_FAILURES.pair, email, address, since)!, PAIR_LIMIT],
			[get(sqlite, COUNT_FAILURES.account, email, since)!, ACCOUNT_LIMIT],
			[get(sqlite, COUNT_FAILURES.address, address, since)!, ADDRESS_LIMIT]
		];
		let wait = 0;
		for (const [{ n, last }, limit] of counts) {
			if (!last) continue;
			wait = Math.max(wait, Date.parse(last) + delayAfter(n, limit) - now);
		}
		if (wait > 0) return wait;
		run(sqlite, RESERVE_FAILURE, id, email, address, stamp(now));
		return 0;
	});
	if (waitMs > 0) {
		const seconds = Math.ceil(waitMs / 1000);
		const when = seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
		throw new LoginError('TOO_MANY_ATTEMPTS', `Trop de tentatives échouées. Réessayez dans ${when}.`, waitMs);
	}
	return id;
}

export async function logIn(
	db: Database,
	email: string,
	password: string,
	address: string,
	now = new Date()
): Promise<{ user: AuthUser; token: string; expiresAt: Date }> {
	const normalized = email.trim().toLowerCase().slice(0, MAX_EMAIL_LENGTH);
	const from = address.slice(0, MAX_ADDRESS_LENGTH);
	const attempt = await reserveAttempt(db, normalized, from, now.getTime());
	const user = await db.user.findUnique({ where: { email: normalized } });
	const valid = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, password);
	if (!user || !valid) throw new LoginError('INVALID_CREDENTIALS', 'Adresse e-mail ou mot de passe incorrect.');
	// The owner's own failures from here are forgiven; others' guesses keep slowing them down.
	await db.loginFailure.deleteMany({
		where: {
			OR: [
				{ id: attempt },
				{ email: normalized, address: from },
				// Failures older than the window count for nothing any more.
				{ createdAt: { lte: new Date(now.getTime() - FAILURE_WINDOW_MS) } }
			]
		}
	});
	if (user.disabledAt) {
		throw new LoginError('ACCOUNT_DISABLED', 'Ce compte est désactivé. Adressez-vous à un administrateur.');
	}
	const { token, expiresAt } = await createSession(db, user.id, now);
	return {
		user: {
			id: user.id,
			email: user.email,
			name: user.name,
			isAdmin: user.isAdmin,
			mustChangePassword: user.mustChangePassword
		},
		token,
		expiresAt
	};
}
