// Which transaction, if any, the running code is inside (rule 3 of README.md). The root client
// waits for the lock its own open transaction holds: without this check, a call on the root
// client from inside `$transaction(async (tx) => …)` would wait until the transaction times out.
import { AsyncLocalStorage } from 'node:async_hooks';

interface TransactionOwner {
	transactionOpen: boolean;
	transactionNumber: number;
}

const scope = new AsyncLocalStorage<{ owner: TransactionOwner; number: number }>();

/** Runs a transaction's callback, marking everything it starts as inside that transaction. */
export function insideTransaction<T>(owner: TransactionOwner, run: () => T): T {
	return scope.run({ owner, number: owner.transactionNumber }, run);
}

export class RootClientInTransactionError extends Error {
	constructor(what: string) {
		super(
			`${what} on the root database client inside one of its own transactions: it would wait for the ` +
				'lock that transaction holds until the transaction times out. Use the transaction client (tx) ' +
				'passed to the $transaction callback instead.'
		);
		this.name = 'RootClientInTransactionError';
	}
}

/** Throws when called from inside a still-open transaction of the same connection. */
export function refuseInsideOwnTransaction(owner: TransactionOwner, what: string): void {
	const current = scope.getStore();
	if (current && current.owner === owner && owner.transactionOpen && owner.transactionNumber === current.number) {
		throw new RootClientInTransactionError(what);
	}
}

/**
 * Runs `work` as if it came from outside any transaction: for work a transaction starts but
 * deliberately does not await (a test standing in for another request), which may wait for the lock.
 */
export function outsideTransaction<T>(work: () => T): T {
	return scope.exit(work);
}
