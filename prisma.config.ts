// Prisma CLI configuration. The CLI runs on the JavaScript schema engine through a driver adapter,
// so it never downloads a native engine (no internet here). $DATABASE_URL picks the engine:
// `file:…` SQLite (prisma/schema.prisma), `postgresql://…` PostgreSQL (prisma/postgresql/, derived).
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { databaseUrl, engineFiles, engineOf } from './scripts/database-url.js';

type ShadowAdapter = {
	client: { exec(sql: string): void };
	executeRaw(query: { sql: string; args: unknown[] }): Promise<number>;
};

const url = databaseUrl();
const engine = engineOf(url);

function sqliteAdapter() {
	// migrate dev / migrate diff replay whole migration files into a scratch "shadow" database;
	// the adapter prepares one statement at a time, so scripts go through exec() instead.
	const shadowDatabaseUrl = `file:${path.join(os.tmpdir(), `jalon-shadow-${process.pid}.db`)}`;
	const factory = new PrismaBetterSQLite3({ url }, { shadowDatabaseUrl });
	const connectToShadowDb = factory.connectToShadowDb.bind(factory);
	factory.connectToShadowDb = async () => {
		const adapter = (await connectToShadowDb()) as unknown as ShadowAdapter;
		const executeRaw = adapter.executeRaw.bind(adapter);
		adapter.executeRaw = async (query) => {
			if (query.args.length > 0) return executeRaw(query);
			adapter.client.exec(query.sql);
			return 0;
		};
		return adapter as never;
	};
	return factory;
}

export default defineConfig({
	experimental: { adapter: true },
	engine: 'js',
	schema: engineFiles[engine].schema,
	migrations: { path: engineFiles[engine].migrations },
	async adapter() {
		// PostgreSQL's adapter makes its shadow database on the same server, then drops it.
		return engine === 'postgresql' ? new PrismaPg({ connectionString: url }) : sqliteAdapter();
	}
});
