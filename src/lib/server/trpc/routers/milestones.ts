// Milestones: a fixed date or an offset after kick-off, optionally a whole week ("semaine du …").
import { z } from 'zod';
import { id, milestoneCreateInput, milestoneUpdateInput } from '$lib/schemas';
import { loadMissionPlan } from '../../mission-data';
import { milestoneRuleColumns } from '../../rule-columns';
import { checkRuleInRange, kickoffOf } from '../../date-range';
import { lastEditor, pick, recordAudit } from '../../audit';
import { AppError, notFound, router, coordinatorProcedure } from '../trpc';

export const milestonesRouter = router({
	create: coordinatorProcedure.input(milestoneCreateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const mission = await tx.mission.findUnique({
				where: { id: input.missionId },
				select: { id: true, kickoffDate: true }
			});
			if (!mission) throw notFound('Mission');
			const { dateRule, ...fields } = input;
			checkRuleInRange(dateRule, mission.kickoffDate, `Jalon « ${input.name} »`);
			const milestone = await tx.milestone.create({ data: { ...fields, ...milestoneRuleColumns(dateRule) } });
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
			const { milestoneId, dateRule, expectedVersion, ...fields } = input;
			const changed = { ...fields, ...(dateRule ? milestoneRuleColumns(dateRule) : {}) };
			if (dateRule) checkRuleInRange(dateRule, await kickoffOf(tx, milestone.missionId), `Jalon « ${milestone.name} »`);
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
			return (await loadMissionPlan(tx, milestone.missionId, ctx.today()))!;
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
