// The mission as an Excel workbook.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';
import { checkPlanForRoute, heavyForRoute } from '$lib/server/heavy';

export const GET: RequestHandler = async (event) => {
	if (!event.locals.user) error(401, { message: 'Connectez-vous pour continuer.' });
	const caller = await serverCaller(event);
	const missionId = event.params.id;
	const [plan, finance] = await Promise.all([
		caller.missions.get({ missionId }).catch(pageError),
		caller.finance.get({ missionId }).catch(pageError)
	]);
	checkPlanForRoute({ tasks: plan.tasks, dates: plan.deliverables.map((d) => d.plannedDate) });
	// Built in a worker thread, so a big workbook does not hold other requests.
	const workbook = await heavyForRoute('missionWorkbook', [plan, finance]);
	const slug = (plan.mission.reference ?? missionId).replace(/[^\w-]+/g, '-');
	return new Response(workbook, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="jalon-${slug}.xlsx"`
		}
	});
};
