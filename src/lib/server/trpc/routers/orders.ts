// Orders under a framework agreement: a beneficiary asks for a quote; the holder's coordination
// answers it from the price list (BPU); the beneficiary validates or refuses it online; validating
// creates the mission's plan from the quote; the purchase order closes the ordering steps.
import { z } from 'zod';
import { MISSION_DOCUMENT_FORMAT, MISSION_DOCUMENT_VERSION, type MissionDocument } from '$lib/mission-document';
import { orderSteps, quotePlan, workingDaysAfter, type QuoteLineInput } from '$lib/domain/programme-orders';
import { id } from '$lib/schemas';
import { decideInput, orderRequestInput, purchaseOrderInput, quoteInput } from '$lib/programme-schemas';
import { recordAudit } from '../../audit';
import { importMissionDocument } from '../../mission-document';
import { admitAmount, onBasis, programmeMissions } from '../../programme-data';
import type { Prisma } from '../../generated/prisma/client';
import { AppError, notFound, programmeProcedure, router, type Context } from '../trpc';
import { accessOf } from './programmes';

type Tx = Prisma.TransactionClient;

async function orderFor(tx: Tx, orderId: string, expectedVersion?: number) {
	const order = await tx.programmeOrder.findUnique({
		where: { id: orderId },
		include: {
			lines: { orderBy: { sortOrder: 'asc' }, include: { priceLine: true } },
			beneficiary: true,
			programme: true
		}
	});
	if (!order) throw notFound('Commande');
	if (expectedVersion !== undefined && order.version !== expectedVersion) {
		throw new AppError('CONFLICT', `La commande n° ${order.number} a été modifiée entre-temps : rechargez la page.`);
	}
	return order;
}

type LoadedOrder = Awaited<ReturnType<typeof orderFor>>;

/** Bumps the version only if nobody changed the order since it was read. */
async function saveOrder(tx: Tx, order: LoadedOrder, data: Prisma.ProgrammeOrderUncheckedUpdateManyInput) {
	const updated = await tx.programmeOrder.updateMany({
		where: { id: order.id, version: order.version },
		data: { ...data, version: { increment: 1 } }
	});
	if (updated.count === 0) {
		throw new AppError('CONFLICT', `La commande n° ${order.number} a été modifiée entre-temps : rechargez la page.`);
	}
}

function refuseTransition(order: LoadedOrder, what: string): never {
	throw new AppError('INVALID_OPERATION', `${what} : la commande n° ${order.number} n’est pas à cette étape.`);
}

function quoteLines(order: LoadedOrder): QuoteLineInput[] {
	return order.lines.map((l) => ({
		label: l.label,
		phase: l.phase,
		deliverable: l.deliverable,
		quantityHundredths: l.quantityHundredths,
		unitPriceHtCents: l.unitPriceHtCents,
		kind: l.priceLine?.kind ?? 'OTHER'
	}));
}

