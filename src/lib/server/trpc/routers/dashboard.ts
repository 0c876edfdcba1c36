// The supervisors' landing page: for each of the caller's missions, every deliverable with its
// flag, the milestones of the next 14 days, and what waits for their validation.
import { deliverableFlag, flagLabels, upcoming } from '$lib/domain/dashboard';
import { buildMissionPlan } from '$lib/domain/mission-plan';
import { loadManyMissionRows } from '../../mission-data';
import { router, userProcedure } from '../trpc';

export const dashboardRouter = router({
	overview: userProcedure.query(async ({ ctx }) => {
		const user = ctx.user!;
		const today = ctx.today();
		const memberships = await ctx.db.membership.findMany({ where: { userId: user.id } });
		const missionIds = user.isAdmin
			? (await ctx.db.mission.findMany({ select: { id: true }, where: { status: { not: 'CANCELLED' } } })).map(
					(m) => m.id
				)
			: [...new Set(memberships.map((m) => m.missionId))];
		const missions = [];
		for (const rows of await loadManyMissionRows(ctx.db, missionIds)) {
			const missionId = rows.mission.id;
			const plan = buildMissionPlan(rows, today);
			const roles = memberships.filter((m) => m.missionId === missionId).map((m) => m.role);
			const canValidate = user.isAdmin || roles.includes('SUPERVISOR');
			const deliverables = plan.deliverables.map((d) => {
				const flag = deliverableFlag(d, today);
				return {
					id: d.id,
					number: d.number,
					title: d.title,
					contractualDeadline: d.contractualDeadline,
					plannedDate: d.plannedDate,
					status: d.status,
					flag,
					flagLabel: flagLabels[flag]
				};
			});
			missions.push({
				id: plan.mission.id,
				title: plan.mission.title,
				clientOrganisation: plan.mission.clientOrganisation,
				roles,
				deliverables,
				nextMilestones: upcoming(
					plan.milestones.map((m) => ({ id: m.id, name: m.name, date: m.date, dateLabel: m.dateLabel })),
					today
				),
				awaitingValidation: canValidate ? deliverables.filter((d) => d.status === 'SUBMITTED') : [],
				counts: {
					red: deliverables.filter((d) => d.flag === 'RED').length,
					amber: deliverables.filter((d) => d.flag === 'AMBER').length,
					green: deliverables.filter((d) => d.flag === 'GREEN').length
				}
			});
		}
		return { today, missions };
	})
});
