import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { changeOwnPassword } from '$lib/server/auth/accounts';
import { getDatabase } from '$lib/server/db';
import { readForm, UNREADABLE_FORM } from '$lib/server/http/form';
import { AppError } from '$lib/server/trpc/trpc';

export const load: PageServerLoad = ({ locals }) => ({ forced: locals.user?.mustChangePassword ?? false });

export const actions: Actions = {
	default: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/login');
		const form = await readForm(request);
		if (!form) return fail(400, { message: UNREADABLE_FORM });
		const current = String(form.get('current') ?? '');
		const next = String(form.get('next') ?? '');
		if (next !== String(form.get('confirm') ?? ''))
			return fail(400, { message: 'Les deux saisies du nouveau mot de passe diffèrent.' });
		try {
			await changeOwnPassword(await getDatabase(), locals.user, current, next);
		} catch (error) {
			if (error instanceof AppError) return fail(400, { message: error.message });
			throw error;
		}
		if (locals.user.mustChangePassword) redirect(303, '/');
		return { changed: true };
	}
};
