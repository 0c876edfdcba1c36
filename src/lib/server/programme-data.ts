// Reads a programme's rows and computes its envelope figures (programme-envelope.ts), for the
// programme page, the envelope checks and the 6-monthly report.
import { envelopeSummary, missionConsumption, type Basis } from '$lib/domain/programme-envelope';
import { ttcFromHt, type Cents } from '$lib/domain/money';
import type { Prisma } from './generated/prisma/client';
import type { Database } from './db';
import { AppError } from './trpc/trpc';
import { recordAudit } from './audit';
import type { AuthUser } from './auth/sessions';
import { formatEuros } from '$lib/domain/money';

type Reader = Database | Prisma.TransactionClient;

/** Each mission of the programme (or the one given) with what it consumes of the envelope. */
export async function programmeMissions(db: Reader, where: { programmeId: string } | { id: string }, basis: Basis) {
	const missions = await db.mission.findMany({
		where,
		orderBy: [{ kickoffDate: 'asc' }, { title: 'asc' }],
		select: {
			id: true,
			title: true,
			clientOrganisation: true,
			kickoffDate: true,
			status: true,
			budgetCapCents: true,
			capBasis: true,
			vatRateBp: true,
			contractAmountHtCents: true,
			beneficiaryId: true,
			tranches: {
				orderBy: { sortOrder: 'asc' },
				select: { percentBp: true, kind: true, status: true, payments: { select: { amountCents: true } } }
			}
		}
	});
	return missions.map((m) => ({
		id: m.id,
		title: m.title,
		clientOrganisation: m.clientOrganisation,
		kickoffDate: m.kickoffDate,
		status: m.status,
		beneficiaryId: m.beneficiaryId,
		...missionConsumption(
			{
				...m,
				paidTtcCents: m.tranches.reduce((s, t) => s + t.payments.reduce((p, x) => p + x.amountCents, 0), 0)
			},
			basis
		)
	}));
}

export async function programmeSummary(
	db: Reader,
	programme: { id: string; envelopeCents: Cents; envelopeBasis: Basis }
) {
	const missions = await programmeMissions(db, { programmeId: programme.id }, programme.envelopeBasis);
	return { missions, envelope: envelopeSummary(programme.envelopeCents, missions) };
}

/** An HT amount on the programme's basis. */
export function onBasis(htCents: Cents, programme: { envelopeBasis: Basis; vatRateBp: number }): Cents {
	return programme.envelopeBasis === 'HT' ? htCents : ttcFromHt(htCents, programme.vatRateBp);
}

/**
 * Refuses a commitment that would take the programme above its envelope, unless confirmed with a
 * reason; a confirmed overrun is recorded (and exported with the report).
 */
export async function checkEnvelope(
	tx: Prisma.TransactionClient,
	actor: AuthUser,
	programme: { id: string; envelopeCents: Cents; envelopeBasis: Basis },
	addingCents: Cents,
	confirm: { confirmOverEnvelope: boolean; overEnvelopeReason: string | null },
	about: { missionId?: string; orderId?: string }
): Promise<void> {
	const { envelope } = await programmeSummary(tx, programme);
	const committed = envelope.committedCents + addingCents;
	const over = committed - programme.envelopeCents;
	if (over <= 0) return;
	if (!confirm.confirmOverEnvelope || !confirm.overEnvelopeReason) {
		throw new AppError(
			'OVER_CAP',
			`Cet engagement dépasse l’enveloppe de ${formatEuros(programme.envelopeCents)} ${programme.envelopeBasis} de ${formatEuros(over)}. Confirmez en indiquant la raison pour l’enregistrer malgré tout.`,
			'OVER_ENVELOPE'
		);
	}
	await tx.envelopeOverrun.create({
		data: {
			programmeId: programme.id,
			missionId: about.missionId ?? null,
			orderId: about.orderId ?? null,
			committedCents: committed,
			overCents: over,
			reason: confirm.overEnvelopeReason,
			actorName: actor.name
		}
	});
	await recordAudit(tx, actor, {
		missionId: about.missionId ?? null,
		objectType: 'programme',
		objectId: programme.id,
		action: 'update',
		after: { overEnvelopeConfirmed: over, reason: confirm.overEnvelopeReason }
	});
}
