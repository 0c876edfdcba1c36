import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase, healthTimeoutFromEnv, sqliteOf } from '$lib/server/db';

/** 200 once the database answers a query, 503 when it does not answer or its lock is stuck. */
export const GET: RequestHandler = async () => {
	try {
		const db = await getDatabase();
		if (sqliteOf(db).answers(healthTimeoutFromEnv())) return json({ status: 'ok' });
	} catch {
		// not open yet, or the connection fails: unavailable
	}
	return json({ status: 'unavailable' }, { status: 503, headers: { 'cache-control': 'no-store' } });
};
