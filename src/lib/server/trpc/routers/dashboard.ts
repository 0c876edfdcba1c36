// The supervisors' landing page: for each of the caller's missions, every deliverable with its
// flag, the milestones of the next 14 days, and what waits for their validation; filtered like
// the portfolio (programme, beneficiary, status, period).
import type { z } from 'zod';
import { flagLabels, missionFlag, upcoming } from '$lib/domain/dashboard';
import { buildMissionPlan } from '$lib/domain/mission-plan';
import type { IsoDate } from '$lib/domain/dates';
import type { AuthUser } from '../../auth/sessions';
import { sqliteOf, type Database } from '../../db';
import { loadManyMissionRows } from '../../mission-data';
import { filterChoices, taskSpans } from '../../mission-filters';
import { overlapsPeriod } from '$lib/components/programmes/mission-filters';
import { portfolioInput } from '$lib/programme-schemas';
import { router, userProcedure } from '../trpc';

export const dashboardRouter = router({
	// Cached until anything writes (a membership too), per user, day and filters, like missions.get.
	overview: userProcedure.input(portfolioInput).query(({ ctx, input }) => {
		const user = ctx.user!;
		const today = ctx.today();
		const filters = input ?? {};
		return sqliteOf(ctx.db).cachedAsync(
			`dashboard:${user.id}:${user.isAdmin}:${today}:${JSON.stringify(filters)}`,
			() => overview(ctx.db, user, today, filters)
		);
	})
});

interface PendingSubmission {
	versionLabel: string;
	link: string | null;
	comment: string | null;
	submittedByName: string;
	/** A timestamp, shown in the reader's time zone. */
	submittedAt: string;
}

/** Each mission of the user with its deliverables' flags, next milestones and validations. */
async function overview(
	db: Database,
	user: AuthUser,
	today: IsoDate,
	filters: NonNullable<z.output<typeof portfolioInput>> = {}
) {
	const memberships = await db.membership.findMany({ where: { userId: user.id } });
	// An administrator sees every mission but the cancelled ones, unless asking for those.
	const missionIds = (
		await db.mission.findMany({
			select: { id: true },
			where: {
				...(user.isAdmin ? {} : { id: { in: [...new Set(memberships.map((m) => m.missionId))] } }),
				...(filters.programmeId ? { programmeId: filters.programmeId } : {}),
				...(filters.beneficiaryId ? { beneficiaryId: filters.beneficiaryId } : {}),
				status: filters.status ?? (user.isAdmin ? { not: 'CANCELLED' } : undefined)
			}
		})
	).map((m) => m.id);
	// The period keeps the missions whose span (tasks, deliverables, milestones) meets it.
	const spans = filters.from || filters.to ? await taskSpans(db, missionIds) : null;
	const missions = [];
	// Deliverables, milestones and tranches only: no tasks or links.
	for (const rows of await loadManyMissionRows(db, missionIds, { withTasks: false })) {
		const missionId = rows.mission.id;
		const plan = buildMissionPlan(rows, today);
		if (spans) {
			const dates = [
				plan.mission.kickoffDate,
				...(spans.get(missionId) ?? []),
				...plan.deliverables.map((d) => d.plannedDate),
				...plan.milestones.map((m) => m.date)
			].sort();
			if (!overlapsPeriod(dates[0]!, dates.at(-1)!, filters)) continue;
		}
		const roles = memberships.filter((m) => m.missionId === missionId).map((m) => m.role);
		const canValidate = user.isAdmin || roles.includes('SUPERVISOR');
		const deliverables = plan.deliverables.map((d) => {
			const { flag, label, lateDays } = d.timeliness;
			return {
				id: d.id,
				number: d.number,
				title: d.title,
				contractualDeadline: d.contractualDeadline,
				plannedDate: d.plannedDate,
				status: d.status,
				flag,
				/** The deliverable's own words ("validé avec 12 j de retard"), not only the colour. */
				flagLabel: label.charAt(0).toUpperCase() + label.slice(1),
				lateDays
			};
		});
		missions.push({
			id: plan.mission.id,
			title: plan.mission.title,
			clientOrganisation: plan.mission.clientOrganisation,
			roles,
			flag: missionFlag(deliverables.map((d) => d.flag)),
			flagLabel: flagLabels[missionFlag(deliverables.map((d) => d.flag))],
			deliverables,
			nextMilestones: upcoming(
				plan.milestones.map((m) => ({ id: m.id, name: m.name, date: m.date, dateLabel: m.dateLabel })),
				today
			),
			// What a supervisor needs to decide from here: the version it was handed in as, and what
			// a validation makes payable. `version` goes back with the decision (a stale one is refused).
			awaitingValidation: canValidate
				? plan.deliverables
						.filter((d) => d.status === 'SUBMITTED')
						.map((d) => ({
							id: d.id,
							number: d.number,
							title: d.title,
							version: d.version,
							submission: null as PendingSubmission | null,
							unlocksTranche:
								plan.tranches.find((t) => t.triggerKind === 'DELIVERABLE_VALIDATION' && t.triggerDeliverableId === d.id)
									?.label ?? null
						}))
				: [],
			counts: {
				red: deliverables.filter((d) => d.flag === 'RED').length,
				amber: deliverables.filter((d) => d.flag === 'AMBER').length,
				green: deliverables.filter((d) => d.flag === 'GREEN').length
			}
		});
	}
	// The hand-in each waiting deliverable was submitted with (the last one not decided yet).
	const waiting = missions.flatMap((m) => m.awaitingValidation);
	if (waiting.length > 0) {
		const submissions = await db.deliverableSubmission.findMany({
			where: { deliverableId: { in: waiting.map((d) => d.id) }, decision: null },
			orderBy: { submittedAt: 'asc' }
		});
		for (const d of waiting) {
			const last = submissions.filter((s) => s.deliverableId === d.id).at(-1);
			if (last) {
				d.submission = {
					versionLabel: last.versionLabel,
					link: last.link,
					comment: last.comment,
					submittedByName: last.submittedByName,
					submittedAt: last.submittedAt.toISOString()
				};
			}
		}
	}
	return { today, missions, ...(await filterChoices(db, user)) };
}
