// What the portfolio and the dashboard share to filter the caller's missions: the choices offered
// (the programmes and beneficiaries of the missions the caller can see) and the tasks' spans.
import type { Database } from './db';
import type { AuthUser } from './auth/sessions';
import type { IsoDate } from '$lib/domain/dates';

/** The programmes and beneficiaries of the missions the user can see, for the filters' lists. */
export async function filterChoices(db: Database, user: AuthUser) {
	const visible = await db.mission.findMany({
		where: user.isAdmin ? {} : { memberships: { some: { userId: user.id } } },
		select: { programmeId: true, beneficiaryId: true }
	});
	const [programmes, beneficiaries] = await Promise.all([
		db.programme.findMany({
			where: { id: { in: visible.map((m) => m.programmeId).filter((x): x is string => !!x) } },
			select: { id: true, title: true },
			orderBy: { title: 'asc' }
		}),
		db.beneficiary.findMany({
			where: { id: { in: visible.map((m) => m.beneficiaryId).filter((x): x is string => !!x) } },
			select: { id: true, name: true },
			orderBy: { name: 'asc' }
		})
	]);
	return { programmes, beneficiaries };
}

/** Each mission's earliest task start and latest task end, in one grouped read (no task rows). */
export async function taskSpans(db: Database, missionIds: string[]): Promise<Map<string, IsoDate[]>> {
	const groups = await db.task.groupBy({
		by: ['missionId'],
		where: { missionId: { in: missionIds } },
		_min: { startDate: true },
		_max: { endDate: true }
	});
	return new Map(groups.map((g) => [g.missionId, [g._min.startDate, g._max.endDate].filter((d): d is string => !!d)]));
}
