// SqliteAccess: the connection Prisma uses, for the hot paths, behind the same lock (README.md).
import type BetterSqlite3 from 'better-sqlite3';
import { refuseAsync, WriteBatcher } from './batch';
import { ValueCache } from './cache';
import { Lock } from './lock';
import type { Statement } from './sql';
import { refuseInsideOwnTransaction } from './scope';

const CHANGE_STAMP = 'SELECT total_changes() AS changes, data_version AS version FROM pragma_data_version';

/**
 * Direct access to the connection Prisma uses, for the hot paths (page reads, dragging a bar):
 * a Prisma query costs ~1 ms of query compilation and row mapping, a prepared better-sqlite3
 * statement a few microseconds. It shares Prisma's lock, so raw reads never see another
 * request's open transaction and raw writes never run inside one.
 */
export class SqliteAccess {
	connection: BetterSqlite3.Database | null = null;
	/** True while a Prisma transaction holds the lock (its statements run on the connection). */
	transactionOpen = false;
	/** Counts Prisma transactions, so a transaction client is only used during its own. */
	transactionNumber = 0;
	readonly lock = new Lock();
	readonly #statements = new Map<string, BetterSqlite3.Statement>();
	readonly #cache = new ValueCache();
	readonly #batcher: WriteBatcher<SqliteAccess> = new WriteBatcher<SqliteAccess>({
		lock: this.lock,
		connection: () => this.#connection(),
		cache: this.#cache,
		stamp: () => this.#stamp(),
		access: this as SqliteAccess
	});
	/** Rows changed by neutralWrite, left out of the change stamp. */
	#neutralChanges = 0;
	/** Connections attached so far: a new connection counts its changes from 0 again. */
	#attached = 0;
	/** When a Prisma statement last ran (performance.now()): a holder that runs none is stuck. */
	lastStatementAt = performance.now();

	/** Commits made by batchedTransaction (tests check writes arriving together share them). */
	get batchCommits(): number {
		return this.#batcher.commits;
	}

	/** A prepared statement, compiled once per connection (SQL from queries/, see sql.ts). */
	statement(query: string | Statement<unknown, never>): BetterSqlite3.Statement {
		const sql = typeof query === 'string' ? query : query.sql;
		const connection = this.#connection();
		let statement = this.#statements.get(sql);
		if (!statement) {
			// The adapter turns on BigInt results for the whole connection; Prisma's Int columns fit a number.
			statement = connection.prepare(sql);
			if (statement.reader) statement.safeIntegers(false);
			this.#statements.set(sql, statement);
		}
		return statement;
	}

	/**
	 * A value computed from the database, reused until anything writes to it. The stamp is the
	 * connection's count of changed rows (every write of this process goes through it, rolled
	 * back ones included, which only costs a miss) and SQLite's data_version, which moves when
	 * another connection commits. Never called inside a transaction: uncommitted rows would be
	 * cached. Cached values are frozen, since every caller shares them.
	 */
	cached<T>(key: string, compute: () => T): T {
		if (this.transactionOpen || this.#connection().inTransaction) throw new Error('No caching inside a transaction');
		if (this.#fresh() && this.#cache.has(key)) return this.#cache.get<T>(key)!;
		return this.#cache.store(key, refuseAsync(compute(), 'cached()'));
	}

	/**
	 * The database's change stamp (the cache's key): equal stamps, nothing written in between by
	 * this process or another. Read under the lock, so no transaction is half done. For validators
	 * of what is built from the database (the mission page's early 304, http/page-validators.ts).
	 */
	changeStamp(): Promise<string> {
		return this.exclusive(() => this.#stamp());
	}

	/**
	 * A write that nothing cached and no page reads (a session's last-seen time, written once a
	 * minute by each signed-in user): run like exclusive(), and left out of the change stamp, so
	 * that it neither empties the cache nor makes unchanged pages render again. Only for single
	 * statements on such columns: any other write must move the stamp.
	 */
	neutralWrite<T>(work: (access: SqliteAccess) => T): Promise<T> {
		return this.exclusive((access) => {
			const before = this.#changes().changes;
			try {
				return work(access);
			} finally {
				this.#neutralChanges += this.#changes().changes - before;
			}
		});
	}

	/**
	 * The same for a value read through Prisma (asynchronous): stored only if nothing wrote
	 * while it was being read, so a value mixing rows from before and after a write is never kept.
	 */
	async cachedAsync<T>(key: string, compute: () => Promise<T>): Promise<T> {
		const before = await this.exclusive(() => ({
			hit: this.#fresh() && this.#cache.has(key),
			value: this.#cache.get<T>(key) as T,
			stamp: this.#cache.stamp
		}));
		if (before.hit) return before.value;
		const { stamp } = before;
		const value = await compute();
		return this.exclusive(() => (this.#fresh() && this.#cache.stamp === stamp ? this.#cache.store(key, value) : value));
	}

	/**
	 * A cached value if nothing has written since it was stored (usable inside a transaction,
	 * before writing), or one an earlier write of the same batch produced (`keepPending`).
	 */
	peek<T>(key: string): T | undefined {
		const pending = this.#cache.pending<T>(key);
		if (pending.found) return pending.value;
		return this.#fresh() ? this.#cache.get<T>(key) : undefined;
	}

	/**
	 * Inside batchedTransaction's work: the value this write produced, for the next writes of the
	 * batch, then cached once the batch commits (everything else cached is dropped, since the
	 * batch wrote). Not frozen: the next write of the same kind updates it, and nothing else reads
	 * it. Dropped if the batch does not commit.
	 */
	keepPending<T>(key: string, value: T): void {
		this.#cache.keepPending(key, value);
	}

	/**
	 * Like transaction(), for frequent small writes (dragging bars): writes that arrive while
	 * another is being written share the next commit, so with synchronous=FULL they wait for the
	 * disk once between them. Each runs in its own savepoint: a refused one rolls back alone, the
	 * others commit. Each caller gets its own result or error once the commit is done. The work
	 * must be synchronous: one returning a Promise is refused (AsyncWorkError) and rolled back.
	 */
	batchedTransaction<T>(work: (access: SqliteAccess) => T): Promise<T> {
		refuseInsideOwnTransaction(this, 'batchedTransaction()');
		return this.#batcher.run(work);
	}

	/**
	 * For /api/health: false when the lock has been held for more than `stuckAfterMs` without a
	 * statement running meanwhile (every query waits behind a holder that does nothing), or when
	 * the connection fails a `SELECT 1`. The probe runs beside the lock: it reads nothing, so it
	 * is safe inside another request's open transaction, and a long but live import does not
	 * make the server look down.
	 */
	answers(stuckAfterMs: number): boolean {
		const idle = performance.now() - this.lastStatementAt;
		if (this.lock.heldFor() > stuckAfterMs && idle > stuckAfterMs) return false;
		try {
			return this.statement('SELECT 1 AS ok').get() !== undefined;
		} catch {
			return false;
		}
	}

	/** How long the lock has been held by its current holder, in ms (0 when free). */
	lockHeldFor(): number {
		return this.lock.heldFor();
	}

	/** The SQL of every statement prepared so far (tests check their query plans). */
	preparedSql(): string[] {
		return [...this.#statements.keys()];
	}

	/**
	 * Runs synchronous work on the connection alone (no transaction of Prisma's is open). Refused
	 * inside one of this connection's own transactions (it would wait for itself), and refused
	 * when the work returns a Promise (what it awaits would run after the lock is released).
	 */
	async exclusive<T>(work: (access: SqliteAccess) => T): Promise<T> {
		refuseInsideOwnTransaction(this, 'exclusive()');
		const release = await this.lock.acquire();
		try {
			return refuseAsync(work(this), 'exclusive()');
		} finally {
			release();
		}
	}

	attach(connection: BetterSqlite3.Database): void {
		this.connection = connection;
		this.#statements.clear();
		this.#attached += 1;
		this.#neutralChanges = 0;
	}

	#connection(): BetterSqlite3.Database {
		if (!this.connection) throw new Error('SQLite connection not open yet');
		return this.connection;
	}

	#changes(): { changes: number; version: number } {
		return this.statement(CHANGE_STAMP).get() as { changes: number; version: number };
	}

	#stamp(): string {
		const { changes, version } = this.#changes();
		return `${this.#attached}:${changes - this.#neutralChanges}:${version}`;
	}

	/** Empties the cache if anything wrote since it was filled; true if it was still valid. */
	#fresh(): boolean {
		return this.#cache.sync(this.#stamp());
	}
}
