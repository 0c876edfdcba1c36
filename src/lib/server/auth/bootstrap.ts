// First start: an administrator account if there is none; demo accounts for each role, in
// development and tests only (JALON_DEMO_USERS=1).
import { randomBytes } from 'node:crypto';
import type { Database } from '../db';
import { hashPassword } from './passwords';

export const DEMO_PASSWORD = 'demo-jalon-2025';

export const DEMO_USERS = [
	{ email: 'coordination@demo.jalon.fr', name: 'Camille Coordination', role: 'COORDINATOR' },
	{ email: 'supervision@demo.jalon.fr', name: 'Sacha Supervision', role: 'SUPERVISOR' },
	{ email: 'finance@demo.jalon.fr', name: 'Fanny Finance', role: 'FINANCE' },
	{ email: 'lecture@demo.jalon.fr', name: 'Léo Lecture', role: 'VIEWER' }
] as const;

/**
 * Creates the administrator when no account exists; returns the one-time password it generated,
 * which must be changed at first log-in.
 */
export async function ensureAdministrator(
	db: Database,
	env = process.env
): Promise<{ email: string; password: string | null } | null> {
	if ((await db.user.count()) > 0) return null;
	const email = (env.JALON_ADMIN_EMAIL ?? 'admin@jalon.local').trim().toLowerCase();
	const given = env.JALON_ADMIN_PASSWORD;
	const password = given ?? randomBytes(12).toString('base64url');
	await db.user.create({
		data: {
			email,
			name: 'Administrateur',
			isAdmin: true,
			passwordHash: await hashPassword(password),
			// A generated password was printed in the console: it opens the password change page only.
			mustChangePassword: !given
		}
	});
	return { email, password: given ? null : password };
}

/** Demo accounts with a role each on the given mission. Never called in production. */
export async function ensureDemoUsers(db: Database, missionId: string): Promise<void> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	for (const demo of DEMO_USERS) {
		const user = await db.user.upsert({
			where: { email: demo.email },
			update: {},
			create: { email: demo.email, name: demo.name, passwordHash }
		});
		await db.membership.upsert({
			where: { userId_missionId_role: { userId: user.id, missionId, role: demo.role } },
			update: {},
			create: { userId: user.id, missionId, role: demo.role }
		});
	}
}
