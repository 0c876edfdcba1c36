// An account's life: its own password change, disabling it, and what dies with its access
// (sessions, calendar feeds).
import type { Database } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { AppError, notFound } from '../trpc/trpc';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { revokeAllSessions, type AuthUser } from './sessions';

type Tx = Prisma.TransactionClient;

/**
 * Revokes the calendar feeds an account created (on one mission, or all): a feed carries the
 * mission's deliverables and payments, so it must not outlive its creator's access.
 */
export async function revokeFeedsOf(tx: Tx | Database, userId: string, missionId?: string): Promise<number> {
	const { count } = await tx.calendarFeed.updateMany({
		where: { createdById: userId, revokedAt: null, ...(missionId ? { missionId } : {}) },
		data: { revokedAt: new Date() }
	});
	return count;
}

/**
 * Whether a feed may still be served: its creator's account is enabled and still holds a role on
 * the mission (or is an administrator). Role changes and disabling revoke feeds at once; this
 * check also covers a membership removed by any other path.
 */
export async function feedCreatorHasAccess(
	db: Database,
	feed: { createdById: string; missionId: string }
): Promise<boolean> {
	const creator = await db.user.findUnique({
		where: { id: feed.createdById },
		select: { isAdmin: true, disabledAt: true, memberships: { where: { missionId: feed.missionId }, take: 1 } }
	});
	if (!creator || creator.disabledAt) return false;
	return creator.isAdmin || creator.memberships.length > 0;
}

/**
 * A user changes their own password: the current one is required, the new one must follow the
 * rules and differ. Every other session and every calendar feed of the account is revoked (a
 * password change is what one does when the account may have leaked).
 */
export async function changeOwnPassword(
	db: Database,
	user: AuthUser,
	currentPassword: string,
	newPassword: string
): Promise<void> {
	const account = await db.user.findUnique({ where: { id: user.id } });
	if (!account || account.disabledAt) throw notFound('Compte');
	if (!(await verifyPassword(account.passwordHash, currentPassword))) {
		throw new AppError('VALIDATION', 'Le mot de passe actuel est incorrect.');
	}
	const problem = passwordProblem(newPassword);
	if (problem) throw new AppError('VALIDATION', problem);
	if (newPassword === currentPassword) {
		throw new AppError('VALIDATION', 'Le nouveau mot de passe doit être différent de l’actuel.');
	}
	const passwordHash = await hashPassword(newPassword);
	await db.$transaction(async (tx) => {
		await tx.user.update({ where: { id: account.id }, data: { passwordHash, mustChangePassword: false } });
		await revokeAllSessions(tx, account.id, user.sessionId);
		await revokeFeedsOf(tx, account.id);
	});
}

/** An administrator disables (or enables again) an account; disabling ends its sessions and feeds at once. */
export async function setAccountDisabled(db: Database, actor: AuthUser, userId: string, disabled: boolean) {
	if (disabled && userId === actor.id) {
		throw new AppError('INVALID_OPERATION', 'Vous ne pouvez pas désactiver votre propre compte.');
	}
	await db.$transaction(async (tx) => {
		const updated = await tx.user.updateMany({
			where: { id: userId },
			data: { disabledAt: disabled ? new Date() : null }
		});
		if (updated.count === 0) throw notFound('Compte');
		if (disabled) {
			await revokeAllSessions(tx, userId);
			await revokeFeedsOf(tx, userId);
		}
	});
}
