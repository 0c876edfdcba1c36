// Failed log-ins, counted over a sliding window (auth/login.ts).
import { column as c, columns, statement, table } from '../sql';

export interface FailureCount {
	n: number;
	/** The latest failure's createdAt, as stored. */
	last: string | null;
}

const count = (where: string) =>
	`SELECT COUNT(*) AS n, MAX(${c('LoginFailure', 'createdAt')}) AS last FROM ${table('LoginFailure')}
	WHERE ${where} AND ${c('LoginFailure', 'createdAt')} > ?`;

export const COUNT_FAILURES = {
	pair: statement<FailureCount, [email: string, address: string, since: string]>(
		count(`${c('LoginFailure', 'email')} = ? AND ${c('LoginFailure', 'address')} = ?`)
	),
	account: statement<FailureCount, [email: string, since: string]>(count(`${c('LoginFailure', 'email')} = ?`)),
	address: statement<FailureCount, [address: string, since: string]>(count(`${c('LoginFailure', 'address')} = ?`))
};

export const RESERVE_FAILURE = statement<never, [id: string, email: string, address: string, createdAt: string]>(
	`INSERT INTO ${table('LoginFailure')} (${columns('LoginFailure', ['id', 'email', 'address', 'createdAt'])})
	VALUES (?, ?, ?, ?)`
);
