import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { today } from '$lib/domain/dates';
import { getDatabase } from '$lib/server/db';
import { createCaller } from '$lib/server/trpc/root';

export const load: PageServerLoad = async ({ params }) => {
	const caller = createCaller({ db: await getDatabase(), today: () => today() });
	try {
		const [plan, finance] = await Promise.all([
			caller.missions.get({ missionId: params.id }),
			caller.finance.get({ missionId: params.id })
		]);
		const trancheMarkers = finance.tranches.map(({ id, status, dueDate, statusLabel }) => ({
			id,
			status,
			dueDate,
			statusLabel
		}));
		return { plan, trancheMarkers };
	} catch {
		error(404, { message: 'Mission introuvable.' });
	}
};
