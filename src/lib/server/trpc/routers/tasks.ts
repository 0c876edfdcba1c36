// Tasks and phases of a mission, and the links between tasks (FS, SS, FF, SF with a lag or a
// lead in working or elapsed days).
import { z } from 'zod';
import { addCalendarDays, daysBetween } from '$lib/domain/dates';
import { createsCycle, describeLink, type Edge } from '$lib/domain/schedule';
import {
	dependencyCreateInput,
	dependencyUpdateInput,
	expectedVersion,
	id,
	setPredecessorsInput,
	taskCreateInput,
	taskMoveInput,
	taskUpdateInput
} from '$lib/schemas';
import type { MoveAnswer } from '$lib/domain/mission-plan';
import { sqliteOf, withSqlite } from '../../db';
import { TASK_FOR_MOVE, versionOf, type Versioned } from '../../sqlite/queries/tasks';
import { get } from '../../sqlite/sql';
import { loadMissionPlan } from '../../mission-data';
import {
	MissionSchedule,
	rescheduleTask,
	rescheduleTaskOn,
	respanMissionPhases,
	scheduleCacheKey,
	settleLinks,
	syncAnchors,
	type AnchorChange,
	type Rescheduled
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
import { planEdges } from '../../anchors';
import { planLimitGuard, planLimitGuardOn } from '../../plan-limits';
import { AppError, notFound, router, type Context, coordinatorProcedure } from '../trpc';
import { nestingProblem } from '$lib/domain/outline';

type Tx = Prisma.TransactionClient;

/**
 * Every date an edit moved (the task, pushed successors, re-spanned phases, the deliverables and
 * milestones tied to them) goes to the trail.
 */
export function dateChangeAudits(missionId: string, changes: Rescheduled): AuditChange[] {
	return [
		...changes.tasks.map((change) => ({
			missionId,
			objectType: 'task',
			objectId: change.id,
			action: 'update' as const,
			before: change.before,
			after: change.after
		})),
		...anchorAudits(missionId, changes.anchors)
	];
}

export function anchorAudits(missionId: string, anchors: readonly AnchorChange[]): AuditChange[] {
	return anchors.map((change) => ({
		missionId,
		objectType: change.objectType,
		objectId: change.id,
		action: 'update' as const,
		before: change.before,
		after: change.after
	}));
}

function recordDateChanges(tx: Tx, ctx: Context, missionId: string, changes: Rescheduled) {
	return withSqlite(tx, (sqlite) => recordAuditOn(sqlite, ctx.user, dateChangeAudits(missionId, changes)));
}

/** A link is part of its successor's row: the successor's version guards it. */
async function checkSuccessorVersion(
	tx: Tx,
	task: { id: string; name: string; version: number },
	expectedVersion: number | undefined
) {
	if (expectedVersion !== undefined && expectedVersion !== task.version) {
		throw new AppError('CONFLICT', conflictMessage(task.name, await lastEditor(tx, 'task', task.id)));
	}
}

/** Refuses a link between tasks of different missions, from or to a phase, or closing a cycle. */
function checkLink(
	predecessor: { id: string; missionId: string; kind: string; name: string },
	successor: { id: string; missionId: string; kind: string; name: string },
	links: readonly Edge[]
) {
	if (predecessor.missionId !== successor.missionId) {
		throw new AppError('INVALID_OPERATION', 'Les deux tâches doivent appartenir à la même mission.');
	}
	if (predecessor.kind === 'PHASE' || successor.kind === 'PHASE') {
		throw new AppError(
			'INVALID_OPERATION',
			'Les liens relient des tâches, pas des phases ni des tâches récapitulatives : liez plutôt leurs sous-tâches.'
		);
	}
	if (createsCycle(links, { predecessorId: predecessor.id, successorId: successor.id })) {
		throw new AppError(
			'DEPENDENCY_CYCLE',
			predecessor.id === successor.id
				? 'Une tâche ne peut pas dépendre d’elle-même.'
				: `Ce lien créerait une boucle : « ${predecessor.name} » dépend déjà de « ${successor.name} ».`
		);
	}
}

const bumpVersion = (tx: Tx, taskId: string) =>
	tx.task.update({ where: { id: taskId }, data: { version: { increment: 1 } } });

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
	// Not inside itself or one of its own sub-rows, and no deeper than the outline allows.
	const rows = await tx.task.findMany({ where: { missionId }, select: { id: true, parentId: true } });
	const problem = nestingProblem(rows, taskId ?? NEW_ROW, parentId);
	if (problem) throw new AppError(problem.code === 'TOO_DEEP' ? 'TOO_DEEP' : 'INVALID_OPERATION', problem.message);
}

/** The id a row being created has in nestingProblem's eyes: none of the mission's. */
const NEW_ROW = '';

