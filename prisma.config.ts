// Prisma CLI configuration. The CLI runs on the JavaScript schema engine through the
// better-sqlite3 driver adapter, so it never downloads a native engine (no internet here).
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { databaseUrl } from './scripts/database-url.js';

type ShadowAdapter = {
	client: { exec(sql: string): void };
	executeRaw(query: { sql: string; args: unknown[] }): Promise<number>;
};

export default defineConfig({
	experimental: { adapter: true },
	engine: 'js',
	schema: path.join('prisma', 'schema.prisma'),
	migrations: { path: path.join('prisma', 'migrations') },
	async adapter() {
		// migrate dev / migrate diff replay whole migration files into a scratch "shadow" database;
		// the adapter prepares one statement at a time, so scripts go through exec() instead.
		const shadowDatabaseUrl = `file:${path.join(os.tmpdir(), `jalon-shadow-${process.pid}.db`)}`;
		const factory = new PrismaBetterSQLite3({ url: databaseUrl() }, { shadowDatabaseUrl });
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
});
