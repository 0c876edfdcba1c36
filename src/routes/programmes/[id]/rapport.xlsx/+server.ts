// The programme's report for a period (?du=AAAA-MM-JJ&au=AAAA-MM-JJ) as an Excel workbook.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';
import { programmeReportWorkbook } from '$lib/server/programme-report-xlsx';

export const GET: RequestHandler = async (event) => {
	if (!event.locals.user) error(401, { message: 'Connectez-vous pour continuer.' });
	const from = event.url.searchParams.get('du') ?? '';
	const to = event.url.searchParams.get('au') ?? '';
	const caller = await serverCaller(event);
	const report = await caller.programmes.report({ programmeId: event.params.id, from, to }).catch((e: unknown) => {
		if (e instanceof Error && 'code' in e && e.code === 'BAD_REQUEST') error(400, { message: e.message });
		return pageError(e);
	});
	return new Response(new Uint8Array(await programmeReportWorkbook(report)), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="rapport-${from}-${to}.xlsx"`
		}
	});
};
