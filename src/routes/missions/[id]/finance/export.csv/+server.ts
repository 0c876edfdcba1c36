// CSV export of a mission's tranches and cost lines, for Excel in French.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serverCaller } from '$lib/server/caller';
import { financeCsv } from '$lib/server/finance-csv';
import { pageError } from '$lib/server/page-error';

export const GET: RequestHandler = async (event) => {
	if (!event.locals.user) error(401, { message: 'Connectez-vous pour continuer.' });
	const caller = await serverCaller(event);
	const view = await caller.finance.get({ missionId: event.params.id }).catch(pageError);
	const slug = (view.mission.reference ?? view.mission.id).replace(/[^\w-]+/g, '-');
	return new Response(financeCsv(view), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="jalon-finances-${slug}.csv"`
		}
	});
};
