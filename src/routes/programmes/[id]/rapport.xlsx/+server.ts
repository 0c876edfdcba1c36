// The programme's report for a period (?du=AAAA-MM-JJ&au=AAAA-MM-JJ) as an Excel workbook.
import type { RequestHandler } from './$types';
import { programmeReportWorkbook } from '$lib/server/programme-report-xlsx';
import { reportForRoute } from '$lib/server/programme-report-route';

export const GET: RequestHandler = async (event) => {
	const { report, fileName } = await reportForRoute(event);
	return new Response(new Uint8Array(await programmeReportWorkbook(report)), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${fileName}.xlsx"`
		}
	});
};
