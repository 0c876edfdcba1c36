// Private calendar feeds of a mission: create one (its URL is shown once), list, revoke. Members
// see and revoke their own; coordination and administrators see and revoke every feed of the
// mission (a feed carries its deliverables and payments).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hashToken } from '../../auth/sessions';
import { recordAudit } from '../../audit';
import { id } from '$lib/schemas';
import type { MissionRole } from '../../generated/prisma/enums';
import type { AuthUser } from '../../auth/sessions';
import { memberProcedure, notFound, router } from '../trpc';

/** Coordination and administrators oversee every feed of the mission. */
function overseesFeeds(user: AuthUser, roles: readonly MissionRole[]): boolean {
	return user.isAdmin || roles.includes('COORDINATOR');
}

export const calendarRouter = router({
	feeds: memberProcedure.input(z.object({ missionId: id })).query(async ({ ctx, input }) => {
		const user = ctx.user!;
		const all = overseesFeeds(user, ctx.roles);
		const feeds = await ctx.db.calendarFeed.findMany({
			where: { missionId: input.missionId, revokedAt: null, ...(all ? {} : { createdById: user.id }) },
			orderBy: { createdAt: 'asc' },
			select: { id: true, createdAt: true, createdById: true }
		});
		const creators = await ctx.db.user.findMany({
			where: { id: { in: [...new Set(feeds.map((f) => f.createdById))] } },
			select: { id: true, name: true }
		});
		const nameOf = new Map(creators.map((c) => [c.id, c.name]));
		return feeds.map((f) => ({
			id: f.id,
			createdAt: f.createdAt.toISOString(),
			createdByName: nameOf.get(f.createdById) ?? 'compte supprimé',
			mine: f.createdById === user.id
		}));
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
			const allowed = feed && (feed.createdById === ctx.user!.id || overseesFeeds(ctx.user!, ctx.roles));
			if (!feed || feed.missionId !== input.missionId || feed.revokedAt || !allowed) throw notFound('Abonnement');
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
