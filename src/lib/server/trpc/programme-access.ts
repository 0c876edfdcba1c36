// Access to a programme: administrators; the programme's managers (the holder's coordination) and
// viewers; a beneficiary's people, who reach only that beneficiary's orders. The programme is the
// one every id of the input belongs to (programmeId, beneficiaryId, orderId, priceLineId).
import type { Database } from '../db';
import type { AuthUser } from '../auth/sessions';
import type { ProgrammeRole } from '../generated/prisma/enums';
import { AppError, notFound } from './trpc';

export interface ProgrammeAccess {
	programmeId: string;
	programmeRoles: ProgrammeRole[];
	/** The beneficiaries a BENEFICIARY-only caller may see; null: all of them. */
	beneficiaryScope: string[] | null;
}

const ROLE_LABELS: Record<ProgrammeRole, string> = {
	MANAGER: 'gestion du programme',
	VIEWER: 'lecture du programme',
	BENEFICIARY: 'bénéficiaire'
};

export async function checkProgrammeAccess(
	db: Database,
	user: AuthUser,
	allowedRoles: readonly ProgrammeRole[] | 'member',
	input: Record<string, unknown>
): Promise<ProgrammeAccess> {
	const ids: { programmeId: string; beneficiaryId: string | null }[] = [];
	const str = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : null);
	if (str('programmeId')) ids.push({ programmeId: str('programmeId')!, beneficiaryId: null });
	if (str('orderId')) {
		const order = await db.programmeOrder.findUnique({
			where: { id: str('orderId')! },
			select: { programmeId: true, beneficiaryId: true }
		});
		if (!order) throw notFound('Commande');
		ids.push(order);
	}
	if (str('beneficiaryId')) {
		const beneficiary = await db.beneficiary.findUnique({ where: { id: str('beneficiaryId')! } });
		if (!beneficiary) throw notFound('Bénéficiaire');
		ids.push({ programmeId: beneficiary.programmeId, beneficiaryId: beneficiary.id });
	}
	if (str('priceLineId')) {
		const line = await db.priceLine.findUnique({ where: { id: str('priceLineId')! } });
		if (!line) throw notFound('Ligne du bordereau');
		ids.push({ programmeId: line.programmeId, beneficiaryId: null });
	}
	const programmeId = ids[0]?.programmeId;
	if (!programmeId) throw new AppError('INTERNAL', 'Procedure without a programme id in its input');
	// Every id must belong to the same programme: no reaching another programme's rows through this one.
	if (ids.some((i) => i.programmeId !== programmeId)) throw notFound('Programme');
	const memberships = await db.programmeMember.findMany({ where: { programmeId, userId: user.id } });
	if (!user.isAdmin && memberships.length === 0) {
		const exists = await db.programme.count({ where: { id: programmeId } });
		if (!exists) throw notFound('Programme');
		throw new AppError('FORBIDDEN', 'Vous n’êtes pas membre de ce programme.');
	}
	const roles = memberships.map((m) => m.role);
	const allowed = allowedRoles === 'member' ? roles.length > 0 : roles.some((r) => allowedRoles.includes(r));
	if (!user.isAdmin && !allowed) {
		const needed = allowedRoles === 'member' ? [] : allowedRoles.map((r) => ROLE_LABELS[r]);
		throw new AppError('FORBIDDEN', `Action réservée au rôle ${needed.join(' ou ')} sur ce programme.`);
	}
	// A caller who is only a beneficiary reaches only that beneficiary's rows.
	const fullView = user.isAdmin || roles.some((r) => r === 'MANAGER' || r === 'VIEWER');
	const beneficiaryScope = fullView
		? null
		: memberships.filter((m) => m.role === 'BENEFICIARY' && m.beneficiaryId).map((m) => m.beneficiaryId!);
	if (beneficiaryScope && ids.some((i) => i.beneficiaryId && !beneficiaryScope.includes(i.beneficiaryId))) {
		throw new AppError('FORBIDDEN', 'Cette commande concerne un autre bénéficiaire.');
	}
	return { programmeId, programmeRoles: roles, beneficiaryScope };
}
