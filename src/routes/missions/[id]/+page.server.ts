import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { today } from '$lib/domain/dates';
import { getDatabase } from '$lib/server/db';
import { createCaller } from '$lib/server/trpc/root';

export const load: PageServerLoad = async ({ params }) => {
	const caller = createCaller({ db: await getDatabase(), today: () => today() });
	try {
		return { plan: await caller.missions.get({ missionId: params.id }) };
	} catch {
		error(404, { message: 'Mission introuvable.' });
	}
};
