import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { today } from '$lib/domain/dates';
import { getDatabase } from '$lib/server/db';
import { loadFinanceView } from '$lib/server/finance-data';
import { loadMissionPlan } from '$lib/server/mission-data';

export const load: PageServerLoad = async ({ params }) => {
	const db = await getDatabase();
	const [view, plan] = await Promise.all([
		loadFinanceView(db, params.id, today()),
		loadMissionPlan(db, params.id, today())
	]);
	if (!view || !plan) error(404, { message: 'Mission introuvable.' });
	return { view, plan };
};
