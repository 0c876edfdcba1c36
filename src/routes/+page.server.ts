import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/caller';

export const load: PageServerLoad = async (event) => {
	const caller = await serverCaller(event);
	const [missions, templates] = await Promise.all([caller.missions.list(), caller.documents.templates()]);
	return { missions, templates };
};
