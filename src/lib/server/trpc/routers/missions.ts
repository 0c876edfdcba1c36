// Missions: list, read as a plan, create, edit (a kick-off change moves relative deadlines,
// and optionally shifts the whole plan by the same number of days).
import { z } from 'zod';
import { addCalendarDays, daysBetween } from '$lib/domain/dates';
import { id, missionCreateInput, missionUpdateInput } from '$lib/schemas';
import { loadMissionPlan, readMissionPlan } from '../../mission-data';
import { resolveDateRule } from '$lib/domain/date-rules';
import { deliverableRule, milestoneRule } from '$lib/domain/mission-plan';
import { lastEditor, pick, recordAudit, recordAuditOn, recordAudits, type AuditChange } from '../../audit';
import { CREATOR_ROLES } from '../../auth/rights';
import { checkShiftInRange } from '../../date-range';
import { settleMission, syncAnchors } from '../../task-schedule';
import { planLimitGuard } from '../../plan-limits';
import { anchorAudits, dateChangeAudits } from './tasks';
import { withSqlite } from '../../db';
import {
	AppError,
	notFound,
	router,
	creatorProcedure,
	userProcedure,
	memberProcedure,
	coordinatorProcedure,
	adminProcedure
} from '../trpc';
import { missionInProgramme, recheckMissionInProgramme } from '../../programme-data';

