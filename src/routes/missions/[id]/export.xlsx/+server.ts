// The mission as an Excel workbook.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';
import { missionWorkbook } from '$lib/server/spreadsheet';

export const GET: RequestHandler = async (event) => {
	if (!event.locals.user) error(401, { message: 'Connectez-vous pour continuer.' });
	const caller = await serverCaller(event);
	const missionId = event.params.id;
	const [plan, finance] = await Promise.all([
		caller.missions.get({ missionId }).catch(pageError),
		caller.finance.get({ missionId }).catch(pageError)
	]);
	const slug = (plan.mission.reference ?? missionId).replace(/[^\w-]+/g, '-');
	return new Response(new Uint8Array(await missionWorkbook(plan, finance)), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="jalon-${slug}.xlsx"`
		}
	});
};
