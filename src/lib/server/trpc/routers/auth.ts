// Who is calling, and with which roles on a mission.
import { z } from 'zod';
import { id } from '$lib/schemas';
import { memberProcedure, publicProcedure, router } from '../trpc';

export const authRouter = router({
	me: publicProcedure.query(({ ctx }) => ctx.user),
	rolesOn: memberProcedure.input(z.object({ missionId: id })).query(({ ctx }) => ({
		roles: ctx.roles,
		isAdmin: ctx.user?.isAdmin ?? false
	}))
});
