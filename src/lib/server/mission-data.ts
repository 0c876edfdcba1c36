// Reads a mission's rows and maps them to the domain's plain types. The Gantt page reads them on
// every visit and after every drag, so this goes through prepared statements on the connection
// (see SqliteAccess): for a 500-task mission, ~0.5 ms instead of ~5.5 ms through Prisma.
// tests/api/mission-rows.test.ts checks the rows are exactly what Prisma returns.
import { buildMissionPlan, type MissionPlan, type MissionRows } from '$lib/domain/mission-plan';
import type { IsoDate } from '$lib/domain/dates';
import { sqliteOf, withSqlite, type Database, type SqliteAccess } from './db';
import type { Prisma } from './generated/prisma/client';
import { MISSION_ROWS_SQL as SQL } from './sqlite/queries/mission-rows';

type Reader = Database | Prisma.TransactionClient;
type Row = Record<string, unknown>;

function byMission<T extends Row>(rows: T[]): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const row of rows) {
		const key = row.missionId as string;
		let list = out.get(key);
		if (!list) out.set(key, (list = []));
		list.push(row);
	}
	return out;
}

export interface RowOptions {
	/** False when the reader needs no tasks or links (the dashboard): most of a mission's rows. */
	withTasks?: boolean;
}

/** The rows of the given missions, most recent kick-off first (synchronous, on the connection). */
export function readMissionRows(
	access: SqliteAccess,
	missionIds: readonly string[],
	{ withTasks = true }: RowOptions = {}
): MissionRows[] {
	const ids = JSON.stringify(missionIds);
	const all = (sql: string) => access.statement(sql).all(ids) as Row[];
	const missions = all(SQL.missions);
	if (missions.length === 0) return [];
	const tasks = byMission(withTasks ? all(SQL.tasks) : []);
	const dependencies = byMission(withTasks ? all(SQL.dependencies) : []);
	const milestoneLinks = byMission(withTasks ? all(SQL.milestoneLinks) : []);
	const deliverables = byMission(all(SQL.deliverables));
	// SQLite stores booleans as 0/1.
	const milestones = byMission(all(SQL.milestones).map((m) => ({ ...m, isWeek: m.isWeek === 1 })));
	const tranches = byMission(all(SQL.tranches));
	const contacts = byMission(all(SQL.contacts));
	const payments = byMission(all(SQL.payments));
	return missions.map(({ createdAt: _c, updatedAt: _u, ...mission }) => {
		const id = mission.id as string;
		return {
			mission,
			tasks: tasks.get(id) ?? [],
			dependencies: dependencies.get(id) ?? [],
			milestoneLinks: milestoneLinks.get(id) ?? [],
			deliverables: deliverables.get(id) ?? [],
			milestones: milestones.get(id) ?? [],
			tranches: tranches.get(id) ?? [],
			contacts: contacts.get(id) ?? [],
			payments: (payments.get(id) ?? []).map(({ missionId: _m, ...payment }) => payment)
		} as unknown as MissionRows;
	});
}

export async function loadMissionRows(db: Reader, missionId: string): Promise<MissionRows | null> {
	return withSqlite(db, (access) => readMissionRows(access, [missionId])[0] ?? null);
}

/** Several missions in one read (one statement per relation, not per mission): the dashboard. */
export async function loadManyMissionRows(
	db: Reader,
	missionIds: string[],
	options: RowOptions = {}
): Promise<MissionRows[]> {
	return withSqlite(db, (access) => readMissionRows(access, missionIds, options));
}

export async function loadMissionPlan(db: Reader, missionId: string, today: IsoDate): Promise<MissionPlan | null> {
	const rows = await loadMissionRows(db, missionId);
	return rows ? buildMissionPlan(rows, today) : null;
}

/**
 * The plan the Gantt page reads, from a cache that any write empties (see SqliteAccess.cached):
 * pages are read far more often than edited. The plan is frozen: copy before changing it.
 */
export function readMissionPlan(db: Database, missionId: string, today: IsoDate): Promise<MissionPlan | null> {
	return sqliteOf(db).exclusive((access) =>
		access.cached(`plan:${missionId}:${today}`, () => {
			const rows = readMissionRows(access, [missionId])[0];
			return rows ? buildMissionPlan(rows, today) : null;
		})
	);
}
