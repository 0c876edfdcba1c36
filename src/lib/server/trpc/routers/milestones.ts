// Milestones: a fixed date or an offset after kick-off, optionally a whole week ("semaine du …").
import { z } from 'zod';
import { createsCycle } from '$lib/domain/schedule';
import { id, milestoneCreateInput, milestoneLinkInput, milestoneUpdateInput } from '$lib/schemas';
import { loadMissionPlan } from '../../mission-data';
import { milestoneRuleColumns } from '../../rule-columns';
import { checkRuleInRange, kickoffOf } from '../../date-range';
import { lastEditor, pick, recordAudit, recordAuditOn } from '../../audit';
import { AppError, notFound, router, coordinatorProcedure } from '../trpc';
import { anchorFor, planEdges, type Anchor } from '../../anchors';
import { withSqlite } from '../../db';
import { settleLinks } from '../../task-schedule';
import { planLimitGuard } from '../../plan-limits';
import { dateChangeAudits } from './tasks';
import type { Prisma } from '../../generated/prisma/client';
import type { Context } from '../trpc';

/** A milestone's new date pushes the tasks it leads: every date that moved goes to the trail. */
async function settleAfter(tx: Prisma.TransactionClient, ctx: Context, missionId: string, milestoneId: string) {
	// Tasks the milestone pushes may take the plan beyond its limits: refused whole.
	const limits = await planLimitGuard(tx, missionId);
	const moved = await settleLinks(tx, missionId, [milestoneId]);
	await limits.check();
	await withSqlite(tx, (sqlite) => recordAuditOn(sqlite, ctx.user, dateChangeAudits(missionId, moved)));
}

/** Tying a milestone to a task that its own successors lead to would close a loop. */
async function checkTieCycle(tx: Prisma.TransactionClient, missionId: string, milestoneId: string, taskId: string) {
	const edges = (await planEdges(tx, missionId)).filter((e) => e.successorId !== milestoneId);
	if (createsCycle(edges, { predecessorId: taskId, successorId: milestoneId })) {
		throw new AppError('DEPENDENCY_CYCLE', 'Ce rattachement créerait une boucle : la tâche suit déjà ce jalon.');
	}
}

/** A milestone's planned date exists only while it is tied to a task. */
const tieColumns = (anchor: Anchor) => ({
	...anchor.columns,
	...(anchor.tiedDate ? { plannedDate: anchor.tiedDate } : anchor.untied ? { plannedDate: null } : {})
});

