// Tasks and phases of a mission, and the finish-to-start links between tasks.
import { z } from 'zod';
import { createsCycle } from '$lib/domain/schedule';
import { dependencyCreateInput, id, taskCreateInput, taskMoveInput, taskUpdateInput } from '$lib/schemas';
import type { TaskDates } from '$lib/domain/mission-plan';
import { sqliteOf, withSqlite } from '../../db';
import { loadMissionPlan } from '../../mission-data';
import {
	MissionSchedule,
	rescheduleTask,
	rescheduleTaskOn,
	respanMissionPhases,
	scheduleCacheKey,
	type DateChange
} from '../../task-schedule';
import {
	lastEditor,
	lastEditorOn,
	pick,
	recordAudit,
	recordAuditOn,
	recordAudits,
	type AuditChange
} from '../../audit';
import type { Prisma } from '../../generated/prisma/client';
import { AppError, notFound, router, type Context, coordinatorProcedure } from '../trpc';

type Tx = Prisma.TransactionClient;

/** Every date an edit moved (the task, pushed successors, re-spanned phases) goes to the trail. */
function dateChangeAudits(missionId: string, changes: DateChange[]): AuditChange[] {
	return changes.map((change) => ({
		missionId,
		objectType: 'task',
		objectId: change.id,
		action: 'update',
		before: change.before,
		after: change.after
	}));
}

function recordDateChanges(tx: Tx, ctx: Context, missionId: string, changes: DateChange[]) {
	return withSqlite(tx, (sqlite) => recordAuditOn(sqlite, ctx.user, dateChangeAudits(missionId, changes)));
}

function conflictMessage(taskName: string, editor: string): string {
	return `« ${taskName} » a été modifiée entre-temps par ${editor} : rechargez avant d’enregistrer.`;
}

async function planAfter(tx: Tx, ctx: Context, missionId: string) {
	return (await loadMissionPlan(tx, missionId, ctx.today()))!;
}

async function checkParent(tx: Tx, missionId: string, parentId: string | null, taskId?: string) {
	if (!parentId) return;
	const parent = await tx.task.findUnique({ where: { id: parentId } });
	if (!parent || parent.missionId !== missionId) throw notFound('Phase parente');
	if (parent.kind !== 'PHASE') {
		throw new AppError('INVALID_OPERATION', 'Une tâche ne peut être rattachée qu’à une phase.');
	}
	// A phase cannot be placed inside itself or one of its own sub-phases.
	for (let cursor: string | null = parentId; cursor;) {
		if (cursor === taskId) throw new AppError('INVALID_OPERATION', 'Une phase ne peut pas se contenir elle-même.');
		const next: { parentId: string | null } | null = await tx.task.findUnique({
			where: { id: cursor },
			select: { parentId: true }
		});
		cursor = next?.parentId ?? null;
	}
}

