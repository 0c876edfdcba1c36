// Missions: list, read as a plan, create, edit (a kick-off change moves relative deadlines,
// and optionally shifts the whole plan by the same number of days).
import { z } from 'zod';
import { addCalendarDays, daysBetween } from '$lib/domain/dates';
import { id, missionCreateInput, missionUpdateInput } from '$lib/schemas';
import { loadMissionPlan, readMissionPlan } from '../../mission-data';
import { lastEditor, pick, recordAudit } from '../../audit';
import {
	AppError,
	notFound,
	router,
	userProcedure,
	memberProcedure,
	coordinatorProcedure,
	adminProcedure
} from '../trpc';

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

	create: userProcedure.input(missionCreateInput).mutation(async ({ ctx, input }) => {
		// Whoever creates a mission coordinates it.
		return ctx.db.$transaction(async (tx) => {
			const mission = await tx.mission.create({
				data: { ...input, status: 'ACTIVE', memberships: { create: { userId: ctx.user!.id, role: 'COORDINATOR' } } }
			});
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
				if (expectedVersion !== undefined && expectedVersion !== before.version) {
					const editor = await lastEditor(tx, 'mission', missionId);
					throw new AppError(
						'CONFLICT',
						`La mission a été modifiée entre-temps par ${editor} : rechargez avant d’enregistrer.`
					);
				}
				const kickoff = changes.kickoffDate ?? before.kickoffDate;
				const shift = changes.kickoffDate ? daysBetween(before.kickoffDate, changes.kickoffDate) : 0;
				// Check the planned end the mission will have: shifted with the plan unless given.
				const plannedEnd =
					changes.plannedEndDate !== undefined
						? changes.plannedEndDate
						: shift && shiftPlan && before.plannedEndDate
							? addCalendarDays(before.plannedEndDate, shift)
							: before.plannedEndDate;
				if (plannedEnd && plannedEnd < kickoff) {
					throw new AppError('END_BEFORE_START', 'La fin prévue ne peut pas précéder le démarrage.');
				}
				await tx.mission.update({
					where: { id: missionId },
					data: { ...changes, plannedEndDate: plannedEnd, version: { increment: 1 } }
				});
				if (shift && shiftPlan) {
					const tasks = await tx.task.findMany({ where: { missionId } });
					for (const task of tasks) {
						await tx.task.update({
							where: { id: task.id },
							data: {
								startDate: addCalendarDays(task.startDate, shift),
								endDate: addCalendarDays(task.endDate, shift),
								version: { increment: 1 }
							}
						});
					}
					const deliverables = await tx.deliverable.findMany({ where: { missionId } });
					for (const deliverable of deliverables) {
						await tx.deliverable.update({
							where: { id: deliverable.id },
							data: { plannedDate: addCalendarDays(deliverable.plannedDate, shift), version: { increment: 1 } }
						});
					}
				}
				const after = await tx.mission.findUniqueOrThrow({ where: { id: missionId } });
				const { createdAt: _c, updatedAt: _u, ...beforeFields } = before;
				await recordAudit(tx, ctx.user, {
					missionId,
					objectType: 'mission',
					objectId: missionId,
					action: 'update',
					before: beforeFields,
					after: pick(after, Object.keys(beforeFields))
				});
				return (await loadMissionPlan(tx, missionId, ctx.today()))!;
			});
		}),

	delete: adminProcedure.input(z.object({ missionId: id })).mutation(async ({ ctx, input }) => {
		const deleted = await ctx.db.mission.deleteMany({ where: { id: input.missionId } });
		if (deleted.count === 0) throw notFound('Mission');
		return { ok: true };
	})
});
