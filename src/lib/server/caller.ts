// The API called in-process by page loads, as the signed-in user: the same role checks apply.
import type { RequestEvent } from '@sveltejs/kit';
import { today } from '$lib/domain/dates';
import { getDatabase } from './db';
import { createCaller } from './trpc/root';

export async function serverCaller(event: Pick<RequestEvent, 'locals'>) {
	return createCaller({ db: await getDatabase(), today: () => today(), user: event.locals.user });
}
