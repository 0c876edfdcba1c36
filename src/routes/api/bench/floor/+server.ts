// The stack's floor for `npm run bench`: a bare SvelteKit endpoint returning constant JSON, so
// API figures can be printed as ratios against it. Answers 404 unless JALON_BENCH=1.
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

const BODY = { status: 'ok', items: [1, 2, 3] };

export const GET: RequestHandler = () => {
	if (process.env.JALON_BENCH !== '1') error(404, { message: 'Introuvable.' });
	return json(BODY);
};
