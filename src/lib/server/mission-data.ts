// Reads a mission's rows in one go and maps them to the domain's plain types.
import { buildMissionPlan, type MissionPlan, type MissionRows } from '$lib/domain/mission-plan';
import type { IsoDate } from '$lib/domain/dates';
import type { Database } from './db';
import type { Prisma } from './generated/prisma/client';

type Reader = Database | Prisma.TransactionClient;

const INCLUDE = {
	tasks: { orderBy: { sortOrder: 'asc' } },
	dependencies: true,
	deliverables: { orderBy: { number: 'asc' } },
	milestones: true,
	tranches: { orderBy: { sortOrder: 'asc' } },
	contacts: true
} as const satisfies Prisma.MissionInclude;

type MissionWithRows = Prisma.MissionGetPayload<{ include: typeof INCLUDE }>;

export async function loadMissionRows(db: Reader, missionId: string): Promise<MissionRows | null> {
	const mission = await db.mission.findUnique({ where: { id: missionId }, include: INCLUDE });
	return mission ? toRows(mission) : null;
}

/** Several missions in one read (one query per relation, not per mission): the dashboard. */
export async function loadManyMissionRows(db: Reader, missionIds: string[]): Promise<MissionRows[]> {
	const missions = await db.mission.findMany({
		where: { id: { in: missionIds } },
		include: INCLUDE,
		orderBy: { kickoffDate: 'desc' }
	});
	return missions.map(toRows);
}

function toRows(mission: MissionWithRows): MissionRows {
	const {
		tasks,
		dependencies,
		deliverables,
		milestones,
		tranches,
		contacts,
		createdAt: _c,
		updatedAt: _u,
		...row
	} = mission;
	return { mission: row, tasks, dependencies, deliverables, milestones, tranches, contacts };
}

export async function loadMissionPlan(db: Reader, missionId: string, today: IsoDate): Promise<MissionPlan | null> {
	const rows = await loadMissionRows(db, missionId);
	return rows ? buildMissionPlan(rows, today) : null;
}
