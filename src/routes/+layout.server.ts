import type { LayoutServerLoad } from './$types';

// The session's id stays on the server.
export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user && { ...locals.user, sessionId: undefined }
});