/** The mission a validated quote describes: its phases, lines, deliverables, cost plan and one tranche. */
function missionDocumentFor(order: LoadedOrder): MissionDocument {
	const start = order.workStartDate!;
	const plan = quotePlan(start, quoteLines(order), order.deliverableDelayDays);
	const tasks: MissionDocument['tasks'] = [];
	const dependencies: MissionDocument['dependencies'] = [];
	let previousLongest: string | null = null;
	plan.phases.forEach((phase, p) => {
		tasks.push({
			ref: `p${p}`,
			parentRef: null,
			kind: 'PHASE',
			name: phase.name,
			startDate: phase.startDate,
			endDate: phase.endDate,
			progress: 0
		});
		let longest: { ref: string; end: string } | null = null;
		phase.lines.forEach((line, l) => {
			const ref = `t${p}_${l}`;
			tasks.push({
				ref,
				parentRef: `p${p}`,
				kind: 'TASK',
				name: line.label,
				startDate: line.startDate,
				endDate: line.endDate,
				progress: 0
			});
			if (previousLongest)
				dependencies.push({ predecessorRef: previousLongest, successorRef: ref, type: 'FS', lagDays: 0 });
			if (!longest || line.endDate > longest.end) longest = { ref, end: line.endDate };
		});
		previousLongest = (longest as { ref: string } | null)?.ref ?? previousLongest;
	});
	const deliverables: MissionDocument['deliverables'] = plan.deliverables.map((d, i) => ({
		ref: `d${i}`,
		number: i + 1,
		title: d.title,
		description: `Remis ${order.deliverableDelayDays} jours ouvrés après la fin de « ${d.afterPhase} ».`,
		expectedFormat: null,
		dueRule: { kind: 'OFFSET', amount: workingDaysAfter(start, d.dueDate), unit: 'WORKING_DAYS' },
		plannedDate: d.dueDate,
		status: 'TODO'
	}));
	const profiles = new Map<string, { ref: string; name: string; dayRateHtCents: number }>();
	for (const l of order.lines) {
		if (l.priceLine?.kind === 'PROFILE_DAY' && !profiles.has(l.priceLine.id)) {
			profiles.set(l.priceLine.id, {
				ref: `r${profiles.size}`,
				name: `${l.priceLine.code} — ${l.priceLine.label}`.slice(0, 100),
				dayRateHtCents: l.unitPriceHtCents
			});
		}
	}
	const phaseRef = (name: string) => `p${plan.phases.findIndex((p) => p.name === name)}`;
	return {
		format: MISSION_DOCUMENT_FORMAT,
		version: MISSION_DOCUMENT_VERSION,
		mission: {
			title: `Commande n° ${order.number} — ${order.title}`.slice(0, 300),
			clientOrganisation: order.beneficiary.name,
			reference: `${order.programme.title}`.slice(0, 100),
			kickoffDate: start,
			plannedEndDate: deliverables.reduce((max, d) => (d.plannedDate > max ? d.plannedDate : max), plan.workEndDate),
			budgetCapCents: Math.max(1, order.totalHtCents),
			capBasis: 'HT',
			vatRateBp: order.programme.vatRateBp,
			status: 'ACTIVE',
			contractAmountHtCents: order.totalHtCents,
			paymentDelayDays: 30
		},
		tasks,
		dependencies,
		deliverables,
		milestones: [
			{
				ref: 'm0',
				name: 'Démarrage des travaux',
				kind: 'CONTRACT',
				dateRule: { kind: 'OFFSET', amount: 0, unit: 'DAYS' },
				isWeek: false,
				timeOfDay: null
			}
		],
		// Paid in full once the work is done and accepted: on validation of the last deliverable.
		tranches: [
			{
				label: 'Prestation réalisée et acceptée',
				percentBp: 10_000,
				triggerKind: deliverables.length > 0 ? 'DELIVERABLE_VALIDATION' : 'MILESTONE',
				triggerRef: deliverables.at(-1)?.ref ?? 'm0',
				status: 'PLANNED',
				invoiceNumber: null,
				invoiceDate: null,
				payments: []
			}
		],
		contacts: order.beneficiary.contactName
			? [
					{
						name: order.beneficiary.contactName,
						organisation: order.beneficiary.name,
						jobTitle: null,
						role: 'SUPERVISION',
						email: order.beneficiary.contactEmail
					}
				]
			: [],
		costPlan: {
			profiles: [...profiles.values()],
			lines: order.lines.map((l) => {
				const profile = l.priceLineId ? profiles.get(l.priceLineId) : undefined;
				return {
					phaseRef: phaseRef(l.phase),
					profileRef: profile?.ref ?? null,
					label: l.label.slice(0, 200),
					dayHundredths: profile ? l.quantityHundredths : 0,
					fixedAmountHtCents: profile ? 0 : Math.round((l.quantityHundredths * l.unitPriceHtCents) / 100)
				};
			})
		},
		funders: []
	};
}

/** An order as the pages show it: its lines, dated steps and the plan its quote describes. */
function present(order: LoadedOrder, today: string) {
	const plan =
		order.workStartDate && order.lines.length > 0
			? quotePlan(order.workStartDate, quoteLines(order), order.deliverableDelayDays)
			: null;
	const { programme: _p, createdAt: _c, ...rest } = order;
	return { ...rest, steps: orderSteps(order, today), plan };
}

function scopedTo(ctx: Context, beneficiaryId: string): void {
	const scope = accessOf(ctx).beneficiaryScope;
	if (scope && !scope.includes(beneficiaryId))
		throw new AppError('FORBIDDEN', 'Cette commande concerne un autre bénéficiaire.');
}

/**
 * The programme's rule once more when the quote becomes a mission: other missions may have been
 * signed since the quote. An overrun the holder confirmed on this quote stands; otherwise the
 * beneficiary, who never sees the envelope, is told what to do without its figures.
 */
