// Finance: contract terms, payment tranches from invoice to payment, cost plan against the cap,
// actuals (time entries, expenses) and co-financing.
import { z } from 'zod';
import { sqliteOf } from '../../db';
import {
	budgetGauge,
	gauge,
	invoiceTranche,
	type BudgetGauge,
	recordPayment,
	TrancheTransitionError,
	type TrancheLedger
} from '$lib/domain/finance';
import { costFigures } from '$lib/domain/cost-plan';
import { mondayOf } from '$lib/domain/dates';
import { effectiveEcbRates } from '$lib/domain/ecb-rates';
import { termsChange } from '$lib/domain/payment-terms';
import { formatEuros } from '$lib/domain/money';
import { invoiceFromHt, percentagesSumTo100 } from '$lib/domain/tranches';
import { defaultKinds, scheduleProblem } from '$lib/domain/tranche-kinds';
import {
	costLineInput,
	ecbRateInput,
	expenseInput,
	financeTermsInput,
	fundersInput,
	invoiceInput,
	paymentInput,
	profileInput,
	timeEntryInput,
	tranchesInput
} from '$lib/finance-schemas';
import { id } from '$lib/schemas';
import type { Prisma } from '../../generated/prisma/client';
import { loadFinanceView } from '../../finance-data';
import { lastEditor, recordAudit } from '../../audit';
import {
	AppError,
	notFound,
	router,
	type Context,
	memberProcedure,
	financeProcedure,
	actualsProcedure,
	adminProcedure,
	userProcedure
} from '../trpc';
import { missionInProgramme, recheckMissionInProgramme } from '../../programme-data';

type Tx = Prisma.TransactionClient;

async function viewAfter(tx: Tx, ctx: Context, missionId: string) {
	return (await loadFinanceView(tx, missionId, ctx.today()))!;
}

async function requireMission(tx: Tx, missionId: string) {
	const mission = await tx.mission.findUnique({ where: { id: missionId } });
	if (!mission) throw notFound('Mission');
	return mission;
}

/** The tranche as the finance view computes it (amount, trigger reached, payments so far). */
async function trancheState(tx: Tx, ctx: Context, trancheId: string) {
	const row = await tx.paymentTranche.findUnique({ where: { id: trancheId } });
	if (!row) throw notFound('Tranche');
	const view = (await loadFinanceView(tx, row.missionId, ctx.today()))!;
	const tranche = view.tranches.find((t) => t.id === trancheId)!;
	const paymentDelayDays = view.paymentDelayDays;
	const ledger: TrancheLedger = {
		status: row.status,
		amountTtcCents: tranche.amountTtcCents,
		invoiceNumber: row.invoiceNumber,
		invoiceDate: row.invoiceDate,
		paidCents: tranche.paidCents,
		lastPaymentDate: tranche.payments.at(-1)?.paidOn ?? null
	};
	return { row, tranche, ledger, paymentDelayDays };
}

function transition<T>(run: () => T): T {
	try {
		return run();
	} catch (error) {
		if (error instanceof TrancheTransitionError) throw new AppError('TRANCHE_TRANSITION', error.message, error.code);
		throw error;
	}
}

/** One audit row for a finance change: what was asked, as given. */
function recordFinanceChange(
	tx: Tx,
	ctx: Context,
	missionId: string,
	objectType: string,
	change: string,
	value: unknown
) {
	return recordAudit(tx, ctx.user, {
		missionId,
		objectType,
		objectId: missionId,
		action: 'update',
		after: { [change]: value }
	});
}

type OverCapConfirmation = { confirmOverCap: boolean; overCapComment?: string | null };

const OVER_CAP_SUBJECT = { COST_PLAN: 'Ce plan de charge', CONTRACT: 'Le montant du marché' } as const;

/**
 * The one rule for anything compared with the cap (cost plan, market amount): refused above it
 * unless confirmed with a reason; the confirmation is recorded (and exported).
 */
async function requireOverCapConfirmation(
	tx: Tx,
	missionId: string,
	kind: keyof typeof OVER_CAP_SUBJECT,
	gauge: BudgetGauge,
	confirm: OverCapConfirmation,
	actor: Context['user']
): Promise<void> {
	if (gauge.overCents === 0) return;
	if (!confirm.confirmOverCap) {
		throw new AppError(
			'OVER_CAP',
			`${OVER_CAP_SUBJECT[kind]} dépasse le plafond de ${formatEuros(gauge.overCents)} ${gauge.basis}. Confirmez avec un motif pour l’enregistrer malgré tout.`
		);
	}
	const comment = confirm.overCapComment?.trim();
	if (!comment) {
		throw new AppError('VALIDATION', 'Indiquez le motif du dépassement du plafond.', 'OVER_CAP_REASON');
	}
	await recordAudit(tx, actor, {
		missionId,
		objectType: kind === 'CONTRACT' ? 'contract' : 'costPlan',
		objectId: missionId,
		action: 'update',
		after: { overCapConfirmed: gauge.overCents, overCapComment: comment }
	});
	await tx.overCapApproval.create({
		data: {
			missionId,
			kind,
			planAmountCents: gauge.amountCents,
			overCents: gauge.overCents,
			comment,
			actorName: actor?.name ?? null
		}
	});
}

