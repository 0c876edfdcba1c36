// The programme's report for a period (?du=AAAA-MM-JJ&au=AAAA-MM-JJ) as a PDF for the buyer.
import type { RequestHandler } from './$types';
import { programmeReportPdf } from '$lib/server/programme-report-pdf';
import { reportForRoute } from '$lib/server/programme-report-route';

export const GET: RequestHandler = async (event) => {
	const { report, fileName } = await reportForRoute(event);
	return new Response(new Uint8Array(await programmeReportPdf(report)), {
		headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${fileName}.pdf"` }
	});
};
