// The mission as MS Project XML (MSPDI), for MS Project, ProjectLibre or GanttProject.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';

export const GET: RequestHandler = async (event) => {
	if (!event.locals.user) error(401, { message: 'Connectez-vous pour continuer.' });
	const caller = await serverCaller(event);
	const xml = await caller.documents.exportMspdi({ missionId: event.params.id }).catch(pageError);
	return new Response(xml, {
		headers: {
			'content-type': 'application/xml; charset=utf-8',
			'content-disposition': `attachment; filename="jalon-${event.params.id}.xml"`
		}
	});
};
