// Write batching (rule 6 of README.md): small synchronous writes that arrive together share one
// commit, each in its own savepoint.
import type BetterSqlite3 from 'better-sqlite3';
import type { ValueCache } from './cache';
import type { Lock } from './lock';

interface BatchedWrite<A> {
	work: (access: A) => unknown;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
	return (
		(typeof value === 'object' || typeof value === 'function') &&
		value !== null &&
		typeof (value as { then?: unknown }).then === 'function'
	);
}

/**
 * A developer error: work on the connection must be synchronous. What a function runs after its
 * first `await` would run once the lock is released, outside the transaction or batch it was
 * written for, beside other requests' statements.
 */
export class AsyncWorkError extends Error {
	constructor(where: string) {
		super(
			`${where} takes synchronous work only: this function returned a Promise, and what it runs after ` +
				'its first await would run outside the transaction. Read what you need first, then pass a ' +
				'function that does not await.'
		);
		this.name = 'AsyncWorkError';
	}
}

/** Throws AsyncWorkError when synchronous work returned a Promise (an async function). */
export function refuseAsync<T>(value: T, where: string): T {
	if (isThenable(value)) {
		// The Promise may still reject later: nobody would hear it.
		(value as PromiseLike<unknown>).then(undefined, () => undefined);
		throw new AsyncWorkError(where);
	}
	return value;
}

export class WriteBatcher<A> {
	#batch: BatchedWrite<A>[] = [];
	#flushScheduled = false;
	/** Commits made so far (tests check writes arriving together share them). */
	commits = 0;

	constructor(
		private readonly host: {
			lock: Lock;
			connection(): BetterSqlite3.Database;
			cache: ValueCache;
			/** The database's change stamp, read after the commit. */
			stamp(): string;
			access: A;
		}
	) {}

	run<T>(work: (access: A) => T): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.#batch.push({ work, resolve: resolve as (value: unknown) => void, reject });
			if (!this.#flushScheduled) {
				this.#flushScheduled = true;
				setImmediate(() => void this.#flush());
			}
		});
	}

	async #flush(): Promise<void> {
		const { lock, cache, access } = this.host;
		const release = await lock.acquire();
		// Everything queued until now, including writes that arrived while waiting for the lock.
		const batch = this.#batch.splice(0);
		this.#flushScheduled = false;
		const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
		let connection: BetterSqlite3.Database | null = null;
		cache.beginBatch();
		try {
			connection = this.host.connection();
			connection.exec('BEGIN');
			for (const write of batch) {
				connection.exec('SAVEPOINT batched_write');
				try {
					outcomes.push({ ok: true, value: refuseAsync(write.work(access), 'batchedTransaction()') });
					connection.exec('RELEASE batched_write');
				} catch (error) {
					connection.exec('ROLLBACK TO batched_write');
					connection.exec('RELEASE batched_write');
					outcomes.push({ ok: false, error });
				}
			}
			connection.exec('COMMIT');
			this.commits += 1;
			cache.commitBatch(this.host.stamp());
		} catch (error) {
			// The commit itself failed: nothing was written, every caller hears it.
			cache.dropBatch();
			try {
				if (connection?.inTransaction) connection.exec('ROLLBACK');
			} catch (rollbackError) {
				console.error('Jalon: échec du ROLLBACK d’un lot d’écritures', rollbackError);
			}
			outcomes.length = 0;
			for (let i = 0; i < batch.length; i += 1) outcomes.push({ ok: false, error });
		} finally {
			release();
		}
		batch.forEach((write, i) => {
			const outcome = outcomes[i]!;
			if (outcome.ok) write.resolve(outcome.value);
			else write.reject(outcome.error);
		});
	}
}
