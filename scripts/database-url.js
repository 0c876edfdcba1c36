// One place that decides which database Jalon uses: $DATABASE_URL, or data/jalon.db.
// `file:…` is SQLite (the embedded default); `postgresql://…` (or `postgres://…`) is PostgreSQL.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} url @returns {'sqlite' | 'postgresql'} */
export function engineOf(url) {
	return /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite';
}

/** @returns {string} a `file:` URL with an absolute path, or a PostgreSQL URL as given */
export function databaseUrl() {
	const fromEnv = process.env.DATABASE_URL;
	if (fromEnv && engineOf(fromEnv) === 'postgresql') return fromEnv;
	if (fromEnv) return fromEnv.startsWith('file:') ? fromEnv : `file:${path.resolve(fromEnv)}`;
	return `file:${path.join(projectRoot, 'data', 'jalon.db')}`;
}

/** @param {string} url a `file:` URL */
export function databasePath(url = databaseUrl()) {
	return url.replace(/^file:/, '');
}

/** Where each engine's schema and migrations live: one source (SQLite's), the other generated. */
export const engineFiles = {
	sqlite: { schema: path.join('prisma', 'schema.prisma'), migrations: path.join('prisma', 'migrations') },
	postgresql: {
		schema: path.join('prisma', 'postgresql', 'schema.prisma'),
		migrations: path.join('prisma', 'postgresql', 'migrations')
	}
};
