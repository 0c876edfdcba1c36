// One place that decides which SQLite file Jalon uses: $DATABASE_URL, or data/jalon.db.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {string} a `file:` URL with an absolute path */
export function databaseUrl() {
	const fromEnv = process.env.DATABASE_URL;
	if (fromEnv) return fromEnv.startsWith('file:') ? fromEnv : `file:${path.resolve(fromEnv)}`;
	return `file:${path.join(projectRoot, 'data', 'jalon.db')}`;
}

/** @param {string} url */
export function databasePath(url = databaseUrl()) {
	return url.replace(/^file:/, '');
}
