import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';

export const load: PageServerLoad = async (event) => {
	const caller = await serverCaller(event);
	try {
		const [users, missions, templates] = await Promise.all([
			caller.admin.users(),
			caller.missions.list(),
			caller.admin.templates()
		]);
		return { users, missions, templates };
	} catch (error) {
		pageError(error);
	}
};
