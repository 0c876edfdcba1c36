import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';

export const load: PageServerLoad = async (event) => {
	const caller = await serverCaller(event);
	const missionId = event.params.id;
	const objectType = event.url.searchParams.get('objet') || undefined;
	try {
		const [plan, events] = await Promise.all([
			caller.missions.get({ missionId }),
			caller.audit.list({ missionId, objectType })
		]);
		// Only what the page shows: the French display, not the stored codes and JSON.
		const shown = events.map(({ id, at, actorName, objectType, display }) => ({
			id,
			at,
			actorName,
			objectType,
			display
		}));
		return { mission: plan.mission, events: shown, objectType: objectType ?? '' };
	} catch (error) {
		pageError(error);
	}
};
