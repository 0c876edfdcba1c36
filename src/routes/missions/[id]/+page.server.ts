import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';
import { packPlan } from '$lib/plan-codec';

export const load: PageServerLoad = async (event) => {
	const caller = await serverCaller(event);
	const missionId = event.params.id;
	try {
		const [plan, finance] = await Promise.all([caller.missions.get({ missionId }), caller.finance.get({ missionId })]);
		const trancheMarkers = finance.tranches.map(({ id, status, dueDate, statusLabel }) => ({
			id,
			status,
			dueDate,
			statusLabel
		}));
		// Packed: the page carries the plan inline, and row objects tripled its size (3 000 tasks).
		return { plan: packPlan(plan), trancheMarkers, roles: await caller.auth.rolesOn({ missionId }) };
	} catch (error) {
		pageError(error);
	}
};
