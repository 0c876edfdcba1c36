import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { revokeSession, SESSION_COOKIE } from '$lib/server/auth/sessions';
import { getDatabase } from '$lib/server/db';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		if (locals.sessionToken) await revokeSession(await getDatabase(), locals.sessionToken);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login');
	}
};