export const tasksRouter = router({
	create: coordinatorProcedure.input(taskCreateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const mission = await tx.mission.findUnique({ where: { id: input.missionId }, select: { id: true } });
			if (!mission) throw notFound('Mission');
			await checkParent(tx, input.missionId, input.parentId);
			const last = await tx.task.aggregate({ where: { missionId: input.missionId }, _max: { sortOrder: true } });
			let sortOrder = (last._max.sortOrder ?? 0) + 10;
			if (input.parentId) {
				// Insert right after the last row of the parent phase, keeping the outline readable.
				const siblings = await tx.task.aggregate({ where: { parentId: input.parentId }, _max: { sortOrder: true } });
				const parent = await tx.task.findUnique({ where: { id: input.parentId } });
				const after = siblings._max.sortOrder ?? parent!.sortOrder;
				await tx.task.updateMany({
					where: { missionId: input.missionId, sortOrder: { gt: after } },
					data: { sortOrder: { increment: 10 } }
				});
				sortOrder = after + 5;
			}
			const task = await tx.task.create({ data: { ...input, sortOrder } });
			await recordAudit(tx, ctx.user, {
				missionId: input.missionId,
				objectType: 'task',
				objectId: task.id,
				action: 'create',
				after: { name: task.name, startDate: task.startDate, endDate: task.endDate }
			});
			await respanMissionPhases(tx, input.missionId);
			return { id: task.id, plan: await planAfter(tx, ctx, input.missionId) };
		})
	),

	update: coordinatorProcedure.input(taskUpdateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const task = await tx.task.findUnique({ where: { id: input.taskId } });
			if (!task) throw notFound('Tâche');
			const { taskId, startDate, endDate, parentId, expectedVersion, ...fields } = input;
			if (expectedVersion !== undefined && expectedVersion !== task.version) {
				throw new AppError('CONFLICT', conflictMessage(task.name, await lastEditor(tx, 'task', task.id)));
			}
			if (parentId !== undefined) await checkParent(tx, task.missionId, parentId, taskId);
			if (Object.keys(fields).length > 0 || parentId !== undefined) {
				await tx.task.update({ where: { id: taskId }, data: { ...fields, parentId, version: { increment: 1 } } });
			}
			let moved: DateChange[] = [];
			if (startDate !== undefined || endDate !== undefined) {
				moved = await rescheduleTask(tx, task.missionId, taskId, {
					startDate: startDate ?? task.startDate,
					endDate: endDate ?? task.endDate
				});
			} else if (parentId !== undefined) {
				await respanMissionPhases(tx, task.missionId);
			}
			// The trail: the edited fields of the task, and every date the edit moved (pushes included).
			const edited = { ...fields, ...(parentId !== undefined ? { parentId } : {}) };
			if (Object.keys(edited).length > 0) {
				await recordAudit(tx, ctx.user, {
					missionId: task.missionId,
					objectType: 'task',
					objectId: task.id,
					action: 'update',
					before: pick(task, Object.keys(edited)),
					after: edited
				});
			}
			await recordDateChanges(tx, ctx, task.missionId, moved);
			return planAfter(tx, ctx, task.missionId);
		})
	),

	/**
	 * Dragging or resizing a bar: the hottest write, so synchronous work on prepared statements
	 * (drags arriving together share one commit), answering only the tasks whose dates changed (the moved task, pushed
	 * successors, re-spanned phases); the client patches its plan with them. The schedule after
	 * the move stays cached, so the next drag of a series does not re-read the whole mission.
	 */
	move: coordinatorProcedure.input(taskMoveInput).mutation(({ ctx, input }) => {
		const { taskId, startDate, endDate, expectedVersion } = input;
		return sqliteOf(ctx.db).batchedTransaction((sqlite): { tasks: TaskDates[] } => {
			const task = sqlite.statement('SELECT missionId, name, version FROM "Task" WHERE id = ?').get(taskId) as
				{ missionId: string; name: string; version: number } | undefined;
			if (!task) throw notFound('Tâche');
			if (expectedVersion !== undefined && expectedVersion !== task.version) {
				throw new AppError('CONFLICT', conflictMessage(task.name, lastEditorOn(sqlite, 'task', taskId)));
			}
			const cacheKey = scheduleCacheKey(task.missionId);
			const schedule = sqlite.peek<MissionSchedule>(cacheKey) ?? MissionSchedule.read(sqlite, task.missionId);
			const moved = rescheduleTaskOn(sqlite, taskId, { startDate, endDate }, schedule);
			recordAuditOn(sqlite, ctx.user, dateChangeAudits(task.missionId, moved));
			const version = sqlite.statement('SELECT version FROM "Task" WHERE id = ?');
			const answer = {
				tasks: moved.map((change) => ({
					id: change.id,
					...change.after,
					version: (version.get(change.id) as { version: number }).version
				}))
			};
			// Last, once nothing can fail: the schedule with this move, for the next drags.
			schedule.apply(moved);
			sqlite.keepPending(cacheKey, schedule);
			return answer;
		});
	}),

	delete: coordinatorProcedure.input(z.object({ taskId: id })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const task = await tx.task.findUnique({ where: { id: input.taskId } });
			if (!task) throw notFound('Tâche');
			// A phase takes its tasks and sub-phases with it (cascade): each one gets its own row in the trail.
			const all = await tx.task.findMany({
				where: { missionId: task.missionId },
				select: { id: true, parentId: true, name: true }
			});
			const removed: { id: string; name: string }[] = [task];
			for (let i = 0; i < removed.length; i += 1) {
				const parentId = removed[i]!.id;
				removed.push(...all.filter((t) => t.parentId === parentId));
			}
			await tx.task.delete({ where: { id: task.id } });
			await recordAudits(
				tx,
				ctx.user,
				removed.map((t) => ({
					missionId: task.missionId,
					objectType: 'task',
					objectId: t.id,
					action: 'delete',
					before: { name: t.name }
				}))
			);
			await respanMissionPhases(tx, task.missionId);
			return planAfter(tx, ctx, task.missionId);
		})
	),

	link: coordinatorProcedure.input(dependencyCreateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const [predecessor, successor] = await Promise.all([
				tx.task.findUnique({ where: { id: input.predecessorId } }),
				tx.task.findUnique({ where: { id: input.successorId } })
			]);
			if (!predecessor) throw notFound('Tâche prédécesseur');
			if (!successor) throw notFound('Tâche successeur');
			if (predecessor.missionId !== successor.missionId) {
				throw new AppError('INVALID_OPERATION', 'Les deux tâches doivent appartenir à la même mission.');
			}
			if (predecessor.kind === 'PHASE' || successor.kind === 'PHASE') {
				throw new AppError('INVALID_OPERATION', 'Les liens relient des tâches, pas des phases.');
			}
			const missionId = predecessor.missionId;
			const links = await tx.dependency.findMany({ where: { missionId } });
			if (links.some((l) => l.predecessorId === input.predecessorId && l.successorId === input.successorId)) {
				throw new AppError('DEPENDENCY_EXISTS', 'Ces deux tâches sont déjà liées.');
			}
			if (createsCycle(links, input)) {
				throw new AppError(
					'DEPENDENCY_CYCLE',
					input.predecessorId === input.successorId
						? 'Une tâche ne peut pas dépendre d’elle-même.'
						: `Ce lien créerait une boucle : « ${predecessor.name} » dépend déjà de « ${successor.name} ».`
				);
			}
			await tx.dependency.create({ data: { ...input, missionId, type: 'FS' } });
			await recordAudit(tx, ctx.user, {
				missionId,
				objectType: 'dependency',
				objectId: `${predecessor.id}>${successor.id}`,
				action: 'create',
				after: { link: `${predecessor.name} → ${successor.name}`, lagDays: input.lagDays }
			});
			// Re-applying the predecessor's own dates pushes the successor chain if the new link requires it.
			const pushed = await rescheduleTask(tx, missionId, predecessor.id, {
				startDate: predecessor.startDate,
				endDate: predecessor.endDate
			});
			await recordDateChanges(tx, ctx, missionId, pushed);
			return planAfter(tx, ctx, missionId);
		})
	),

	unlink: coordinatorProcedure.input(z.object({ dependencyId: id })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const link = await tx.dependency.findUnique({ where: { id: input.dependencyId } });
			if (!link) throw notFound('Lien');
			await tx.dependency.delete({ where: { id: link.id } });
			await recordAudit(tx, ctx.user, {
				missionId: link.missionId,
				objectType: 'dependency',
				objectId: `${link.predecessorId}>${link.successorId}`,
				action: 'delete',
				before: { lagDays: link.lagDays }
			});
			return planAfter(tx, ctx, link.missionId);
		})
	)
});
