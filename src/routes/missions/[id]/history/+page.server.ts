import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';
import { groupHistory } from '$lib/domain/history';

export const load: PageServerLoad = async (event) => {
	const caller = await serverCaller(event);
	const missionId = event.params.id;
	const objectType = event.url.searchParams.get('objet') || undefined;
	try {
		const [plan, events] = await Promise.all([
			caller.missions.get({ missionId }),
			caller.audit.list({ missionId, objectType })
		]);
		// One row per user action (a move with its pushes, five presses of an arrow key), in French:
		// only what the page shows, not the stored codes and JSON.
		return { mission: plan.mission, entries: groupHistory(events), objectType: objectType ?? '' };
	} catch (error) {
		pageError(error);
	}
};
