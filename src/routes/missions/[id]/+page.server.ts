import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';
import { planToPage } from '$lib/plan-codec';

export const load: PageServerLoad = async (event) => {
	const started = performance.now();
	const caller = await serverCaller(event);
	const missionId = event.params.id;
	try {
		const [plan, roles] = await Promise.all([caller.missions.get({ missionId }), caller.auth.rolesOn({ missionId })]);
		// The chart's tranche markers come from the plan, as the finance view's tranches do (same
		// derivation, same order): finance.get would rebuild the whole finance view through eight
		// Prisma queries on every first visit after a write, for four fields a tranche.
		const trancheMarkers = plan.tranches.map(({ id, status, dueDate, statusLabel }) => ({
			id,
			status,
			dueDate,
			statusLabel
		}));
		// Packed (row objects tripled the page's size at 3 000 tasks) and serialised once per plan.
		const data = { plan: planToPage(plan), trancheMarkers, roles };
		if (event.locals.serverTiming) event.locals.serverTiming.load = performance.now() - started;
		return data;
	} catch (error) {
		pageError(error);
	}
};
