// Milestones: a fixed date or an offset after kick-off, optionally a whole week ("semaine du …").
import { z } from 'zod';
import type { DateRule } from '$lib/domain/date-rules';
import { id, milestoneCreateInput, milestoneUpdateInput } from '$lib/schemas';
import { loadMissionPlan } from '../../mission-data';
import { notFound, publicProcedure, router } from '../trpc';

function ruleColumns(rule: DateRule) {
	return rule.kind === 'FIXED_DATE'
		? { dateRuleKind: rule.kind, fixedDate: rule.date, offset: null, offsetUnit: null }
		: { dateRuleKind: rule.kind, fixedDate: null, offset: rule.amount, offsetUnit: rule.unit };
}

export const milestonesRouter = router({
	create: publicProcedure.input(milestoneCreateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const mission = await tx.mission.findUnique({ where: { id: input.missionId }, select: { id: true } });
			if (!mission) throw notFound('Mission');
			const { dateRule, ...fields } = input;
			const milestone = await tx.milestone.create({ data: { ...fields, ...ruleColumns(dateRule) } });
			return { id: milestone.id, plan: (await loadMissionPlan(tx, mission.id, ctx.today()))! };
		})
	),

	update: publicProcedure.input(milestoneUpdateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const milestone = await tx.milestone.findUnique({ where: { id: input.milestoneId } });
			if (!milestone) throw notFound('Jalon');
			const { milestoneId, dateRule, ...fields } = input;
			await tx.milestone.update({
				where: { id: milestoneId },
				data: { ...fields, ...(dateRule ? ruleColumns(dateRule) : {}), version: { increment: 1 } }
			});
			return (await loadMissionPlan(tx, milestone.missionId, ctx.today()))!;
		})
	),

	delete: publicProcedure.input(z.object({ milestoneId: id })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const milestone = await tx.milestone.findUnique({ where: { id: input.milestoneId } });
			if (!milestone) throw notFound('Jalon');
			await tx.milestone.delete({ where: { id: milestone.id } });
			return (await loadMissionPlan(tx, milestone.missionId, ctx.today()))!;
		})
	)
});
