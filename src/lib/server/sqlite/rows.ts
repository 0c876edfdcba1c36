// Row types derived from Prisma's generated model types (rule 8 of README.md): a renamed or
// removed column changes these types, so the queries and their callers fail `npm run check`.
import type { Prisma } from '../generated/prisma/client';

/** Every model's scalar columns, by table name (Prisma.ModelName), as Prisma returns them. */
export type Tables = {
	[M in Prisma.ModelName]: Prisma.TypeMap['model'][M]['payload']['scalars'];
};
export type Table = keyof Tables;
export type Column<T extends Table> = keyof Tables[T] & string;

/** A value as better-sqlite3 returns it: booleans as 0/1, DateTime as the stored text. */
export type Stored<V> = V extends boolean ? 0 | 1 : V extends Date ? string : V;
/** A model's row as stored in SQLite. */
export type StoredRow<M> = { [K in keyof M]: Stored<M[K]> };

/** The columns of a model whose values are of type V (nullable ones included). */
export type ColumnsOf<M, V> = { [K in keyof M]-?: NonNullable<M[K]> extends V ? K : never }[keyof M];

/**
 * What must be converted to read a stored row back as Prisma returns it. Every DateTime and
 * Boolean column must be named (a Record over them): a new one fails the build until listed.
 */
export interface Conversions<M> {
	dates: Record<ColumnsOf<M, Date>, true>;
	booleans: Record<ColumnsOf<M, boolean>, true>;
}

/** A stored row as Prisma returns it (Date objects, booleans). */
export function toModel<M>(row: Record<string, unknown>, conversions: Conversions<M>): M {
	const out: Record<string, unknown> = { ...row };
	for (const key of Object.keys(conversions.dates)) {
		const value = out[key];
		if (value !== null && value !== undefined) out[key] = new Date(value as string | number);
	}
	for (const key of Object.keys(conversions.booleans)) {
		const value = out[key];
		if (value !== null && value !== undefined) out[key] = value === 1 || value === true;
	}
	return out as M;
}