export const milestonesRouter = router({
	create: coordinatorProcedure.input(milestoneCreateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const mission = await tx.mission.findUnique({
				where: { id: input.missionId },
				select: { id: true, kickoffDate: true }
			});
			if (!mission) throw notFound('Mission');
			const { dateRule, anchorTaskId, anchorLagDays, ...fields } = input;
			checkRuleInRange(dateRule, mission.kickoffDate, `Jalon « ${input.name} »`);
			const anchor = await anchorFor(tx, mission.id, { anchorTaskId, anchorLagDays }, null, false);
			const milestone = await tx.milestone.create({
				data: { ...fields, ...milestoneRuleColumns(dateRule), ...tieColumns(anchor) }
			});
			await recordAudit(tx, ctx.user, {
				missionId: mission.id,
				objectType: 'milestone',
				objectId: milestone.id,
				action: 'create',
				after: { name: milestone.name }
			});
			return { id: milestone.id, plan: (await loadMissionPlan(tx, mission.id, ctx.today()))! };
		})
	),

	update: coordinatorProcedure.input(milestoneUpdateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const milestone = await tx.milestone.findUnique({ where: { id: input.milestoneId } });
			if (!milestone) throw notFound('Jalon');
			const { milestoneId, dateRule, expectedVersion, anchorTaskId, anchorLagDays, ...fields } = input;
			if (dateRule) checkRuleInRange(dateRule, await kickoffOf(tx, milestone.missionId), `Jalon « ${milestone.name} »`);
			// Tying to a task (or untying) sets (or clears) the planned date from that task's end.
			const anchor = await anchorFor(tx, milestone.missionId, { anchorTaskId, anchorLagDays }, milestone, false);
			if (anchorTaskId) await checkTieCycle(tx, milestone.missionId, milestone.id, anchorTaskId);
			const changed = { ...fields, ...(dateRule ? milestoneRuleColumns(dateRule) : {}), ...tieColumns(anchor) };
			// The version check and the write are one statement: a concurrent edit cannot slip between.
			const updated = await tx.milestone.updateMany({
				where: { id: milestoneId, version: expectedVersion },
				data: { ...changed, version: { increment: 1 } }
			});
			if (updated.count === 0) {
				throw new AppError(
					'CONFLICT',
					`Jalon « ${milestone.name} » modifié entre-temps par ${await lastEditor(tx, 'milestone', milestoneId)} : rechargez avant d’enregistrer.`
				);
			}
			await recordAudit(tx, ctx.user, {
				missionId: milestone.missionId,
				objectType: 'milestone',
				objectId: milestone.id,
				action: 'update',
				before: pick(milestone, Object.keys(changed)),
				after: changed
			});
			await settleAfter(tx, ctx, milestone.missionId, milestone.id);
			return (await loadMissionPlan(tx, milestone.missionId, ctx.today()))!;
		})
	),

	/** A milestone as the predecessor of a task: the task moves later if the link requires it. */
	link: coordinatorProcedure.input(milestoneLinkInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const { expectedVersion, ...fields } = input;
			const [milestone, successor] = await Promise.all([
				tx.milestone.findUnique({ where: { id: input.milestoneId } }),
				tx.task.findUnique({ where: { id: input.successorId } })
			]);
			if (!milestone) throw notFound('Jalon');
			// A task of another mission is as unknown here as a missing one.
			if (!successor || successor.missionId !== milestone.missionId) throw notFound('Tâche successeur');
			if (successor.kind === 'PHASE') {
				throw new AppError(
					'INVALID_OPERATION',
					'Les liens relient des tâches, pas des phases ni des tâches récapitulatives : liez plutôt leurs sous-tâches.'
				);
			}
			if (expectedVersion !== undefined && expectedVersion !== successor.version) {
				throw new AppError(
					'CONFLICT',
					`« ${successor.name} » a été modifiée entre-temps : rechargez avant d’enregistrer.`
				);
			}
			const missionId = milestone.missionId;
			if (await tx.milestoneLink.findFirst({ where: { milestoneId: milestone.id, successorId: successor.id } })) {
				throw new AppError('DEPENDENCY_EXISTS', 'Ce jalon et cette tâche sont déjà liés.');
			}
			if (createsCycle(await planEdges(tx, missionId), { predecessorId: milestone.id, successorId: successor.id })) {
				throw new AppError(
					'DEPENDENCY_CYCLE',
					`Ce lien créerait une boucle : le jalon « ${milestone.name} » suit déjà « ${successor.name} ».`
				);
			}
			const link = await tx.milestoneLink.create({ data: { ...fields, missionId } });
			await tx.task.update({ where: { id: successor.id }, data: { version: { increment: 1 } } });
			await recordAudit(tx, ctx.user, {
				missionId,
				objectType: 'dependency',
				objectId: `${milestone.id}>${successor.id}`,
				action: 'create',
				after: {
					link: `${milestone.name} → ${successor.name}`,
					type: link.type,
					lagDays: link.lagDays,
					lagUnit: link.lagUnit
				}
			});
			await settleAfter(tx, ctx, missionId, milestone.id);
			return (await loadMissionPlan(tx, missionId, ctx.today()))!;
		})
	),

	unlink: coordinatorProcedure.input(z.object({ milestoneLinkId: id })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const link = await tx.milestoneLink.findUnique({ where: { id: input.milestoneLinkId } });
			if (!link) throw notFound('Lien');
			await tx.milestoneLink.delete({ where: { id: link.id } });
			await tx.task.update({ where: { id: link.successorId }, data: { version: { increment: 1 } } });
			await recordAudit(tx, ctx.user, {
				missionId: link.missionId,
				objectType: 'dependency',
				objectId: `${link.milestoneId}>${link.successorId}`,
				action: 'delete',
				before: { type: link.type, lagDays: link.lagDays, lagUnit: link.lagUnit }
			});
			return (await loadMissionPlan(tx, link.missionId, ctx.today()))!;
		})
	),

	delete: coordinatorProcedure.input(z.object({ milestoneId: id })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const milestone = await tx.milestone.findUnique({ where: { id: input.milestoneId } });
			if (!milestone) throw notFound('Jalon');
			await tx.milestone.delete({ where: { id: milestone.id } });
			await recordAudit(tx, ctx.user, {
				missionId: milestone.missionId,
				objectType: 'milestone',
				objectId: milestone.id,
				action: 'delete',
				before: { name: milestone.name }
			});
			return (await loadMissionPlan(tx, milestone.missionId, ctx.today()))!;
		})
	)
});
