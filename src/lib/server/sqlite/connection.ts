// The one Prisma client of the process, on the better-sqlite3 driver adapter, and the lock that
// makes its interactive transactions safe (rules 1 to 3 of README.md).
//
// Why the lock: the adapter shares one SQLite connection between all requests and only locks
// around transactions, so another request's write issued while an interactive transaction is
// open would run inside it and vanish if it rolls back (measured: 100 of 200 confirmed writes
// lost). Here every statement outside a transaction waits for the same lock as transactions do,
// so interactive transactions are safe to use.
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import { SqliteAccess } from './access';
import { insideTransaction, refuseInsideOwnTransaction } from './scope';

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
			refuseInsideOwnTransaction(access, 'A query');
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
		refuseInsideOwnTransaction(access, 'A transaction');
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
	// Transactions wait in the lock's FIFO queue, and the layer lets other requests run between
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
						return insideTransaction(access, () => (first as (tx: object) => Promise<unknown>)(tx));
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