export const tasksRouter = router({
	create: coordinatorProcedure.input(taskCreateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const mission = await tx.mission.findUnique({ where: { id: input.missionId }, select: { id: true } });
			if (!mission) throw notFound('Mission');
			const limits = await planLimitGuard(tx, input.missionId);
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
			await limits.check();
			return { id: task.id, plan: await planAfter(tx, ctx, input.missionId) };
		})
	),

	update: coordinatorProcedure.input(taskUpdateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const task = await tx.task.findUnique({ where: { id: input.taskId } });
			if (!task) throw notFound('Tâche');
			const { taskId, startDate, endDate, parentId, expectedVersion, ...fields } = input;
			const limits = await planLimitGuard(tx, task.missionId);
			if (expectedVersion !== undefined && expectedVersion !== task.version) {
				throw new AppError('CONFLICT', conflictMessage(task.name, await lastEditor(tx, 'task', task.id)));
			}
			if (parentId !== undefined) await checkParent(tx, task.missionId, parentId, taskId);
			if (fields.progress !== undefined && task.kind === 'PHASE') {
				const children = await tx.task.count({ where: { parentId: task.id } });
				if (children > 0) {
					throw new AppError(
						'INVALID_OPERATION',
						`L’avancement de « ${task.name} » se calcule à partir de ses sous-tâches : modifiez le leur.`
					);
				}
			}
			if (Object.keys(fields).length > 0 || parentId !== undefined) {
				await tx.task.update({ where: { id: taskId }, data: { ...fields, parentId, version: { increment: 1 } } });
			}
			let moved: Rescheduled = { tasks: [], anchors: [] };
			if (startDate !== undefined || endDate !== undefined) {
				moved = await rescheduleTask(tx, task.missionId, taskId, {
					startDate: startDate ?? task.startDate,
					// A new start alone moves the task (as in MS Project): its span goes with it, and
					// the move keeps its working-day duration.
					endDate:
						endDate ??
						(startDate !== undefined
							? addCalendarDays(task.endDate, daysBetween(task.startDate, startDate))
							: task.endDate)
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
			await limits.check();
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
		return sqliteOf(ctx.db).batchedTransaction((sqlite): MoveAnswer => {
			const task = get(sqlite, TASK_FOR_MOVE, taskId);
			if (!task) throw notFound('Tâche');
			if (expectedVersion !== undefined && expectedVersion !== task.version) {
				throw new AppError('CONFLICT', conflictMessage(task.name, lastEditorOn(sqlite, 'task', taskId)));
			}
			const cacheKey = scheduleCacheKey(task.missionId);
			const schedule = sqlite.peek<MissionSchedule>(cacheKey) ?? MissionSchedule.read(sqlite, task.missionId);
			const limits = planLimitGuardOn(sqlite, task.missionId);
			const moved = rescheduleTaskOn(sqlite, taskId, { startDate, endDate }, schedule);
			// A push that would take the plan beyond its limits is refused: this drag's savepoint rolls back.
			limits.check();
			recordAuditOn(sqlite, ctx.user, dateChangeAudits(task.missionId, moved));
			const version = (table: Versioned, id: string) => get(sqlite, versionOf(table), id)!.version;
			const anchored = (objectType: AnchorChange['objectType'], table: Versioned) =>
				moved.anchors
					.filter((change) => change.objectType === objectType)
					.map((change) => ({ id: change.id, ...change.after, version: version(table, change.id) }));
			const answer: MoveAnswer = {
				tasks: moved.tasks.map((change) => ({ id: change.id, ...change.after, version: version('Task', change.id) })),
				// Tied to a moved task: the client re-derives their warnings (withMovedTasks).
				deliverables: anchored('deliverable', 'Deliverable'),
				milestones: anchored('milestone', 'Milestone')
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
			// Deliverables and milestones tied to a deleted task (or one in a deleted phase) keep
			// their last planned date and are no longer tied.
			await syncAnchors(tx, task.missionId);
			return planAfter(tx, ctx, task.missionId);
		})
	),

	link: coordinatorProcedure.input(dependencyCreateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const { expectedVersion, ...fields } = input;
			const [predecessor, successor] = await Promise.all([
				tx.task.findUnique({ where: { id: input.predecessorId } }),
				tx.task.findUnique({ where: { id: input.successorId } })
			]);
			if (!predecessor) throw notFound('Tâche prédécesseur');
			if (!successor) throw notFound('Tâche successeur');
			await checkSuccessorVersion(tx, successor, expectedVersion);
			const missionId = predecessor.missionId;
			const limits = await planLimitGuard(tx, missionId);
			const links = await tx.dependency.findMany({ where: { missionId } });
			if (links.some((l) => l.predecessorId === input.predecessorId && l.successorId === input.successorId)) {
				throw new AppError('DEPENDENCY_EXISTS', 'Ces deux tâches sont déjà liées.');
			}
			checkLink(predecessor, successor, await planEdges(tx, missionId));
			const link = await tx.dependency.create({ data: { ...fields, missionId } });
			await bumpVersion(tx, successor.id);
			await recordAudit(tx, ctx.user, {
				missionId,
				objectType: 'dependency',
				objectId: `${predecessor.id}>${successor.id}`,
				action: 'create',
				after: {
					link: `${predecessor.name} → ${successor.name}`,
					type: link.type,
					lagDays: link.lagDays,
					lagUnit: link.lagUnit
				}
			});
			// The successor (and what follows it) goes where the new link says, if it must.
			await recordDateChanges(tx, ctx, missionId, await settleLinks(tx, missionId, [successor.id]));
			await limits.check();
			return planAfter(tx, ctx, missionId);
		})
	),

	/** Changes a link's type or lag; the successor moves later if the link now requires it. */
	updateLink: coordinatorProcedure.input(dependencyUpdateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const { dependencyId, expectedVersion, ...fields } = input;
			const link = await tx.dependency.findUnique({ where: { id: dependencyId }, include: { successor: true } });
			if (!link) throw notFound('Lien');
			await checkSuccessorVersion(tx, link.successor, expectedVersion);
			const limits = await planLimitGuard(tx, link.missionId);
			const updated = await tx.dependency.update({ where: { id: dependencyId }, data: fields });
			await bumpVersion(tx, link.successorId);
			await recordAudit(tx, ctx.user, {
				missionId: link.missionId,
				objectType: 'dependency',
				objectId: `${link.predecessorId}>${link.successorId}`,
				action: 'update',
				before: { type: link.type, lagDays: link.lagDays, lagUnit: link.lagUnit },
				after: { type: updated.type, lagDays: updated.lagDays, lagUnit: updated.lagUnit }
			});
			await recordDateChanges(tx, ctx, link.missionId, await settleLinks(tx, link.missionId, [link.successorId]));
			await limits.check();
			return planAfter(tx, ctx, link.missionId);
		})
	),

	/**
	 * Replaces every predecessor of a task at once (what the table's "Prédécesseurs" cell saves):
	 * the same checks as a single link, all or nothing; the task moves later if its links require.
	 */
	setPredecessors: coordinatorProcedure.input(setPredecessorsInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const task = await tx.task.findUnique({ where: { id: input.taskId } });
			if (!task) throw notFound('Tâche');
			await checkSuccessorVersion(tx, task, input.expectedVersion);
			const missionId = task.missionId;
			const limits = await planLimitGuard(tx, missionId);
			const wanted = input.predecessors;
			const ids = wanted.map((p) => p.predecessorId);
			if (new Set(ids).size !== ids.length) {
				throw new AppError('VALIDATION', 'La même tâche figure deux fois parmi les prédécesseurs.');
			}
			const found = new Map(
				(await tx.task.findMany({ where: { id: { in: ids } } })).map((predecessor) => [predecessor.id, predecessor])
			);
			const all = await tx.dependency.findMany({ where: { missionId } });
			const before = all.filter((l) => l.successorId === task.id);
			const links: Edge[] = await planEdges(tx, missionId, task.id);
			for (const p of wanted) {
				const predecessor = found.get(p.predecessorId);
				// A task of another mission is as unknown here as a missing one.
				if (!predecessor || predecessor.missionId !== missionId) throw notFound('Tâche prédécesseur');
				checkLink(predecessor, task, links);
				links.push({ predecessorId: predecessor.id, successorId: task.id });
			}
			await tx.dependency.deleteMany({ where: { successorId: task.id } });
			if (wanted.length > 0) {
				await tx.dependency.createMany({ data: wanted.map((p) => ({ ...p, successorId: task.id, missionId })) });
			}
			await bumpVersion(tx, task.id);
			const names = new Map([...found.values()].map((t) => [t.id, t.name]));
			for (const l of before) if (!names.has(l.predecessorId)) names.set(l.predecessorId, l.predecessorId);
			const describe = (list: readonly { predecessorId: string; type: string; lagDays: number; lagUnit: string }[]) =>
				list
					.map((l) => `${names.get(l.predecessorId)} (${describeLink(l as Parameters<typeof describeLink>[0])})`)
					.join(', ');
			await recordAudit(tx, ctx.user, {
				missionId,
				objectType: 'task',
				objectId: task.id,
				action: 'update',
				before: { predecessors: describe(before) },
				after: { predecessors: describe(wanted) }
			});
			await recordDateChanges(tx, ctx, missionId, await settleLinks(tx, missionId, [task.id]));
			await limits.check();
			return planAfter(tx, ctx, missionId);
		})
	),

	unlink: coordinatorProcedure.input(z.object({ dependencyId: id, expectedVersion })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const link = await tx.dependency.findUnique({
				where: { id: input.dependencyId },
				include: { successor: true }
			});
			if (!link) throw notFound('Lien');
			await checkSuccessorVersion(tx, link.successor, input.expectedVersion);
			await tx.dependency.delete({ where: { id: link.id } });
			await bumpVersion(tx, link.successorId);
			await recordAudit(tx, ctx.user, {
				missionId: link.missionId,
				objectType: 'dependency',
				objectId: `${link.predecessorId}>${link.successorId}`,
				action: 'delete',
				before: { type: link.type, lagDays: link.lagDays, lagUnit: link.lagUnit }
			});
			return planAfter(tx, ctx, link.missionId);
		})
	)
});
