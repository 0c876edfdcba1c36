import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';

export const load: PageServerLoad = async (event) => {
	const caller = await serverCaller(event);
	try {
		const page = await caller.programmes.get({ programmeId: event.params.id });
		// Missions the caller may attach: those it can see (the API checks it coordinates them).
		const missions = page.beneficiaryScope === null ? await caller.missions.list() : [];
		return { page, missions: missions.map((m) => ({ id: m.id, title: m.title })) };
	} catch (error) {
		pageError(error, 'Programme');
	}
};
