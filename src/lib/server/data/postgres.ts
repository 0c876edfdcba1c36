// The PostgreSQL engine: a Prisma client generated from prisma/postgresql/schema.prisma (derived from
// the one data model) over @prisma/adapter-pg's pool. Its model types equal SQLite's client's, so
// it is typed as that client (`Database`) for the code above the data layer.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma-postgresql/client';
import type { Database } from '../sqlite/connection';

export function isPostgresUrl(url: string): boolean {
	return /^postgres(ql)?:\/\//i.test(url);
}

/** A client on a PostgreSQL database; `max` connections in its pool. */
export function openPostgres(url: string, { max = 10 }: { max?: number } = {}): Database {
	const client = new PrismaClient({
		adapter: new PrismaPg({ connectionString: url, max }),
		transactionOptions: { maxWait: 15_000, timeout: 15_000 }
	});
	return client as unknown as Database;
}
