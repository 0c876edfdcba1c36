// Failures that reveal bad input rather than a fault of the server: the database refusing an id
// of nothing or a duplicate, Prisma's engine unable to encode a lone surrogate, a date computed
// past the calendar. They become typed refusals with a French message (trpc.ts), never a 500
// carrying a library's message.
import { EARLIEST_DATE, LATEST_DATE, formatDateFr } from '$lib/domain/dates';

export interface Refusal {
	appCode: 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT';
	message: string;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether any string in a parsed JSON value (keys included) holds a lone UTF-16 surrogate. */
export function holdsLoneSurrogate(value: unknown, depth = 0): boolean {
	if (typeof value === 'string') return LONE_SURROGATE.test(value);
	if (depth > 64 || value === null || typeof value !== 'object') return false;
	if (Array.isArray(value)) return value.some((item) => holdsLoneSurrogate(item, depth + 1));
	return Object.entries(value).some(([key, item]) => LONE_SURROGATE.test(key) || holdsLoneSurrogate(item, depth + 1));
}

const UNKNOWN_ID: Refusal = {
	appCode: 'NOT_FOUND',
	message: 'Un identifiant de la requête ne désigne aucun objet existant : rechargez la page.'
};
const DUPLICATE: Refusal = {
	appCode: 'CONFLICT',
	message: 'Cet élément existe déjà : deux éléments ne peuvent pas porter la même clé.'
};
const OUT_OF_BOUNDS: Refusal = { appCode: 'VALIDATION', message: 'Une valeur dépasse les limites acceptées.' };

// Prisma's codes (https://www.prisma.io/docs/orm/reference/error-reference) and better-sqlite3's.
const BY_CODE: Record<string, Refusal> = {
	P2003: UNKNOWN_ID,
	P2025: { appCode: 'NOT_FOUND', message: 'L’objet visé n’existe plus : rechargez la page.' },
	P2002: DUPLICATE,
	P2000: OUT_OF_BOUNDS,
	P2020: OUT_OF_BOUNDS,
	P2033: OUT_OF_BOUNDS,
	SQLITE_CONSTRAINT_FOREIGNKEY: UNKNOWN_ID,
	SQLITE_CONSTRAINT_UNIQUE: DUPLICATE,
	SQLITE_CONSTRAINT_PRIMARYKEY: DUPLICATE
};

const BAD_DATE = /^(Invalid calendar date|Invalid Date|Invalid time value)/;

export function refusalFor(cause: unknown, rawInput: unknown): Refusal | null {
	if (holdsLoneSurrogate(rawInput)) {
		return {
			appCode: 'VALIDATION',
			message: 'Un texte contient un caractère invalide (moitié de caractère Unicode isolée) : retirez-le.'
		};
	}
	if (cause instanceof RangeError && BAD_DATE.test(cause.message)) {
		return {
			appCode: 'VALIDATION',
			message: `Une date sortirait du calendrier accepté (du ${formatDateFr(EARLIEST_DATE)} au ${formatDateFr(LATEST_DATE)}).`
		};
	}
	// Through the driver adapter, SQLite's own code is the reliable one: the adapter reports a
	// trigger's RAISE(ABORT) as P2003 too, and that is the server's failure, not bad input.
	const failure = cause as {
		code?: unknown;
		meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
	} | null;
	const sqliteCode = failure?.meta?.driverAdapterError?.cause?.originalCode;
	const code = sqliteCode ?? failure?.code;
	return typeof code === 'string' ? (BY_CODE[code] ?? null) : null;
}
