// Who is calling, with which roles on a mission; one's own password.
import { z } from 'zod';
import { id } from '$lib/schemas';
import { changeOwnPassword } from '../../auth/accounts';
import { accountProcedure, memberProcedure, publicProcedure, router } from '../trpc';

export const authRouter = router({
	me: publicProcedure.query(({ ctx }) => ctx.user),
	rolesOn: memberProcedure.input(z.object({ missionId: id })).query(({ ctx }) => ({
		roles: ctx.roles,
		isAdmin: ctx.user?.isAdmin ?? false
	})),

	/** Needs the current password; ends the account's other sessions and its calendar feeds. */
	changePassword: accountProcedure
		.input(z.object({ currentPassword: z.string().max(1000), newPassword: z.string().max(1000) }))
		.mutation(async ({ ctx, input }) => {
			await changeOwnPassword(ctx.db, ctx.user!, input.currentPassword, input.newPassword);
			return { ok: true };
		})
});
