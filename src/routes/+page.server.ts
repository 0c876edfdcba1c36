import type { PageServerLoad } from './$types';
import { today } from '$lib/domain/dates';
import { getDatabase } from '$lib/server/db';
import { createCaller } from '$lib/server/trpc/root';

export const load: PageServerLoad = async () => {
	const caller = createCaller({ db: await getDatabase(), today: () => today() });
	return { missions: await caller.missions.list() };
};
