// Deliverables: contractual deadline as a rule (fixed date or offset after kick-off), planned
// date in the plan, status.
import { z } from 'zod';
import { resolveDateRule, type DateRule } from '$lib/domain/date-rules';
import { deliverableCreateInput, deliverableUpdateInput, id } from '$lib/schemas';
import { loadMissionPlan } from '../../mission-data';
import { AppError, notFound, publicProcedure, router } from '../trpc';

function ruleColumns(rule: DateRule) {
	return rule.kind === 'FIXED_DATE'
		? { dueRuleKind: rule.kind, dueFixedDate: rule.date, dueOffset: null, dueOffsetUnit: null }
		: { dueRuleKind: rule.kind, dueFixedDate: null, dueOffset: rule.amount, dueOffsetUnit: rule.unit };
}

export const deliverablesRouter = router({
	create: publicProcedure.input(deliverableCreateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const mission = await tx.mission.findUnique({ where: { id: input.missionId } });
			if (!mission) throw notFound('Mission');
			const { dueRule, plannedDate, number, ...fields } = input;
			let chosenNumber = number;
			if (chosenNumber === undefined) {
				const last = await tx.deliverable.aggregate({ where: { missionId: mission.id }, _max: { number: true } });
				chosenNumber = (last._max.number ?? 0) + 1;
			} else if (await tx.deliverable.findFirst({ where: { missionId: mission.id, number: chosenNumber } })) {
				throw new AppError('CONFLICT', `Le livrable n° ${chosenNumber} existe déjà dans cette mission.`);
			}
			const deliverable = await tx.deliverable.create({
				data: {
					...fields,
					...ruleColumns(dueRule),
					missionId: mission.id,
					number: chosenNumber,
					// Without a planned date, plan it on its contractual deadline.
					plannedDate: plannedDate ?? resolveDateRule(dueRule, mission.kickoffDate)
				}
			});
			return { id: deliverable.id, plan: (await loadMissionPlan(tx, mission.id, ctx.today()))! };
		})
	),

	update: publicProcedure.input(deliverableUpdateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const deliverable = await tx.deliverable.findUnique({ where: { id: input.deliverableId } });
			if (!deliverable) throw notFound('Livrable');
			const { deliverableId, dueRule, ...fields } = input;
			await tx.deliverable.update({
				where: { id: deliverableId },
				data: { ...fields, ...(dueRule ? ruleColumns(dueRule) : {}), version: { increment: 1 } }
			});
			return (await loadMissionPlan(tx, deliverable.missionId, ctx.today()))!;
		})
	),

	delete: publicProcedure.input(z.object({ deliverableId: id })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const deliverable = await tx.deliverable.findUnique({ where: { id: input.deliverableId } });
			if (!deliverable) throw notFound('Livrable');
			await tx.deliverable.delete({ where: { id: deliverable.id } });
			return (await loadMissionPlan(tx, deliverable.missionId, ctx.today()))!;
		})
	)
});
