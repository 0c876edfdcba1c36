// Milestones: a fixed date or an offset after kick-off, optionally a whole week ("semaine du …").
import { z } from 'zod';
import { id, milestoneCreateInput, milestoneUpdateInput } from '$lib/schemas';
import { loadMissionPlan } from '../../mission-data';
import { milestoneRuleColumns } from '../../rule-columns';
import { anchorFor, type Anchor } from '../../anchors';

/** A milestone's planned date exists only while it is tied to a task. */
const tieColumns = (anchor: Anchor) => ({
	...anchor.columns,
	...(anchor.tiedDate ? { plannedDate: anchor.tiedDate } : anchor.untied ? { plannedDate: null } : {})
});
import { pick, recordAudit } from '../../audit';
import { notFound, router, coordinatorProcedure } from '../trpc';

export const milestonesRouter = router({
	create: coordinatorProcedure.input(milestoneCreateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const mission = await tx.mission.findUnique({ where: { id: input.missionId }, select: { id: true } });
			if (!mission) throw notFound('Mission');
			const { dateRule, anchorTaskId, anchorLagDays, ...fields } = input;
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
			const { milestoneId, dateRule, anchorTaskId, anchorLagDays, ...fields } = input;
			// Tying to a task (or untying) sets (or clears) the planned date from that task's end.
			const anchor = await anchorFor(tx, milestone.missionId, { anchorTaskId, anchorLagDays }, milestone, false);
			const changed = { ...fields, ...(dateRule ? milestoneRuleColumns(dateRule) : {}), ...tieColumns(anchor) };
			await tx.milestone.update({ where: { id: milestoneId }, data: { ...changed, version: { increment: 1 } } });
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
