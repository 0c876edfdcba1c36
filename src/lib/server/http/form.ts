// Form posts (log-in, password change) whose body cannot be read as a form: a multipart body cut
// short, a wrong boundary, a body over the size limit. They are refused (400) with a French
// message instead of failing with the parser's error (a 500).

export const UNREADABLE_FORM = 'Formulaire illisible : rechargez la page et envoyez-le de nouveau.';

/** The posted form, or null when its body is not a readable form. */
export async function readForm(request: Request): Promise<FormData | null> {
	try {
		return await request.formData();
	} catch {
		return null;
	}
}
