// The database layer lives in ./sqlite/ (its rules: ./sqlite/README.md). This module keeps the
// names the rest of the app imports from `$lib/server/db`.
export { SqliteAccess } from './sqlite/access';
export {
	databaseUrlFromEnv,
	getDatabase,
	healthTimeoutFromEnv,
	openDatabase,
	sqliteOf,
	synchronousFromEnv,
	withSqlite,
	type Database
} from './sqlite/connection';