export const missionsRouter = router({
	list: userProcedure.query(async ({ ctx }) => {
		const user = ctx.user!;
		const missions = await ctx.db.mission.findMany({
			// Administrators see every mission; others, the missions they are members of.
			where: user.isAdmin ? {} : { memberships: { some: { userId: user.id } } },
			orderBy: [{ kickoffDate: 'desc' }, { title: 'asc' }],
			select: {
				id: true,
				title: true,
				clientOrganisation: true,
				reference: true,
				kickoffDate: true,
				plannedEndDate: true,
				budgetCapCents: true,
				capBasis: true,
				status: true,
				_count: { select: { tasks: true, deliverables: true } }
			}
		});
		return missions.map(({ _count, ...m }) => ({
			...m,
			taskCount: _count.tasks,
			deliverableCount: _count.deliverables
		}));
	}),

	get: memberProcedure.input(z.object({ missionId: id })).query(async ({ ctx, input }) => {
		const plan = await readMissionPlan(ctx.db, input.missionId, ctx.today());
		if (!plan) throw notFound('Mission');
		return plan;
	}),

	create: creatorProcedure.input(missionCreateInput).mutation(async ({ ctx, input }) => {
		// Whoever creates a mission can set it up: plan, budget and tranches.
		return ctx.db.$transaction(async (tx) => {
			const memberships = { create: CREATOR_ROLES.map((role) => ({ userId: ctx.user!.id, role })) };
			const mission = await tx.mission.create({ data: { ...input, status: 'ACTIVE', memberships } });
			await recordAudit(tx, ctx.user, {
				missionId: mission.id,
				objectType: 'mission',
				objectId: mission.id,
				action: 'create',
				after: { title: mission.title }
			});
			return { id: mission.id };
		});
	}),

	update: coordinatorProcedure
		.input(missionUpdateInput.extend({ shiftPlan: z.boolean().default(true) }))
		.mutation(async ({ ctx, input }) => {
			const { missionId, shiftPlan, expectedVersion, ...changes } = input;
			return ctx.db.$transaction(async (tx) => {
				const before = await tx.mission.findUnique({ where: { id: missionId } });
				if (!before) throw notFound('Mission');
				const limits = await planLimitGuard(tx, missionId);
				const kickoff = changes.kickoffDate ?? before.kickoffDate;
				const shift = changes.kickoffDate ? daysBetween(before.kickoffDate, changes.kickoffDate) : 0;
				const shifted = (date: string) => addCalendarDays(date, shift);
				// Check the planned end the mission will have: shifted with the plan unless given.
				const plannedEnd =
					changes.plannedEndDate !== undefined
						? changes.plannedEndDate
						: shift && shiftPlan && before.plannedEndDate
							? shifted(before.plannedEndDate)
							: before.plannedEndDate;
				if (plannedEnd && plannedEnd < kickoff) {
					throw new AppError('END_BEFORE_START', 'La fin prévue ne peut pas précéder le démarrage.');
				}
				const tasks =
					shift && shiftPlan ? await tx.task.findMany({ where: { missionId }, orderBy: { sortOrder: 'asc' } }) : [];
				const deliverables = await tx.deliverable.findMany({ where: { missionId } });
				if (shift) {
					checkShiftInRange({
						plannedEnd,
						tasks: tasks.map((t) => ({ name: t.name, dates: [shifted(t.startDate), shifted(t.endDate)] })),
						deliverables: deliverables.map((d) => ({
							name: `Livrable ${d.number}`,
							dates: [shiftPlan ? shifted(d.plannedDate) : d.plannedDate, resolveDateRule(deliverableRule(d), kickoff)]
						})),
						milestones: (await tx.milestone.findMany({ where: { missionId } })).map((m) => ({
							name: `Jalon « ${m.name} »`,
							dates: [resolveDateRule(milestoneRule(m), kickoff)]
						}))
					});
				}
				const inProgramme = await missionInProgramme(tx, missionId);
				// The version check and the write are one statement: a concurrent edit cannot slip between.
				const updated = await tx.mission.updateMany({
					where: { id: missionId, version: expectedVersion },
					data: { ...changes, plannedEndDate: plannedEnd, version: { increment: 1 } }
				});
				if (updated.count === 0) {
					throw new AppError(
						'CONFLICT',
						`Mission modifiée entre-temps par ${await lastEditor(tx, 'mission', missionId)} : rechargez avant d’enregistrer.`
					);
				}
				// A new cap, VAT rate or status (signed) changes what it brings into its programme.
				await recheckMissionInProgramme(tx, ctx.user!, missionId, inProgramme);
				// Each task and planned date the kick-off change moves goes to the trail, as a drag would.
				const moves: AuditChange[] = [];
				for (const task of tasks) {
					const after = { startDate: shifted(task.startDate), endDate: shifted(task.endDate) };
					await tx.task.update({ where: { id: task.id }, data: { ...after, version: { increment: 1 } } });
					moves.push({
						missionId,
						objectType: 'task',
						objectId: task.id,
						action: 'update',
						before: { startDate: task.startDate, endDate: task.endDate },
						after
					});
				}
				if (shift && shiftPlan) {
					for (const deliverable of deliverables) {
						const plannedDate = shifted(deliverable.plannedDate);
						await tx.deliverable.update({
							where: { id: deliverable.id },
							data: { plannedDate, version: { increment: 1 } }
						});
						moves.push({
							missionId,
							objectType: 'deliverable',
							objectId: deliverable.id,
							action: 'update',
							before: { plannedDate: deliverable.plannedDate },
							after: { plannedDate }
						});
					}
				}
				if (shift) {
					// Deliverables and milestones tied to a task follow its end (+ lag in working days).
					const anchors = await syncAnchors(tx, missionId);
					await withSqlite(tx, (sqlite) => recordAuditOn(sqlite, ctx.user, anchorAudits(missionId, anchors)));
					// Milestones on rules moved, and a calendar shift can break working-day lags across
					// holidays: every task goes where its links say (never earlier). Only on a kick-off
					// change: editing a title moves nothing.
					const settled = await settleMission(tx, missionId);
					await withSqlite(tx, (sqlite) => recordAuditOn(sqlite, ctx.user, dateChangeAudits(missionId, settled)));
				}
				const after = await tx.mission.findUniqueOrThrow({ where: { id: missionId } });
				const { createdAt: _c, updatedAt: _u, ...beforeFields } = before;
				await recordAudits(tx, ctx.user, [
					{
						missionId,
						objectType: 'mission',
						objectId: missionId,
						action: 'update',
						before: beforeFields,
						after: pick(after, Object.keys(beforeFields))
					},
					...moves
				]);
				// A kick-off change moves every date: refused whole when the plan would break a limit.
				if (shift) await limits.check();
				return (await loadMissionPlan(tx, missionId, ctx.today()))!;
			});
		}),

	delete: adminProcedure.input(z.object({ missionId: id })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const mission = await tx.mission.findUnique({ where: { id: input.missionId } });
			if (!mission) throw notFound('Mission');
			await tx.mission.delete({ where: { id: mission.id } });
			// The trail outlives the mission (AuditEvent has no cascade): its deletion is its last row.
			await recordAudit(tx, ctx.user, {
				missionId: mission.id,
				objectType: 'mission',
				objectId: mission.id,
				action: 'delete',
				before: { title: mission.title }
			});
			return { ok: true };
		})
	)
});
