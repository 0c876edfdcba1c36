import type { PageServerLoad } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';

const STATUSES = ['DRAFT', 'ACTIVE', 'COMPLETED', 'CANCELLED'] as const;

export const load: PageServerLoad = async (event) => {
	const q = event.url.searchParams;
	const status = STATUSES.find((s) => s === q.get('statut'));
	const filters = {
		programmeId: q.get('programme') || undefined,
		beneficiaryId: q.get('beneficiaire') || undefined,
		status,
		from: q.get('du') || undefined,
		to: q.get('au') || undefined
	};
	const caller = await serverCaller(event);
	try {
		return { portfolio: await caller.programmes.portfolio(filters), filters };
	} catch (error) {
		pageError(error);
	}
};
