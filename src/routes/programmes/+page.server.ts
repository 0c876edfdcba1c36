import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/caller';

export const load: PageServerLoad = async (event) => {
	const caller = await serverCaller(event);
	return { programmes: await caller.programmes.list() };
};
