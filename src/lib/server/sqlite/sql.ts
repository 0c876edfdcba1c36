// Typed statements (rule 8 of README.md): tables and columns are named through the model types
// of rows.ts, so a renamed column fails the build, and each statement knows its row type.
import type { SqliteAccess } from './access';
import type { Column, StoredRow, Table, Tables } from './rows';

/** A table's name, quoted; only tables Prisma generates are accepted. */
export function table<T extends Table>(name: T): string {
	return `"${name}"`;
}

/** Columns of a table, quoted and comma-separated, optionally prefixed (`t."id", t."name"`). */
export function columns<T extends Table>(_table: T, names: readonly Column<T>[], alias?: string): string {
	return names.map((name) => column(_table, name, alias)).join(', ');
}

/** One column of a table, quoted: for WHERE, SET and ORDER BY clauses. */
export function column<T extends Table>(_table: T, name: Column<T>, alias?: string): string {
	return `${alias ? `${alias}.` : ''}"${name}"`;
}

/** A statement whose rows have type R and whose parameters are P (types only; the SQL is text). */
export interface Statement<R, P extends unknown[]> {
	readonly sql: string;
	/** Type carriers, never set. */
	readonly row?: R;
	readonly params?: (...params: P) => void;
}

export function statement<R = never, P extends unknown[] = unknown[]>(sql: string): Statement<R, P> {
	return { sql };
}

/** Some columns of a table's row, as stored (booleans 0/1, DateTime as text). */
export type Picked<T extends Table, K extends Column<T>> = Pick<StoredRow<Tables[T]>, K>;

export function get<R, P extends unknown[]>(access: SqliteAccess, query: Statement<R, P>, ...params: P): R | undefined {
	return access.statement(query.sql).get(...params) as R | undefined;
}

export function all<R, P extends unknown[]>(access: SqliteAccess, query: Statement<R, P>, ...params: P): R[] {
	return access.statement(query.sql).all(...params) as R[];
}

export function run<P extends unknown[]>(access: SqliteAccess, query: Statement<unknown, P>, ...params: P) {
	return access.statement(query.sql).run(...params);
}
