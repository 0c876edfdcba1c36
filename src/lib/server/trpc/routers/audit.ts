// A mission's history: read-only, filterable by kind of object.
import { z } from 'zod';
import { id, text } from '$lib/schemas';
import { memberProcedure, router } from '../trpc';

export const auditRouter = router({
	list: memberProcedure
		.input(
			z.object({
				missionId: id,
				objectType: text('Le type d’objet', 40).optional(),
				limit: z.number().int().min(1).max(500).default(200)
			})
		)
		.query(async ({ ctx, input }) => {
			const events = await ctx.db.auditEvent.findMany({
				where: { missionId: input.missionId, ...(input.objectType ? { objectType: input.objectType } : {}) },
				orderBy: { at: 'desc' },
				take: input.limit
			});
			return events.map((e) => ({ ...e, at: e.at.toISOString() }));
		})
});
