// A throwaway PostgreSQL cluster per test file (Debian's binaries: scripts/postgres-cluster.js),
// with a fresh, migrated database per call of `migratedDatabase()`.
import { startCluster } from '../../scripts/postgres-cluster.js';
import { migratePostgres } from '../../scripts/migrate.js';

export interface TestCluster {
	url: string;
	/** A new database with every committed PostgreSQL migration applied; returns its URL. */
	migratedDatabase(name?: string): Promise<string>;
	stop(): void;
}

let count = 0;

export async function startTestCluster(): Promise<TestCluster> {
	const cluster = await startCluster();
	return {
		url: cluster.url,
		async migratedDatabase(name = `jalon_${(count += 1)}`) {
			const url = cluster.createDatabase(name);
			await migratePostgres(url);
			return url;
		},
		stop: () => cluster.stop()
	};
}
