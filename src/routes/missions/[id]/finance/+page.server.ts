import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';

export const load: PageServerLoad = async (event) => {
	const caller = await serverCaller(event);
	const missionId = event.params.id;
	try {
		const [view, plan, roles] = await Promise.all([
			caller.finance.get({ missionId }),
			caller.missions.get({ missionId }),
			caller.auth.rolesOn({ missionId })
		]);
		return { view, plan, roles };
	} catch (error) {
		pageError(error);
	}
};
