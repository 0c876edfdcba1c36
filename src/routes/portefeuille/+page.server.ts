import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';
import { filtersFromSearch } from '$lib/components/programmes/mission-filters';

export const load: PageServerLoad = async (event) => {
	const filters = filtersFromSearch(event.url.searchParams);
	const caller = await serverCaller(event);
	try {
		return { portfolio: await caller.programmes.portfolio(filters), filters };
	} catch (error) {
		pageError(error);
	}
};
