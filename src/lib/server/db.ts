// The one Prisma client of the process, on the better-sqlite3 driver adapter.
//
// Why the lock: the adapter shares one SQLite connection between all requests and only locks
// around transactions, so another request's write issued while an interactive transaction is
// open would run inside it and vanish if it rolls back (measured: 100 of 200 confirmed writes
// lost). Here every statement outside a transaction waits for the same lock as transactions do,
// so interactive transactions are safe to use.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { PrismaClient, type Prisma } from './generated/prisma/client';

type Release = () => void;

/** Lock waits longer than this are logged: something held the database that long. */
const LONG_WAIT_MS = 1000;

/** A FIFO lock: one holder at a time. Knows since when it is held, for /api/health. */
class Lock {
	#tail: Promise<void> = Promise.resolve();
	/** When the current holder got the lock (performance.now()), or null when free. */
	#heldSince: number | null = null;
	#waiting = 0;

	acquire(): Promise<Release> {
		let release!: Release;
		const next = new Promise<void>((resolve) => (release = resolve));
		const asked = performance.now();
		this.#waiting += 1;
		const ready = this.#tail.then(() => {
			this.#waiting -= 1;
			const now = performance.now();
			this.#heldSince = now;
			if (now - asked > LONG_WAIT_MS) {
				console.warn(`Jalon: attente du verrou SQLite de ${Math.round(now - asked)} ms`);
			}
			// Released once only, whatever path calls it (commit, rollback, a failed COMMIT).
			let released = false;
			return () => {
				if (released) return;
				released = true;
				this.#heldSince = null;
				release();
			};
		});
		this.#tail = this.#tail.then(() => next);
		return ready;
	}

	/** How long the current holder has held the lock, in ms (0 when free). */
	heldFor(): number {
		return this.#heldSince === null ? 0 : performance.now() - this.#heldSince;
	}

	/** Callers waiting for the lock. */
	get waiting(): number {
		return this.#waiting;
	}
}

type Query = { sql: string; args: unknown[] };
type Transaction = {
	queryRaw(query: Query): Promise<unknown>;
	commit(): Promise<void>;
	rollback(): Promise<void>;
	executeRaw(query: Query): Promise<number>;
};
type Adapter = {
	/** The adapter's better-sqlite3 connection (a public field of its class). */
	client: BetterSqlite3.Database;
	queryRaw(query: Query): Promise<unknown>;
	executeRaw(query: Query): Promise<number>;
	executeScript(script: string): Promise<void>;
	startTransaction(isolationLevel?: string): Promise<Transaction>;
};