/** Refuses a cost plan above the cap unless confirmed with a reason. */
async function checkCap(
	tx: Tx,
	missionId: string,
	confirm: OverCapConfirmation,
	actor: Context['user']
): Promise<void> {
	const mission = await requireMission(tx, missionId);
	const [profiles, lines] = await Promise.all([
		tx.costProfile.findMany({ where: { missionId } }),
		tx.costLine.findMany({ where: { missionId } })
	]);
	const planned = costFigures(profiles, lines, [], []).total.plannedHtCents;
	const gauge = budgetGauge(planned, { cents: mission.budgetCapCents, basis: mission.capBasis }, mission.vatRateBp);
	await requireOverCapConfirmation(tx, missionId, 'COST_PLAN', gauge, confirm, actor);
}

export const financeRouter = router({
	/** The ECB rate of each half-year (shared by every mission): published, or entered (which wins). */
	ecbRates: userProcedure.query(async ({ ctx }) =>
		effectiveEcbRates(await ctx.db.ecbRate.findMany({ orderBy: { halfYearStart: 'asc' } }))
	),

	/** Enters (or corrects) the ECB rate of a half-year: an administrator's task, for all missions. */
	setEcbRate: adminProcedure.input(ecbRateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const before = await tx.ecbRate.findUnique({ where: { halfYearStart: input.halfYearStart } });
			await tx.ecbRate.upsert({
				where: { halfYearStart: input.halfYearStart },
				update: { rateBp: input.rateBp },
				create: input
			});
			await recordAudit(tx, ctx.user, {
				missionId: null,
				objectType: 'ecbRate',
				objectId: input.halfYearStart,
				action: before ? 'update' : 'create',
				before: { rateBp: before?.rateBp ?? null },
				after: { rateBp: input.rateBp }
			});
			return effectiveEcbRates(await tx.ecbRate.findMany({ orderBy: { halfYearStart: 'asc' } }));
		})
	),

	get: memberProcedure.input(z.object({ missionId: id })).query(async ({ ctx, input }) => {
		// Cached like missions.get: the finance page reads it at every visit.
		const today = ctx.today();
		const view = await sqliteOf(ctx.db).cachedAsync(`finance:${input.missionId}:${today}`, () =>
			loadFinanceView(ctx.db, input.missionId, today)
		);
		if (!view) throw notFound('Mission');
		return view;
	}),

	updateTerms: financeProcedure.input(financeTermsInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const mission = await requireMission(tx, input.missionId);
			if (input.expectedVersion !== undefined && input.expectedVersion !== mission.version) {
				throw new AppError(
					'CONFLICT',
					`Mission modifiée entre-temps par ${await lastEditor(tx, 'contract', mission.id)} : rechargez la page.`
				);
			}
			const hasInvoices = await tx.paymentTranche.count({
				where: { missionId: input.missionId, invoiceDate: { not: null } }
			});
			if (hasInvoices > 0 && input.contractAmountHtCents !== mission.contractAmountHtCents) {
				throw new AppError(
					'INVALID_OPERATION',
					'Le montant du marché ne peut plus changer : une tranche est déjà facturée.'
				);
			}
			// A delay over the legal maximum is saved only once confirmed; issued invoices keep their due
			// date unless the user asked to re-date them.
			const buyerKind = (input.buyerKind ?? mission.buyerKind) === 'COMPANY' ? 'COMPANY' : 'PUBLIC';
			const issued = await tx.paymentTranche.findMany({
				where: { missionId: mission.id, invoiceDate: { not: null } },
				orderBy: { sortOrder: 'asc' }
			});
			const change = termsChange(
				{ delayDays: mission.paymentDelayDays, buyerKind: mission.buyerKind === 'COMPANY' ? 'COMPANY' : 'PUBLIC' },
				{ delayDays: input.paymentDelayDays, buyerKind },
				issued.map((t) => ({ ...t, invoiceDate: t.invoiceDate! }))
			);
			if (change.overLegal && !input.confirmDelayOverLegal) {
				throw new AppError(
					'CONFIRMATION_REQUIRED',
					`${change.overLegal} Confirmez pour l’enregistrer malgré tout.`,
					'DELAY_OVER_LEGAL_MAX'
				);
			}
			if (input.contractAmountHtCents !== null && input.contractAmountHtCents !== mission.contractAmountHtCents) {
				const cap = { cents: mission.budgetCapCents, basis: mission.capBasis };
				const invoice = invoiceFromHt(input.contractAmountHtCents, mission.vatRateBp);
				const over = gauge(cap.basis === 'HT' ? invoice.htCents : invoice.ttcCents, cap.cents, cap.basis);
				await requireOverCapConfirmation(tx, mission.id, 'CONTRACT', over, input, ctx.user);
			}
			const inProgramme = await missionInProgramme(tx, input.missionId);
			// Version-checked write: a concurrent update between the read and here is a conflict.
			const { count } = await tx.mission.updateMany({
				where: { id: input.missionId, version: mission.version },
				data: {
					contractAmountHtCents: input.contractAmountHtCents,
					paymentDelayDays: input.paymentDelayDays,
					...(input.buyerKind ? { buyerKind: input.buyerKind } : {}),
					...(input.latePaymentRateBp !== undefined ? { latePaymentRateBp: input.latePaymentRateBp } : {}),
					version: { increment: 1 }
				}
			});
			if (count === 0) throw new AppError('CONFLICT', 'Mission modifiée entre-temps : rechargez la page.');
			// Issued invoices: their own delay, unless the user confirmed re-dating them.
			for (const t of issued) {
				const redate = input.redateIssuedInvoices && change.redated.some((r) => r.id === t.id);
				const delay = redate ? input.paymentDelayDays : (t.paymentDelayDays ?? mission.paymentDelayDays);
				if (delay === t.paymentDelayDays) continue;
				await tx.paymentTranche.update({
					where: { id: t.id },
					data: { paymentDelayDays: delay, version: { increment: 1 } }
				});
				if (redate) {
					await recordAudit(tx, ctx.user, {
						missionId: mission.id,
						objectType: 'tranche',
						objectId: t.id,
						action: 'update',
						before: { paymentDelayDays: t.paymentDelayDays ?? mission.paymentDelayDays },
						after: { paymentDelayDays: delay }
					});
				}
			}
			await recheckMissionInProgramme(tx, ctx.user!, input.missionId, inProgramme);
			await recordAudit(tx, ctx.user, {
				missionId: input.missionId,
				objectType: 'contract',
				objectId: input.missionId,
				action: 'update',
				before: {
					contractAmountHtCents: mission.contractAmountHtCents,
					paymentDelayDays: mission.paymentDelayDays,
					buyerKind: mission.buyerKind,
					latePaymentRateBp: mission.latePaymentRateBp
				},
				after: {
					contractAmountHtCents: input.contractAmountHtCents,
					paymentDelayDays: input.paymentDelayDays,
					buyerKind: input.buyerKind ?? mission.buyerKind,
					latePaymentRateBp:
						input.latePaymentRateBp !== undefined ? input.latePaymentRateBp : mission.latePaymentRateBp,
					...(change.overLegal ? { delayOverLegalConfirmed: true } : {})
				}
			});
			return viewAfter(tx, ctx, input.missionId);
		})
	),

	setTranches: financeProcedure.input(tranchesInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const mission = await requireMission(tx, input.missionId);
			if (input.expectedVersion !== undefined && input.expectedVersion !== mission.version) {
				throw new AppError(
					'CONFLICT',
					`Mission modifiée entre-temps par ${await lastEditor(tx, 'tranche', mission.id)} : rechargez la page.`
				);
			}
			const defaults = defaultKinds(input.tranches.length);
			const tranches = input.tranches.map((t, i) => ({ ...t, kind: t.kind ?? defaults[i]! }));
			const problem = scheduleProblem(tranches);
			if (problem) {
				throw new AppError(
					problem.code === 'PERCENTAGES_NOT_100' ? 'PERCENTAGES_NOT_100' : 'INVALID_SCHEDULE',
					problem.message,
					problem.code
				);
			}
			if ((await tx.paymentTranche.count({ where: { missionId: input.missionId, invoiceDate: { not: null } } })) > 0) {
				throw new AppError('INVALID_OPERATION', 'L’échéancier ne peut plus changer : une tranche est déjà facturée.');
			}
			for (const t of input.tranches) {
				if (t.triggerKind === 'MILESTONE') {
					const m = t.triggerMilestoneId && (await tx.milestone.findUnique({ where: { id: t.triggerMilestoneId } }));
					if (!m || m.missionId !== input.missionId)
						throw new AppError('VALIDATION', `Tranche « ${t.label} » : choisissez un jalon de la mission.`);
				} else {
					const d =
						t.triggerDeliverableId && (await tx.deliverable.findUnique({ where: { id: t.triggerDeliverableId } }));
					if (!d || d.missionId !== input.missionId)
						throw new AppError('VALIDATION', `Tranche « ${t.label} » : choisissez un livrable de la mission.`);
				}
			}
			const inProgramme = await missionInProgramme(tx, input.missionId);
			// Version-checked: a concurrent schedule saved between the read and here is a conflict.
			const { count } = await tx.mission.updateMany({
				where: { id: mission.id, version: mission.version },
				data: { version: { increment: 1 } }
			});
			if (count === 0) throw new AppError('CONFLICT', 'Mission modifiée entre-temps : rechargez la page.');
			await tx.paymentTranche.deleteMany({ where: { missionId: input.missionId } });
			for (const [index, t] of tranches.entries()) {
				await tx.paymentTranche.create({
					data: {
						missionId: input.missionId,
						label: t.label,
						percentBp: t.percentBp,
						kind: t.kind,
						sortOrder: index + 1,
						triggerKind: t.triggerKind,
						triggerMilestoneId: t.triggerKind === 'MILESTONE' ? t.triggerMilestoneId : null,
						triggerDeliverableId: t.triggerKind === 'DELIVERABLE_VALIDATION' ? t.triggerDeliverableId : null
					}
				});
			}
			// The contract its invoices add up to may move by a cent or more: the programme's rule again.
			await recheckMissionInProgramme(tx, ctx.user!, input.missionId, inProgramme);
			await recordFinanceChange(tx, ctx, input.missionId, 'tranche', 'setTranches', { ...input, tranches });
			return viewAfter(tx, ctx, input.missionId);
		})
	),

	invoice: financeProcedure.input(invoiceInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const { row, tranche, ledger, paymentDelayDays } = await trancheState(tx, ctx, input.trancheId);
			const next = transition(() => invoiceTranche(ledger, tranche.triggerReached, input));
			await tx.paymentTranche.update({
				where: { id: row.id },
				data: {
					status: next.status,
					invoiceNumber: next.invoiceNumber,
					invoiceDate: next.invoiceDate,
					// Due under the terms of the day it is issued: a later change re-dates it only if confirmed.
					paymentDelayDays,
					version: { increment: 1 }
				}
			});
			await recordAudit(tx, ctx.user, {
				missionId: row.missionId,
				objectType: 'tranche',
				objectId: row.id,
				action: 'update',
				before: { status: row.status, invoiceNumber: row.invoiceNumber, invoiceDate: row.invoiceDate },
				after: { status: next.status, invoiceNumber: next.invoiceNumber, invoiceDate: next.invoiceDate }
			});
			return viewAfter(tx, ctx, row.missionId);
		})
	),

	recordPayment: financeProcedure.input(paymentInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const { row, ledger } = await trancheState(tx, ctx, input.trancheId);
			const next = transition(() => recordPayment(ledger, { date: input.paidOn, amountCents: input.amountCents }));
			await tx.tranchePayment.create({
				data: { trancheId: row.id, paidOn: input.paidOn, amountCents: input.amountCents }
			});
			await tx.paymentTranche.update({
				where: { id: row.id },
				data: { status: next.status, version: { increment: 1 } }
			});
			await recordAudit(tx, ctx.user, {
				missionId: row.missionId,
				objectType: 'tranche',
				objectId: row.id,
				action: 'update',
				before: { status: row.status, paidCents: ledger.paidCents },
				after: { status: next.status, paidCents: next.paidCents, paidOn: input.paidOn }
			});
			return viewAfter(tx, ctx, row.missionId);
		})
	),

	saveProfile: financeProcedure.input(profileInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			await requireMission(tx, input.missionId);
			const clash = await tx.costProfile.findFirst({ where: { missionId: input.missionId, name: input.name } });
			if (clash && clash.id !== input.profileId)
				throw new AppError('CONFLICT', `Le profil « ${input.name} » existe déjà.`);
			if (input.profileId) {
				const existing = await tx.costProfile.findUnique({ where: { id: input.profileId } });
				if (!existing || existing.missionId !== input.missionId) throw notFound('Profil');
				await tx.costProfile.update({
					where: { id: existing.id },
					data: { name: input.name, dayRateHtCents: input.dayRateHtCents }
				});
			} else {
				const count = await tx.costProfile.count({ where: { missionId: input.missionId } });
				await tx.costProfile.create({
					data: {
						missionId: input.missionId,
						name: input.name,
						dayRateHtCents: input.dayRateHtCents,
						sortOrder: count + 1
					}
				});
			}
			// A new rate changes the plan's total: the same cap check as a cost line applies.
			await checkCap(tx, input.missionId, input, ctx.user);
			await recordFinanceChange(tx, ctx, input.missionId, 'costPlan', 'saveProfile', input);
			return viewAfter(tx, ctx, input.missionId);
		})
	),

	saveCostLine: financeProcedure.input(costLineInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			await requireMission(tx, input.missionId);
			if (input.profileId) {
				const profile = await tx.costProfile.findUnique({ where: { id: input.profileId } });
				if (!profile || profile.missionId !== input.missionId) throw notFound('Profil');
			}
			if (input.phaseId) {
				const phase = await tx.task.findUnique({ where: { id: input.phaseId } });
				if (!phase || phase.missionId !== input.missionId || phase.kind !== 'PHASE') throw notFound('Phase');
			}
			const data = {
				missionId: input.missionId,
				phaseId: input.phaseId,
				profileId: input.profileId,
				label: input.label,
				dayHundredths: input.profileId ? input.dayHundredths : 0,
				fixedAmountHtCents: input.fixedAmountHtCents
			};
			if (input.costLineId) {
				const existing = await tx.costLine.findUnique({ where: { id: input.costLineId } });
				if (!existing || existing.missionId !== input.missionId) throw notFound('Ligne de coût');
				await tx.costLine.update({ where: { id: existing.id }, data });
			} else {
				await tx.costLine.create({ data });
			}
			await checkCap(tx, input.missionId, input, ctx.user);
			await recordFinanceChange(tx, ctx, input.missionId, 'costPlan', 'saveCostLine', input);
			return viewAfter(tx, ctx, input.missionId);
		})
	),

	deleteCostLine: financeProcedure.input(z.object({ costLineId: id })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const line = await tx.costLine.findUnique({ where: { id: input.costLineId } });
			if (!line) throw notFound('Ligne de coût');
			await tx.costLine.delete({ where: { id: line.id } });
			await recordFinanceChange(tx, ctx, line.missionId, 'costPlan', 'deleteCostLine', line.label);
			return viewAfter(tx, ctx, line.missionId);
		})
	),

	setTimeEntry: actualsProcedure.input(timeEntryInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			await requireMission(tx, input.missionId);
			const profile = await tx.costProfile.findUnique({ where: { id: input.profileId } });
			if (!profile || profile.missionId !== input.missionId) throw notFound('Profil');
			const weekStart = mondayOf(input.weekStart);
			// SQLite lets NULL phases repeat in a unique index, so the cell is found by hand.
			const existing = await tx.timeEntry.findFirst({
				where: { profileId: input.profileId, weekStart, phaseId: input.phaseId }
			});
			if (input.dayHundredths === 0) {
				if (existing) await tx.timeEntry.delete({ where: { id: existing.id } });
			} else if (existing) {
				await tx.timeEntry.update({ where: { id: existing.id }, data: { dayHundredths: input.dayHundredths } });
			} else {
				await tx.timeEntry.create({ data: { ...input, weekStart } });
			}
			await recordFinanceChange(tx, ctx, input.missionId, 'actuals', 'setTimeEntry', input);
			return viewAfter(tx, ctx, input.missionId);
		})
	),

	addExpense: actualsProcedure.input(expenseInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			await requireMission(tx, input.missionId);
			await tx.expense.create({ data: input });
			await recordFinanceChange(tx, ctx, input.missionId, 'actuals', 'addExpense', input);
			return viewAfter(tx, ctx, input.missionId);
		})
	),

	setFunders: financeProcedure.input(fundersInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			await requireMission(tx, input.missionId);
			if (input.funders.length > 0 && !percentagesSumTo100(input.funders.map((f) => f.shareBp))) {
				throw new AppError('PERCENTAGES_NOT_100', 'Les parts des financeurs doivent totaliser exactement 100 %.');
			}
			await tx.funder.deleteMany({ where: { missionId: input.missionId } });
			for (const [index, f] of input.funders.entries()) {
				await tx.funder.create({ data: { ...f, missionId: input.missionId, sortOrder: index + 1 } });
			}
			await recordFinanceChange(tx, ctx, input.missionId, 'funders', 'setFunders', input);
			return viewAfter(tx, ctx, input.missionId);
		})
	)
});
