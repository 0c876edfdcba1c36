// Full backup of a mission as one JSON document (docs/export-format.md).
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';

export const GET: RequestHandler = async (event) => {
	if (!event.locals.user) error(401, { message: 'Connectez-vous pour continuer.' });
	const caller = await serverCaller(event);
	const document = await caller.documents.exportMission({ missionId: event.params.id }).catch(pageError);
	const slug = (document.mission.reference ?? event.params.id).replace(/[^\w-]+/g, '-');
	return new Response(JSON.stringify(document, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="jalon-mission-${slug}.json"`
		}
	});
};