interface BatchedWrite {
	work: (access: SqliteAccess) => unknown;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

const CHANGE_STAMP = 'SELECT total_changes() AS changes, data_version AS version FROM pragma_data_version';
const CACHE_ENTRIES = 200;

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}

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
	readonly #cache = new Map<string, unknown>();
	#cacheStamp = '';
	/** Writes waiting for the next shared commit, and values they produced (see batchedTransaction). */
	#batch: BatchedWrite[] = [];
	#flushScheduled = false;
	#pending: Map<string, unknown> | null = null;
	/** Commits made by batchedTransaction (tests check writes arriving together share them). */
	batchCommits = 0;

	/** A prepared statement, compiled once per connection. */
	statement(sql: string): BetterSqlite3.Statement {
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
		if (this.#fresh() && this.#cache.has(key)) return this.#cache.get(key) as T;
		return this.#store(key, compute());
	}

	/**
	 * The same for a value read through Prisma (asynchronous): stored only if nothing wrote
	 * while it was being read, so a value mixing rows from before and after a write is never kept.
	 */
	async cachedAsync<T>(key: string, compute: () => Promise<T>): Promise<T> {
		const before = await this.exclusive(() => ({
			hit: this.#fresh() && this.#cache.has(key),
			value: this.#cache.get(key) as T,
			stamp: this.#cacheStamp
		}));
		if (before.hit) return before.value;
		const { stamp } = before;
		const value = await compute();
		return this.exclusive(() => (this.#fresh() && this.#cacheStamp === stamp ? this.#store(key, value) : value));
	}

	/**
	 * A cached value if nothing has written since it was stored (usable inside a transaction,
	 * before writing), or one an earlier write of the same batch produced (`keepPending`).
	 */
	peek<T>(key: string): T | undefined {
		if (this.#pending?.has(key)) return this.#pending.get(key) as T;
		return this.#fresh() ? (this.#cache.get(key) as T | undefined) : undefined;
	}

	/**
	 * Inside batchedTransaction's work: the value this write produced, for the next writes of the
	 * batch, then cached once the batch commits (everything else cached is dropped, since the
	 * batch wrote). Not frozen: the next write of the same kind updates it, and nothing else reads
	 * it. Dropped if the batch does not commit.
	 */
	keepPending<T>(key: string, value: T): void {
		if (!this.#pending) throw new Error('keepPending() is for batchedTransaction work');
		this.#pending.set(key, value);
	}

	/**
	 * Like transaction(), for frequent small writes (dragging bars): writes that arrive while
	 * another is being written share the next commit, so with synchronous=FULL they wait for the
	 * disk once between them. Each runs in its own savepoint: a refused one rolls back alone, the
	 * others commit. Each caller gets its own result or error once the commit is done.
	 */
	batchedTransaction<T>(work: (access: SqliteAccess) => T): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.#batch.push({ work, resolve: resolve as (value: unknown) => void, reject });
			if (!this.#flushScheduled) {
				this.#flushScheduled = true;
				setImmediate(() => void this.#flush());
			}
		});
	}

	async #flush(): Promise<void> {
		const release = await this.lock.acquire();
		// Everything queued until now, including writes that arrived while waiting for the lock.
		const batch = this.#batch.splice(0);
		this.#flushScheduled = false;
		const connection = this.#connection();
		const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
		this.#pending = new Map();
		try {
			connection.exec('BEGIN');
			for (const write of batch) {
				connection.exec('SAVEPOINT batched_write');
				try {
					outcomes.push({ ok: true, value: write.work(this) });
					connection.exec('RELEASE batched_write');
				} catch (error) {
					connection.exec('ROLLBACK TO batched_write');
					connection.exec('RELEASE batched_write');
					outcomes.push({ ok: false, error });
				}
			}
			connection.exec('COMMIT');
			this.batchCommits += 1;
			const produced = this.#pending;
			this.#pending = null;
			this.#cache.clear();
			this.#fresh();
			for (const [key, value] of produced) this.#store(key, value, false);
		} catch (error) {
			// The commit itself failed: nothing was written, every caller hears it.
			this.#pending = null;
			try {
				if (connection.inTransaction) connection.exec('ROLLBACK');
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

	/** Empties the cache if anything wrote since it was filled; true if it was still valid. */
	#fresh(): boolean {
		const { changes, version } = this.statement(CHANGE_STAMP).get() as { changes: number; version: number };
		const stamp = `${changes}:${version}`;
		if (stamp === this.#cacheStamp) return true;
		this.#cache.clear();
		this.#cacheStamp = stamp;
		return false;
	}

	#store<T>(key: string, value: T, freeze = true): T {
		const frozen = freeze ? deepFreeze(value) : value;
		if (this.#cache.size >= CACHE_ENTRIES) this.#cache.delete(this.#cache.keys().next().value!);
		this.#cache.set(key, frozen);
		return frozen;
	}

	/** When a Prisma statement last ran (performance.now()): a holder that runs none is stuck. */
	lastStatementAt = performance.now();

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

	/** Runs synchronous work on the connection alone (no transaction of Prisma's is open). */
	async exclusive<T>(work: (access: SqliteAccess) => T): Promise<T> {
		const release = await this.lock.acquire();
		try {
			return work(this);
		} finally {
			release();
		}
	}

	#connection(): BetterSqlite3.Database {
		if (!this.connection) throw new Error('SQLite connection not open yet');
		return this.connection;
	}

	attach(connection: BetterSqlite3.Database): void {
		this.connection = connection;
		this.#statements.clear();
	}
}

/** Longest run of statements before other requests get a turn of the event loop. */
const TURN_MS = 10;
let turnStartedAt = performance.now();

/**
 * The adapter answers synchronously (better-sqlite3), so a chain of awaited Prisma statements
 * (an import creating 1 500 tasks) resolves through microtasks alone and never lets the event
 * loop serve anything else: measured, /api/health waited 23 s. Every TURN_MS, a statement
 * waits for the next turn of the event loop first. Inside a transaction the lock stays held;
 * requests that need no database (and /api/health) are served meanwhile.
 */
async function yieldWhenBusy(access: SqliteAccess): Promise<void> {
	const now = performance.now();
	access.lastStatementAt = now;
	if (now - turnStartedAt < TURN_MS) return;
	await new Promise<void>((resolve) => setImmediate(resolve));
	turnStartedAt = performance.now();
	access.lastStatementAt = turnStartedAt;
}

function serializeAdapter(adapter: Adapter, access: SqliteAccess): Adapter {
	const lock = access.lock;
	access.attach(adapter.client);
	const exclusive =
		<A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
		async (...args: A): Promise<R> => {
			const release = await lock.acquire();
			try {
				await yieldWhenBusy(access);
				return await run(...args);
			} finally {
				release();
			}
		};
	const queryRaw = adapter.queryRaw.bind(adapter);
	const executeRaw = adapter.executeRaw.bind(adapter);
	const executeScript = adapter.executeScript.bind(adapter);
	const startTransaction = adapter.startTransaction.bind(adapter);
	adapter.queryRaw = exclusive(queryRaw);
	adapter.executeRaw = exclusive(executeRaw);
	adapter.executeScript = exclusive(executeScript);
	adapter.startTransaction = async (isolationLevel) => {
		const release = await lock.acquire();
		let transaction: Transaction;
		try {
			transaction = await startTransaction(isolationLevel);
		} catch (error) {
			release();
			throw error;
		}
		access.transactionOpen = true;
		access.transactionNumber += 1;
		const commit = transaction.commit.bind(transaction);
		const rollback = transaction.rollback.bind(transaction);
		let ended = false;
		const end = () => {
			if (ended) return;
			ended = true;
			access.transactionOpen = false;
			release();
		};
		transaction.commit = async () => {
			try {
				await commit();
			} finally {
				end();
			}
		};
		transaction.rollback = async () => {
			try {
				await rollback();
			} finally {
				end();
			}
		};
		// Prisma sends COMMIT / ROLLBACK as a statement, then calls commit() / rollback() only if
		// that statement succeeded. When it fails (disk full, I/O error, a deferred constraint),
		// SQLite may leave the transaction open and nothing would release the lock: every later
		// query, /api/health included, would wait forever. Close everything here instead.
		const queryInTransaction = transaction.queryRaw.bind(transaction);
		transaction.queryRaw = async (query: Query) => {
			await yieldWhenBusy(access);
			return queryInTransaction(query);
		};
		const executeInTransaction = transaction.executeRaw.bind(transaction);
		transaction.executeRaw = async (query: Query) => {
			const ending = /^\s*(COMMIT|ROLLBACK)\b/i.test(query.sql);
			try {
				await yieldWhenBusy(access);
				return await executeInTransaction(query);
			} catch (error) {
				if (ending) {
					try {
						if (adapter.client.inTransaction) adapter.client.exec('ROLLBACK');
					} catch (rollbackError) {
						console.error('Jalon: échec du ROLLBACK après un échec de fin de transaction', rollbackError);
					}
					// The adapter's own transaction mutex, then ours.
					await rollback().catch(() => undefined);
					end();
				}
				throw error;
			}
		};
		return transaction;
	};
	return adapter;
}

export type Database = PrismaClient;
type Reader = Database | Prisma.TransactionClient;

const accessOf = new WeakMap<object, { access: SqliteAccess; inTransaction: boolean; transactionNumber?: number }>();

/**
 * Runs synchronous work on the connection behind a client: for the root client, under the lock;
 * for a transaction client (inside `$transaction(async (tx) => …)`), directly, because that
 * transaction holds the lock and its statements are the only ones on the connection.
 */
export function withSqlite<T>(reader: Reader, work: (access: SqliteAccess) => T): Promise<T> {
	const entry = accessOf.get(reader);
	if (!entry) throw new Error('Not a client opened by openDatabase');
	if (!entry.inTransaction) return entry.access.exclusive(work);
	if (!entry.access.transactionOpen || entry.transactionNumber !== entry.access.transactionNumber) {
		throw new Error('Transaction client used after its transaction ended');
	}
	return Promise.resolve(work(entry.access));
}

/** The raw access of a root client, for synchronous transactions of its own. */
export function sqliteOf(db: Database): SqliteAccess {
	const entry = accessOf.get(db);
	if (!entry || entry.inTransaction) throw new Error('Not a root client opened by openDatabase');
	return entry.access;
}

/** Opens a client on a SQLite file (`file:/abs/path.db`), with durable, checked settings. */
export async function openDatabase(url: string): Promise<Database> {
	const factory = new PrismaBetterSQLite3({ url, timeout: 5000 });
	const connect = factory.connect.bind(factory);
	const access = new SqliteAccess();
	factory.connect = async () => serializeAdapter((await connect()) as unknown as Adapter, access) as never;
	// Transactions wait in the lock's FIFO queue, and db.ts lets other requests run between
	// statements: under load, Prisma's defaults (2 s to start, 5 s to finish) would fail
	// requests that are merely queued. A stuck holder is reported by /api/health instead.
	const client = new PrismaClient({ adapter: factory, transactionOptions: { maxWait: 15_000, timeout: 15_000 } });
	accessOf.set(client, { access, inTransaction: false });
	// Transaction clients are registered too, so raw reads inside a transaction see its writes.
	const transaction = client.$transaction.bind(client) as (...args: unknown[]) => Promise<unknown>;
	(client as { $transaction: unknown }).$transaction = (first: unknown, ...rest: unknown[]) =>
		typeof first === 'function'
			? transaction(
					async (tx: object) => {
						// The callback runs once its transaction has started and holds the lock.
						accessOf.set(tx, { access, inTransaction: true, transactionNumber: access.transactionNumber });
						return (first as (tx: object) => Promise<unknown>)(tx);
					},
					...rest
				)
			: transaction(first, ...rest);
	// WAL persists in the file. synchronous=FULL also survives power loss (each commit waits for
	// the disk: ~0.2 ms here); NORMAL only survives crashes of the process (measured: 0 lost
	// writes under kill -9) and halves the cost of a drag. FULL unless the operator chooses.
	await client.$queryRawUnsafe('PRAGMA journal_mode = WAL');
	await client.$executeRawUnsafe(`PRAGMA synchronous = ${synchronousFromEnv()}`);
	await client.$executeRawUnsafe('PRAGMA foreign_keys = ON');
	return client;
}

let shared: Promise<Database> | undefined;

/** The process-wide client, on $DATABASE_URL or data/jalon.db. */
export function getDatabase(): Promise<Database> {
	shared ??= openDatabase(databaseUrlFromEnv());
	return shared;
}

/** $JALON_SQLITE_SYNCHRONOUS: FULL (default) or NORMAL. */
export function synchronousFromEnv(): 'FULL' | 'NORMAL' {
	const value = (process.env.JALON_SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
	if (value !== 'FULL' && value !== 'NORMAL') {
		throw new Error(`JALON_SQLITE_SYNCHRONOUS must be FULL or NORMAL, not "${value}"`);
	}
	return value;
}

export function databaseUrlFromEnv(): string {
	const fromEnv = process.env.DATABASE_URL;
	if (fromEnv) return fromEnv.startsWith('file:') ? fromEnv : `file:${fromEnv}`;
	return `file:${process.cwd()}/data/jalon.db`;
}

/**
 * $JALON_HEALTH_TIMEOUT_MS (10 s by default): how long one holder may keep the database lock
 * before /api/health answers 503. Every transaction is bounded well below it (Prisma's 5 s), so
 * past it the lock is stuck and every query waits.
 */
export function healthTimeoutFromEnv(): number {
	const value = Number(process.env.JALON_HEALTH_TIMEOUT_MS);
	return Number.isFinite(value) && value > 0 ? value : 10_000;
}
