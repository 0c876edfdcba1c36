import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { dev } from '$app/environment';
import { logIn, LoginError } from '$lib/server/auth/login';
import { safeRedirectPath as safeRedirect } from '$lib/server/auth/safe-redirect';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { getDatabase } from '$lib/server/db';
import { readForm, UNREADABLE_FORM } from '$lib/server/http/form';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return {};
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await readForm(request);
		if (!form) return fail(400, { email: '', message: UNREADABLE_FORM });
		const email = String(form.get('email') ?? '');
		const password = String(form.get('password') ?? '');
		if (!email.trim() || !password)
			return fail(400, { email, message: 'Saisissez votre adresse e-mail et votre mot de passe.' });
		const db = await getDatabase();
		try {
			const { token, expiresAt, user } = await logIn(db, email, password, getClientAddress());
			cookies.set(SESSION_COOKIE, token, {
				path: '/',
				httpOnly: true,
				sameSite: 'lax',
				// Browsers accept Secure cookies on http://localhost; a plain-http intranet needs the opt-out.
				secure: !dev && process.env.JALON_INSECURE_COOKIE !== '1',
				expires: expiresAt
			});
			const supervisesOnly =
				!user.isAdmin &&
				(await db.membership.count({ where: { userId: user.id, role: 'SUPERVISOR' } })) > 0 &&
				(await db.membership.count({ where: { userId: user.id, role: 'COORDINATOR' } })) === 0;
			// A one-time password is changed first (the hooks keep every other page away until then).
			if (user.mustChangePassword) redirect(303, '/account/password');
			const target = url.searchParams.get('redirectTo');
			// Supervisors land on their dashboard: "where do we stand?" in one screen.
			redirect(303, target ? safeRedirect(target) : supervisesOnly ? '/dashboard' : '/');
		} catch (error) {
			if (error instanceof LoginError)
				return fail(error.code === 'TOO_MANY_ATTEMPTS' ? 429 : error.code === 'ACCOUNT_DISABLED' ? 403 : 400, {
					email: email.slice(0, 254),
					message: error.message
				});
			throw error;
		}
	}
};
