// Password hashing with argon2id (@node-rs/argon2: prebuilt, no install script, no event-loop stall).
import { hash, verify } from '@node-rs/argon2';

export function hashPassword(password: string): Promise<string> {
	return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** Rules for a new password, in French. */
export function passwordProblem(password: string): string | null {
	if (password.length < 12) return 'Le mot de passe doit compter au moins 12 caractères.';
	if (password.length > 200) return 'Le mot de passe est trop long.';
	return null;
}
