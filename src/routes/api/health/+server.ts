import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDatabase } from '$lib/server/db';

/** 200 once the database answers a query, 503 otherwise. */
export const GET: RequestHandler = async () => {
	try {
		const db = await getDatabase();
		await db.$queryRawUnsafe('SELECT 1');
		return json({ status: 'ok' });
	} catch {
		return json({ status: 'unavailable' }, { status: 503 });
	}
};
