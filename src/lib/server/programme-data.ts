// Reads a programme's rows and computes its envelope figures (programme-envelope.ts), for the
// programme page, the envelope checks and the 6-monthly report.
import { envelopeSummary, missionConsumption, missionServiceCents, type Basis } from '$lib/domain/programme-envelope';
import { admitIntoProgramme, type AdmissionRequest } from '$lib/domain/programme-admission';
import { ttcFromHt, type Cents } from '$lib/domain/money';
import type { Prisma } from './generated/prisma/client';
import type { Database } from './db';
import { AppError } from './trpc/trpc';
import { recordAudit } from './audit';
import type { AuthUser } from './auth/sessions';

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
		serviceCents: missionServiceCents(m, basis),
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

type AdmissionProgrammeRow = {
	id: string;
	title: string;
	envelopeCents: Cents;
	envelopeBasis: Basis;
	serviceCeilingCents: Cents | null;
};

/**
 * Applies the programme's rule (programme-admission.ts) to an amount coming in: refuses it with
 * the rule's message, or records a confirmed overrun. Every path that brings an amount in calls it.
 */
export async function admitAmount(
	tx: Prisma.TransactionClient,
	actor: AuthUser,
	programme: AdmissionProgrammeRow,
	request: Omit<AdmissionRequest, 'othersCommittedCents'>,
	about: { missionId?: string; orderId?: string }
): Promise<void> {
	const { missions } = await programmeSummary(tx, programme);
	const othersCommittedCents = missions
		.filter((m) => m.id !== about.missionId)
		.reduce((sum, m) => sum + m.committedCents, 0);
	const verdict = admitIntoProgramme(
		{
			title: programme.title,
			envelopeCents: programme.envelopeCents,
			basis: programme.envelopeBasis,
			serviceCeilingCents: programme.serviceCeilingCents
		},
		{ ...request, othersCommittedCents }
	);
	if (verdict.outcome === 'REFUSED') throw new AppError('OVER_CAP', verdict.message, verdict.code);
	if (verdict.outcome === 'ADMITTED') return;
	await tx.envelopeOverrun.create({
		data: {
			programmeId: programme.id,
			missionId: about.missionId ?? null,
			orderId: about.orderId ?? null,
			committedCents: verdict.committedCents,
			overCents: verdict.overCents,
			reason: verdict.reason,
			actorName: actor.name
		}
	});
	await recordAudit(tx, actor, {
		missionId: about.missionId ?? null,
		objectType: 'programme',
		objectId: programme.id,
		action: 'update',
		after: { overEnvelopeConfirmed: verdict.overCents, reason: verdict.reason }
	});
}

/**
 * A mission coming into a programme (attached, created there, restored): its price as a new
 * service and its commitment if signed, through the programme's one rule.
 */
export async function admitMission(
	tx: Prisma.TransactionClient,
	actor: AuthUser,
	programme: AdmissionProgrammeRow,
	missionId: string,
	confirmation: AdmissionRequest['confirmation']
): Promise<void> {
	const [row] = await programmeMissions(tx, { id: missionId }, programme.envelopeBasis);
	await admitAmount(
		tx,
		actor,
		programme,
		{
			serviceCents: row?.serviceCents ?? 0,
			previousServiceCents: null,
			committedCents: row?.committedCents ?? 0,
			previousCommittedCents: 0,
			confirmation
		},
		{ missionId }
	);
}

/** A mission's programme and its price and commitment there, before a change; null outside any programme. */
export async function missionInProgramme(tx: Prisma.TransactionClient, missionId: string) {
	const mission = await tx.mission.findUnique({ where: { id: missionId }, select: { programmeId: true } });
	if (!mission?.programmeId) return null;
	const programme = await tx.programme.findUnique({ where: { id: mission.programmeId } });
	if (!programme) return null;
	const [row] = await programmeMissions(tx, { id: missionId }, programme.envelopeBasis);
	return { programme, serviceCents: row!.serviceCents, committedCents: row!.committedCents };
}

/**
 * After a change of a mission's amount, tranches or status (written in the same transaction):
 * the programme's rule on what it now brings in; a refusal rolls the change back.
 */
export async function recheckMissionInProgramme(
	tx: Prisma.TransactionClient,
	actor: AuthUser,
	missionId: string,
	before: Awaited<ReturnType<typeof missionInProgramme>>
): Promise<void> {
	if (!before) return;
	const [row] = await programmeMissions(tx, { id: missionId }, before.programme.envelopeBasis);
	if (!row) return;
	await admitAmount(
		tx,
		actor,
		before.programme,
		{
			serviceCents: row.serviceCents,
			previousServiceCents: before.serviceCents,
			committedCents: row.committedCents,
			previousCommittedCents: before.committedCents,
			confirmation: null
		},
		{ missionId }
	);
}

/**
 * The overruns that still stand: an order's overrun goes with a quote the beneficiary refused,
 * and a quote answered again replaces the earlier one (its last overrun stands).
 */
export async function standingOverruns(db: Reader, programmeId: string) {
	const [overruns, orders] = await Promise.all([
		db.envelopeOverrun.findMany({ where: { programmeId }, orderBy: { createdAt: 'asc' } }),
		db.programmeOrder.findMany({ where: { programmeId }, select: { id: true, status: true } })
	]);
	const status = new Map(orders.map((o) => [o.id, o.status]));
	return overruns.filter((o, i) => {
		if (!o.orderId) return true;
		if (status.get(o.orderId) === 'REFUSED' || !status.has(o.orderId)) return false;
		// The validated quote's mission is checked again without a second record: the last one stands.
		return !overruns.slice(i + 1).some((later) => later.orderId === o.orderId);
	});
}