async function admitValidatedQuote(tx: Tx, ctx: Context, order: LoadedOrder, missionId: string) {
	const [row] = await programmeMissions(tx, { id: missionId }, order.programme.envelopeBasis);
	const confirmed = await tx.envelopeOverrun.findFirst({
		where: { orderId: order.id },
		orderBy: { createdAt: 'desc' }
	});
	try {
		await admitAmount(
			tx,
			ctx.user!,
			order.programme,
			{
				serviceCents: row!.serviceCents,
				previousServiceCents: null,
				committedCents: row!.committedCents,
				// The confirmed overrun is already on record: it is not written twice.
				previousCommittedCents: confirmed ? row!.committedCents : 0,
				confirmation: null
			},
			{ missionId, orderId: order.id }
		);
	} catch (error) {
		if (error instanceof AppError && error.reason === 'OVER_ENVELOPE') {
			throw new AppError(
				'OVER_CAP',
				`Ce devis ne peut plus être validé : l’enveloppe du programme ne le couvre plus. Demandez au titulaire un nouveau devis (commande n° ${order.number}).`,
				'OVER_ENVELOPE'
			);
		}
		throw error;
	}
}

export const ordersRouter = router({
	/** The programme's orders; a beneficiary sees only its own. */
	list: programmeProcedure('member')
		.input(z.object({ programmeId: id }))
		.query(async ({ ctx, input }) => {
			const scope = accessOf(ctx).beneficiaryScope;
			const orders = await ctx.db.programmeOrder.findMany({
				where: { programmeId: input.programmeId, ...(scope ? { beneficiaryId: { in: scope } } : {}) },
				orderBy: { number: 'asc' },
				include: {
					lines: { orderBy: { sortOrder: 'asc' }, include: { priceLine: true } },
					beneficiary: true,
					programme: true
				}
			});
			return orders.map((o) => present(o, ctx.today()));
		}),

	get: programmeProcedure('member')
		.input(z.object({ orderId: id }))
		.query(async ({ ctx, input }) => present(await orderFor(ctx.db as unknown as Tx, input.orderId), ctx.today())),

	/** Need expressed (J = today): the holder's quote is due 10 working days later. */
	request: programmeProcedure(['MANAGER', 'BENEFICIARY'])
		.input(orderRequestInput)
		.mutation(({ ctx, input }) =>
			ctx.db.$transaction(async (tx) => {
				const programme = await tx.programme.findUniqueOrThrow({ where: { id: input.programmeId } });
				if (programme.kind !== 'FRAMEWORK_AGREEMENT') {
					throw new AppError('INVALID_OPERATION', 'Les commandes ne concernent que les accords-cadres.');
				}
				scopedTo(ctx, input.beneficiaryId);
				const last = await tx.programmeOrder.findFirst({
					where: { programmeId: programme.id },
					orderBy: { number: 'desc' }
				});
				const order = await tx.programmeOrder.create({
					data: {
						programmeId: programme.id,
						beneficiaryId: input.beneficiaryId,
						number: (last?.number ?? 0) + 1,
						title: input.title,
						need: input.need,
						requestedOn: ctx.today()
					}
				});
				await recordAudit(tx, ctx.user, {
					missionId: null,
					objectType: 'order',
					objectId: order.id,
					action: 'create',
					after: { number: order.number, title: order.title }
				});
				return { id: order.id, number: order.number };
			})
		),

	/** The holder's quote, from the price list; answering again replaces the quote until it is decided. */
	quote: programmeProcedure(['MANAGER'])
		.input(quoteInput)
		.mutation(({ ctx, input }) =>
			ctx.db.$transaction(async (tx) => {
				const order = await orderFor(tx, input.orderId, input.expectedVersion);
				if (order.status !== 'REQUESTED' && order.status !== 'QUOTED') refuseTransition(order, 'Devis impossible');
				const priceLines = await tx.priceLine.findMany({ where: { programmeId: order.programmeId } });
				const lines = input.lines.map((l, index) => {
					const priceLine = priceLines.find((p) => p.id === l.priceLineId);
					if (!priceLine)
						throw new AppError(
							'VALIDATION',
							`Ligne ${index + 1} : cette ligne n’est pas au bordereau des prix de l’accord-cadre.`
						);
					return {
						orderId: order.id,
						priceLineId: priceLine.id,
						label: l.label ?? priceLine.label,
						phase: l.phase,
						deliverable: l.deliverable,
						quantityHundredths: l.quantityHundredths,
						unitPriceHtCents: priceLine.unitPriceHtCents,
						sortOrder: index,
						kind: priceLine.kind
					};
				});
				const plan = quotePlan(input.workStartDate, lines, input.deliverableDelayDays);
				// The commitment the quote would add to the envelope, checked before the beneficiary sees it.
				const quoted = onBasis(plan.totalHtCents, order.programme);
				await admitAmount(
					tx,
					ctx.user!,
					order.programme,
					{
						serviceCents: quoted,
						previousServiceCents: null,
						committedCents: quoted,
						previousCommittedCents: 0,
						confirmation: { confirmed: input.confirmOverEnvelope, reason: input.overEnvelopeReason }
					},
					{ orderId: order.id }
				);
				await tx.orderQuoteLine.deleteMany({ where: { orderId: order.id } });
				await tx.orderQuoteLine.createMany({ data: lines.map(({ kind: _k, ...l }) => l) });
				await saveOrder(tx, order, {
					status: 'QUOTED',
					quoteSentOn: ctx.today(),
					workStartDate: input.workStartDate,
					deliverableDelayDays: input.deliverableDelayDays,
					totalHtCents: plan.totalHtCents
				});
				await recordAudit(tx, ctx.user, {
					missionId: null,
					objectType: 'order',
					objectId: order.id,
					action: 'workflow',
					before: { status: order.status },
					after: { status: 'QUOTED', totalHtCents: plan.totalHtCents }
				});
				return present(await orderFor(tx, order.id), ctx.today());
			})
		),

	/** The beneficiary validates (the mission's plan is created from the quote) or refuses, with a reason. */
	decide: programmeProcedure(['BENEFICIARY'])
		.input(decideInput)
		.mutation(({ ctx, input }) =>
			ctx.db.$transaction(async (tx) => {
				const order = await orderFor(tx, input.orderId, input.expectedVersion);
				if (order.status !== 'QUOTED') refuseTransition(order, 'Décision impossible');
				if (input.decision === 'REFUSE') {
					if (!input.reason) throw new AppError('VALIDATION', 'Indiquez le motif du refus.');
					await saveOrder(tx, order, { status: 'REFUSED', decidedOn: ctx.today(), refusalReason: input.reason });
				} else {
					if (order.workStartDate! < ctx.today()) {
						throw new AppError(
							'INVALID_OPERATION',
							'Le devis prévoit un début des travaux déjà passé : demandez un nouveau devis au titulaire.'
						);
					}
					const missionId = await importMissionDocument(tx, missionDocumentFor(order), null);
					await tx.mission.update({
						where: { id: missionId },
						data: { programmeId: order.programmeId, beneficiaryId: order.beneficiaryId }
					});
					await admitValidatedQuote(tx, ctx, order, missionId);
					// The holder's managers coordinate the mission; the beneficiary's people supervise it.
					const people = await tx.programmeMember.findMany({ where: { programmeId: order.programmeId } });
					const grants = new Set<string>();
					for (const p of people) {
						const role =
							p.role === 'MANAGER'
								? 'COORDINATOR'
								: p.role === 'BENEFICIARY' && p.beneficiaryId === order.beneficiaryId
									? 'SUPERVISOR'
									: null;
						if (!role || grants.has(`${p.userId}:${role}`)) continue;
						grants.add(`${p.userId}:${role}`);
						await tx.membership.create({ data: { userId: p.userId, missionId, role } });
					}
					await saveOrder(tx, order, { status: 'VALIDATED', decidedOn: ctx.today(), missionId });
					await recordAudit(tx, ctx.user, {
						missionId,
						objectType: 'mission',
						objectId: missionId,
						action: 'create',
						after: { origin: 'order', order: order.number }
					});
				}
				await recordAudit(tx, ctx.user, {
					missionId: null,
					objectType: 'order',
					objectId: order.id,
					action: 'workflow',
					before: { status: order.status },
					after: { status: input.decision === 'REFUSE' ? 'REFUSED' : 'VALIDATED', reason: input.reason }
				});
				return present(await orderFor(tx, order.id), ctx.today());
			})
		),

	/** The purchase order, recorded by the beneficiary or the holder once the quote is validated. */
	purchaseOrder: programmeProcedure(['MANAGER', 'BENEFICIARY'])
		.input(purchaseOrderInput)
		.mutation(({ ctx, input }) =>
			ctx.db.$transaction(async (tx) => {
				const order = await orderFor(tx, input.orderId, input.expectedVersion);
				if (order.status !== 'VALIDATED') refuseTransition(order, 'Bon de commande impossible');
				if (input.purchaseOrderOn < order.decidedOn!) {
					throw new AppError('VALIDATION', 'Le bon de commande ne peut pas précéder la validation du devis.');
				}
				await saveOrder(tx, order, {
					status: 'ORDERED',
					purchaseOrderOn: input.purchaseOrderOn,
					purchaseOrderRef: input.purchaseOrderRef
				});
				await recordAudit(tx, ctx.user, {
					missionId: order.missionId,
					objectType: 'order',
					objectId: order.id,
					action: 'workflow',
					before: { status: order.status },
					after: { status: 'ORDERED', purchaseOrderRef: input.purchaseOrderRef }
				});
				return present(await orderFor(tx, order.id), ctx.today());
			})
		)
});
