// Private calendar feeds of a mission: create one (its URL is shown once), list, revoke.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hashToken } from '../../auth/sessions';
import { recordAudit } from '../../audit';
import { id } from '$lib/schemas';
import { memberProcedure, notFound, router } from '../trpc';

export const calendarRouter = router({
	feeds: memberProcedure.input(z.object({ missionId: id })).query(async ({ ctx, input }) => {
		const feeds = await ctx.db.calendarFeed.findMany({
			where: { missionId: input.missionId, createdById: ctx.user!.id, revokedAt: null },
			orderBy: { createdAt: 'asc' },
			select: { id: true, createdAt: true }
		});
		return feeds.map((f) => ({ id: f.id, createdAt: f.createdAt.toISOString() }));
	}),

	createFeed: memberProcedure.input(z.object({ missionId: id })).mutation(async ({ ctx, input }) => {
		const token = randomBytes(24).toString('base64url');
		await ctx.db.calendarFeed.create({
			data: { missionId: input.missionId, tokenHash: hashToken(token), createdById: ctx.user!.id }
		});
		return { path: `/calendar/${token}.ics` };
	}),

	revokeFeed: memberProcedure.input(z.object({ missionId: id, feedId: id })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const feed = await tx.calendarFeed.findUnique({ where: { id: input.feedId } });
			if (!feed || feed.missionId !== input.missionId || feed.createdById !== ctx.user!.id)
				throw notFound('Abonnement');
			await tx.calendarFeed.update({ where: { id: feed.id }, data: { revokedAt: new Date() } });
			await recordAudit(tx, ctx.user, {
				missionId: feed.missionId,
				objectType: 'calendarFeed',
				objectId: feed.id,
				action: 'delete'
			});
			return { ok: true };
		})
	)
});
