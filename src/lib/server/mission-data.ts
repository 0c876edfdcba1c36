// Reads a mission's rows in one go and maps them to the domain's plain types.
import { buildMissionPlan, type MissionPlan, type MissionRows } from '$lib/domain/mission-plan';
import type { IsoDate } from '$lib/domain/dates';
import type { Database } from './db';
import type { Prisma } from './generated/prisma/client';

type Reader = Database | Prisma.TransactionClient;

export async function loadMissionRows(db: Reader, missionId: string): Promise<MissionRows | null> {
	const mission = await db.mission.findUnique({
		where: { id: missionId },
		include: {
			tasks: { orderBy: { sortOrder: 'asc' } },
			dependencies: true,
			deliverables: { orderBy: { number: 'asc' } },
			milestones: true,
			tranches: { orderBy: { sortOrder: 'asc' } },
			contacts: true
		}
	});
	if (!mission) return null;
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
