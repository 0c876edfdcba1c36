// The mission as a GanttProject file (.gan).
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';

export const GET: RequestHandler = async (event) => {
	if (!event.locals.user) error(401, { message: 'Connectez-vous pour continuer.' });
	const caller = await serverCaller(event);
	const gan = await caller.documents.exportGanttProject({ missionId: event.params.id }).catch(pageError);
	return new Response(gan, {
		headers: {
			'content-type': 'application/xml; charset=utf-8',
			'content-disposition': `attachment; filename="jalon-${event.params.id}.gan"`
		}
	});
};
