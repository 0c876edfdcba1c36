// What the report's two downloads (PDF, XLSX) share: the period from the address, the caller's
// report for it, and its refusals as pages (a malformed period is a 400, not a 500).
import { error, type RequestEvent } from '@sveltejs/kit';
import { serverCaller } from './caller';
import { pageError } from './page-error';

export async function reportForRoute(event: RequestEvent<{ id: string }>) {
	if (!event.locals.user) error(401, { message: 'Connectez-vous pour continuer.' });
	const from = event.url.searchParams.get('du') ?? '';
	const to = event.url.searchParams.get('au') ?? '';
	const caller = await serverCaller(event);
	// A refused period gets its French messages (pageError reads them from the validation), never
	// the validation's raw text.
	const report = await caller.programmes
		.report({ programmeId: event.params.id, from, to })
		.catch((e: unknown) => pageError(e, 'Programme'));
	return { report, fileName: `rapport-${from}-${to}` };
}
