// A mission's private iCalendar feed. The token in the URL is the only credential (calendar
// applications cannot log in); it is stored hashed and can be revoked.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { today } from '$lib/domain/dates';
import { buildMissionPlan } from '$lib/domain/mission-plan';
import { feedCreatorHasAccess } from '$lib/server/auth/accounts';
import { hashToken } from '$lib/server/auth/sessions';
import { missionCalendar, publicOrigin } from '$lib/server/calendar-feed';
import { getDatabase } from '$lib/server/db';
import { loadFinanceView } from '$lib/server/finance-data';
import { loadMissionRows } from '$lib/server/mission-data';

export const GET: RequestHandler = async ({ params, url }) => {
	const token = params.token.replace(/\.ics$/, '');
	const db = await getDatabase();
	const feed = await db.calendarFeed.findUnique({ where: { tokenHash: hashToken(token) } });
	// A feed dies with its creator's access (account disabled, no role left on the mission).
	if (!feed || feed.revokedAt || !(await feedCreatorHasAccess(db, feed)))
		error(404, { message: 'Abonnement inconnu ou révoqué.' });
	const rows = await loadMissionRows(db, feed.missionId);
	const finance = await loadFinanceView(db, feed.missionId, today());
	if (!rows || !finance) error(404, { message: 'Mission introuvable.' });
	const body = missionCalendar(
		buildMissionPlan(rows, today()),
		finance,
		`${publicOrigin(url)}/missions/${feed.missionId}`
	);
	return new Response(body, {
		headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' }
	});
};
