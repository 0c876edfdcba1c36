// The plan editor's structural edits: delete a row with what hangs on it (and put it back, for
// undo), insert a row below another, indent / outdent, move a row up or down among its siblings.
import { z } from 'zod';
import { expectedVersion, id, isoDate, text } from '$lib/schemas';
import { loadMissionPlan } from '../../mission-data';
import { respanMissionPhases, syncAnchors } from '../../task-schedule';
import { planLimitGuard } from '../../plan-limits';
import { lastEditor, recordAudit } from '../../audit';
import type { Prisma } from '../../generated/prisma/client';
import { AppError, notFound, router, coordinatorProcedure, type Context } from '../trpc';
import { MAX_OUTLINE_DEPTH, nestingProblem, outlineDepths } from '$lib/domain/outline';

type Tx = Prisma.TransactionClient;

/** A deleted task as it was, enough to recreate it with the same id (undo). */
const deletedTask = z.object({
	id,
	parentId: id.nullable(),
	kind: z.enum(['PHASE', 'TASK']),
	name: text('Le nom de la tâche', 200),
	startDate: isoDate('Date de début'),
	endDate: isoDate('Date de fin'),
	progress: z.number().int().min(0).max(100),
	sortOrder: z.number().int()
});
const deletedLink = z.object({
	predecessorId: id,
	successorId: id,
	lagDays: z.number().int().min(-365).max(365)
});
export type DeletedTask = z.infer<typeof deletedTask>;
export type DeletedLink = z.infer<typeof deletedLink>;

async function planAfter(tx: Tx, ctx: Context, missionId: string) {
	return (await loadMissionPlan(tx, missionId, ctx.today()))!;
}

async function taskChecked(tx: Tx, taskId: string, version: number | undefined) {
	const task = await tx.task.findUnique({ where: { id: taskId } });
	if (!task) throw notFound('Tâche');
	if (version !== undefined && version !== task.version) {
		const editor = await lastEditor(tx, 'task', task.id);
		throw new AppError(
			'CONFLICT',
			`« ${task.name} » a été modifiée entre-temps par ${editor} : rechargez avant d’enregistrer.`
		);
	}
	return task;
}

type Row = { id: string; parentId: string | null; sortOrder: number };

/**
 * Makes `parentId` able to hold `taskId` (with its subtree), as MS Project does: any task can
 * get sub-tasks, and then it is a summary row (stored as a phase, at any depth), its dates and
 * progress those of its children. Refused, changing nothing, when the tree would pass
 * MAX_OUTLINE_DEPTH levels or when the future summary has links (a summary carries none here:
 * its dates follow its sub-tasks; Jalon links tasks, and the file imports carry a summary's
 * links by its sub-tasks).
 */
async function makeSummary(tx: Tx, ctx: Context, rows: readonly Row[], taskId: string, parentId: string | null) {
	const problem = nestingProblem(rows, taskId, parentId);
	if (problem) {
		throw new AppError(problem.code === 'TOO_DEEP' ? 'TOO_DEEP' : 'INVALID_OPERATION', problem.message);
	}
	if (parentId !== null) await toSummary(tx, ctx, parentId);
}

/** Turns a task into a summary row (see makeSummary); a phase stays as it is. */
async function toSummary(tx: Tx, ctx: Context, parentId: string) {
	const parent = await tx.task.findUnique({ where: { id: parentId } });
	if (!parent) throw notFound('Tâche parente');
	if (parent.kind === 'PHASE') return;
	const links =
		(await tx.dependency.count({ where: { OR: [{ predecessorId: parent.id }, { successorId: parent.id }] } })) +
		(await tx.milestoneLink.count({ where: { successorId: parent.id } }));
	if (links > 0) {
		throw new AppError(
			'INVALID_OPERATION',
			`« ${parent.name} » a des liens : elle deviendrait une tâche récapitulative, dont les dates suivent ses sous-tâches et qui ne porte pas de lien. Retirez d’abord ses prédécesseurs et successeurs, ou liez ses sous-tâches.`
		);
	}
	await tx.task.update({ where: { id: parent.id }, data: { kind: 'PHASE', version: { increment: 1 } } });
	await recordAudit(tx, ctx.user, {
		missionId: parent.missionId,
		objectType: 'task',
		objectId: parent.id,
		action: 'update',
		before: { kind: 'TASK' },
		after: { kind: 'PHASE' }
	});
}

/**
 * A summary row left without children becomes an ordinary task again (as in MS Project), unless
 * costs, time or expenses are booked on it: the finance page needs it to stay a phase then.
 */
async function unmakeSummary(tx: Tx, ctx: Context, parentId: string | null) {
	if (!parentId) return;
	const parent = await tx.task.findUnique({
		where: { id: parentId },
		include: { _count: { select: { children: true, costLines: true, timeEntries: true, expenses: true } } }
	});
	if (!parent || parent.kind !== 'PHASE') return;
	const counts = parent._count;
	if (counts.children + counts.costLines + counts.timeEntries + counts.expenses > 0) return;
	await tx.task.update({ where: { id: parent.id }, data: { kind: 'TASK', version: { increment: 1 } } });
	await recordAudit(tx, ctx.user, {
		missionId: parent.missionId,
		objectType: 'task',
		objectId: parent.id,
		action: 'update',
		before: { kind: 'PHASE' },
		after: { kind: 'TASK' }
	});
}

/**
 * Puts a task in another phase (null: the top level), in the history with its new place (and
 * its old row number when the row moved too), then re-spans the phases; answers the new plan.
 */
async function reparent(
	tx: Tx,
	ctx: Context,
	task: { id: string; missionId: string; parentId: string | null },
	to: { parentId: string | null; row?: number },
	fromRow?: number
) {
	await tx.task.update({ where: { id: task.id }, data: { parentId: to.parentId, version: { increment: 1 } } });
	await recordAudit(tx, ctx.user, {
		missionId: task.missionId,
		objectType: 'task',
		objectId: task.id,
		action: 'update',
		before: { parentId: task.parentId, ...(fromRow === undefined ? {} : { row: fromRow }) },
		after: to
	});
	if (task.parentId !== to.parentId) await unmakeSummary(tx, ctx, task.parentId);
	await respanMissionPhases(tx, task.missionId);
	// A summary's new span moves what is tied to its end.
	await syncAnchors(tx, task.missionId);
	return planAfter(tx, ctx, task.missionId);
}

/** The task and every task under it, in outline order. */
function subtree(rows: readonly Row[], rootId: string): string[] {
	const ids = new Set([rootId]);
	for (const row of rows) if (row.parentId && ids.has(row.parentId)) ids.add(row.id);
	return rows.filter((r) => ids.has(r.id)).map((r) => r.id);
}

/** Writes the new outline order (only the rows whose position changed), spaced by 10. */
async function writeOrder(tx: Tx, rows: readonly Row[], order: readonly string[]) {
	const before = new Map(rows.map((r) => [r.id, r.sortOrder]));
	for (const [index, taskId] of order.entries()) {
		const sortOrder = (index + 1) * 10;
		if (before.get(taskId) !== sortOrder) await tx.task.update({ where: { id: taskId }, data: { sortOrder } });
	}
}

async function outline(tx: Tx, missionId: string): Promise<Row[]> {
	// The page's order: sortOrder, ties kept as the database returns them by id.
	return tx.task.findMany({
		where: { missionId },
		select: { id: true, parentId: true, sortOrder: true },
		orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }]
	});
}

/** Moves a block of rows (a task and its subtree) to just after `afterId`'s subtree, or first. */
function moved(rows: readonly Row[], block: readonly string[], afterId: string | null): string[] {
	const inBlock = new Set(block);
	const rest = rows.map((r) => r.id).filter((x) => !inBlock.has(x));
	if (afterId === null) return [...block, ...rest];
	const anchor = subtree(
		rows.filter((r) => !inBlock.has(r.id)),
		afterId
	).at(-1)!;
	const at = rest.indexOf(anchor) + 1;
	return [...rest.slice(0, at), ...block, ...rest.slice(at)];
}

/** Moves a block of rows to just after a phase's own row: its first child. */
function firstChild(rows: readonly Row[], block: readonly string[], parentId: string): string[] {
	const rest = rows.map((r) => r.id).filter((x) => !block.includes(x));
	const at = rest.indexOf(parentId) + 1;
	return [...rest.slice(0, at), ...block, ...rest.slice(at)];
}

export const planRouter = router({
	/** Deletes a task or a phase with its children and links; answers what was deleted, for undo. */
	deleteTask: coordinatorProcedure.input(z.object({ taskId: id, expectedVersion })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const task = await taskChecked(tx, input.taskId, input.expectedVersion);
			const rows = await outline(tx, task.missionId);
			const ids = subtree(rows, task.id);
			const tasks = await tx.task.findMany({ where: { id: { in: ids } } });
			tasks.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
			const links = await tx.dependency.findMany({
				where: { OR: [{ predecessorId: { in: ids } }, { successorId: { in: ids } }] }
			});
			await tx.task.delete({ where: { id: task.id } });
			await unmakeSummary(tx, ctx, task.parentId);
			// The trail names every row that went: the children and links deleted with a phase too.
			for (const gone of tasks) {
				await recordAudit(tx, ctx.user, {
					missionId: task.missionId,
					objectType: 'task',
					objectId: gone.id,
					action: 'delete',
					before: {
						name: gone.name,
						...(gone.id === task.id ? {} : { deletedWith: task.name })
					}
				});
			}
			for (const link of links) {
				await recordAudit(tx, ctx.user, {
					missionId: task.missionId,
					objectType: 'dependency',
					objectId: `${link.predecessorId}>${link.successorId}`,
					action: 'delete',
					before: { lagDays: link.lagDays }
				});
			}
			await respanMissionPhases(tx, task.missionId);
			const deleted = {
				tasks: tasks.map((t): DeletedTask => ({
					id: t.id,
					parentId: t.parentId,
					kind: t.kind,
					name: t.name,
					startDate: t.startDate,
					endDate: t.endDate,
					progress: t.progress,
					sortOrder: t.sortOrder
				})),
				links: links.map((l): DeletedLink => ({
					predecessorId: l.predecessorId,
					successorId: l.successorId,
					lagDays: l.lagDays
				}))
			};
			return { deleted, plan: await planAfter(tx, ctx, task.missionId) };
		})
	),

	/** Puts back what deleteTask removed, with the same ids (undo of a delete). */
	restore: coordinatorProcedure
		// Its tasks and links do not exist yet: the procedure checks each parent and link end itself.
		.meta({ recreates: ['tasks', 'links'] })
		.input(
			z.object({
				missionId: id,
				tasks: z.array(deletedTask).min(1).max(5000),
				links: z.array(deletedLink).max(20000)
			})
		)
		.mutation(({ ctx, input }) =>
			ctx.db.$transaction(async (tx) => {
				const mission = await tx.mission.findUnique({ where: { id: input.missionId }, select: { id: true } });
				if (!mission) throw notFound('Mission');
				const limits = await planLimitGuard(tx, mission.id);
				const restored = new Set(input.tasks.map((t) => t.id));
				const existing = await tx.task.findMany({ where: { id: { in: [...restored] } }, select: { id: true } });
				if (existing.length > 0) {
					throw new AppError('INVALID_OPERATION', 'Ces lignes existent déjà : rien à rétablir.');
				}
				const present = new Map(
					(await tx.task.findMany({ where: { missionId: mission.id }, select: { id: true, kind: true } })).map((t) => [
						t.id,
						t.kind
					])
				);
				for (const task of input.tasks) {
					if (task.endDate < task.startDate) {
						throw new AppError('END_BEFORE_START', 'La date de fin doit être postérieure ou égale à la date de début.');
					}
					if (task.parentId && !restored.has(task.parentId) && !present.has(task.parentId)) {
						throw new AppError(
							'CONFLICT',
							'La phase qui contenait ces lignes a été supprimée entre-temps : impossible de les rétablir.'
						);
					}
				}
				for (const link of input.links) {
					for (const end of [link.predecessorId, link.successorId]) {
						if (!restored.has(end) && !present.has(end)) {
							throw new AppError(
								'CONFLICT',
								'Une tâche liée à ces lignes a été supprimée entre-temps : impossible de les rétablir.'
							);
						}
					}
				}
				// Not deeper than the plan allows, wherever their parent went since.
				const depths = outlineDepths([
					...(await outline(tx, mission.id)),
					...input.tasks.map((t) => ({ id: t.id, parentId: t.parentId }))
				]);
				if (Math.max(...depths.values()) > MAX_OUTLINE_DEPTH) {
					throw new AppError(
						'TOO_DEEP',
						`Le plan est limité à ${MAX_OUTLINE_DEPTH} niveaux : ces lignes, rétablies, le dépasseraient.`
					);
				}
				// A parent left in place became an ordinary task when they went: a summary again.
				for (const parentId of new Set(input.tasks.map((t) => t.parentId))) {
					if (parentId && !restored.has(parentId)) await toSummary(tx, ctx, parentId);
				}
				// Parents first, as they were listed (outline order).
				for (const task of input.tasks) {
					await tx.task.create({ data: { ...task, missionId: mission.id } });
					await recordAudit(tx, ctx.user, {
						missionId: mission.id,
						objectType: 'task',
						objectId: task.id,
						action: 'create',
						after: { name: task.name, startDate: task.startDate, endDate: task.endDate }
					});
				}
				for (const link of input.links) {
					await tx.dependency.create({ data: { ...link, missionId: mission.id, type: 'FS' } });
					await recordAudit(tx, ctx.user, {
						missionId: mission.id,
						objectType: 'dependency',
						objectId: `${link.predecessorId}>${link.successorId}`,
						action: 'create',
						after: { lagDays: link.lagDays }
					});
				}
				await respanMissionPhases(tx, mission.id);
				// A summary's new span moves what is tied to its end.
				await syncAnchors(tx, mission.id);
				await limits.check();
				return planAfter(tx, ctx, mission.id);
			})
		),

	/**
	 * A new task right below a row: the first child of a phase, else the next sibling of a task.
	 * It starts as a one-day task on the row's start date, to be renamed and re-dated in place.
	 */
	insertBelow: coordinatorProcedure
		.input(
			z.object({
				taskId: id,
				name: text('Le nom de la tâche', 200).default('Nouvelle tâche'),
				kind: z.enum(['PHASE', 'TASK']).default('TASK')
			})
		)
		.mutation(({ ctx, input }) =>
			ctx.db.$transaction(async (tx) => {
				const above = await taskChecked(tx, input.taskId, undefined);
				const limits = await planLimitGuard(tx, above.missionId);
				const rows = await outline(tx, above.missionId);
				const parentId = above.kind === 'PHASE' ? above.id : above.parentId;
				const task = await tx.task.create({
					data: {
						missionId: above.missionId,
						parentId,
						kind: input.kind,
						name: input.name,
						startDate: above.startDate,
						endDate: above.startDate,
						sortOrder: 0
					}
				});
				const order = rows.map((r) => r.id);
				// Below a phase: its first child. Below a task: after it (a task has no subtree).
				order.splice(order.indexOf(above.id) + 1, 0, task.id);
				await writeOrder(tx, [...rows, { id: task.id, parentId, sortOrder: 0 }], order);
				await recordAudit(tx, ctx.user, {
					missionId: above.missionId,
					objectType: 'task',
					objectId: task.id,
					action: 'create',
					after: { name: task.name, startDate: task.startDate, endDate: task.endDate }
				});
				await respanMissionPhases(tx, above.missionId);
				// A summary's new span moves what is tied to its end.
				await syncAnchors(tx, above.missionId);
				await limits.check();
				return { id: task.id, plan: await planAfter(tx, ctx, above.missionId) };
			})
		),

	/**
	 * Puts a row under the row just above it at its level (its previous sibling), as that row's
	 * last child: a task that gets a child becomes a summary row (see makeSummary).
	 */
	indent: coordinatorProcedure.input(z.object({ taskId: id, expectedVersion })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const task = await taskChecked(tx, input.taskId, input.expectedVersion);
			const rows = await outline(tx, task.missionId);
			const siblings = rows.filter((r) => r.parentId === task.parentId);
			const previous = siblings[siblings.findIndex((r) => r.id === task.id) - 1];
			if (!previous) {
				throw new AppError(
					'INVALID_OPERATION',
					'Impossible de décaler vers la droite : aucune ligne au-dessus, au même niveau, pour la recevoir.'
				);
			}
			await makeSummary(tx, ctx, rows, task.id, previous.id);
			// The row already follows the previous row's subtree: only its parent changes.
			return reparent(tx, ctx, task, { parentId: previous.id });
		})
	),

	/** Takes a row out of its phase: it becomes the phase's next sibling, right after its subtree. */
	outdent: coordinatorProcedure.input(z.object({ taskId: id, expectedVersion })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const task = await taskChecked(tx, input.taskId, input.expectedVersion);
			if (!task.parentId) {
				throw new AppError(
					'INVALID_OPERATION',
					'Impossible de décaler vers la gauche : la ligne est déjà au premier niveau.'
				);
			}
			const phase = (await tx.task.findUnique({ where: { id: task.parentId } }))!;
			const rows = await outline(tx, task.missionId);
			const order = moved(rows, subtree(rows, task.id), phase.id);
			await writeOrder(tx, rows, order);
			return reparent(tx, ctx, task, { parentId: phase.parentId });
		})
	),

	/**
	 * Puts a row (with its subtree) in a phase (or at the top level) right after a sibling, or first:
	 * how undo puts back a row that was indented, outdented or moved.
	 */
	place: coordinatorProcedure
		.input(z.object({ taskId: id, parentId: id.nullable(), afterTaskId: id.nullable(), expectedVersion }))
		.mutation(({ ctx, input }) =>
			ctx.db.$transaction(async (tx) => {
				const task = await taskChecked(tx, input.taskId, input.expectedVersion);
				const rows = await outline(tx, task.missionId);
				const block = subtree(rows, task.id);
				const inMission = new Map(rows.map((r) => [r.id, r]));
				if (input.parentId && !inMission.has(input.parentId)) throw notFound('Tâche parente');
				const after = input.afterTaskId ? inMission.get(input.afterTaskId) : null;
				if (input.afterTaskId && (!after || after.parentId !== input.parentId || block.includes(after.id))) {
					throw notFound('Ligne précédente');
				}
				// Under any task (it becomes a summary), never inside itself nor too deep.
				if (input.parentId !== task.parentId) await makeSummary(tx, ctx, rows, task.id, input.parentId);
				const order = after
					? moved(rows, block, after.id)
					: input.parentId
						? firstChild(rows, block, input.parentId)
						: moved(rows, block, null);
				await writeOrder(tx, rows, order);
				return reparent(
					tx,
					ctx,
					task,
					{ parentId: input.parentId, row: order.indexOf(task.id) + 1 },
					rows.findIndex((r) => r.id === task.id) + 1
				);
			})
		),

	/** Swaps a row (with its subtree) with its previous or next sibling. */
	moveRow: coordinatorProcedure
		.input(z.object({ taskId: id, direction: z.enum(['UP', 'DOWN']), expectedVersion }))
		.mutation(({ ctx, input }) =>
			ctx.db.$transaction(async (tx) => {
				const task = await taskChecked(tx, input.taskId, input.expectedVersion);
				const rows = await outline(tx, task.missionId);
				const siblings = rows.filter((r) => r.parentId === task.parentId);
				const at = siblings.findIndex((r) => r.id === task.id);
				const block = subtree(rows, task.id);
				let order: string[];
				if (input.direction === 'UP') {
					if (at === 0) throw new AppError('INVALID_OPERATION', 'La ligne est déjà la première de son niveau.');
					const before = siblings[at - 2];
					order = before
						? moved(rows, block, before.id)
						: // First among its siblings: right after the parent, or first of all.
							task.parentId
							? firstChild(rows, block, task.parentId)
							: moved(rows, block, null);
				} else {
					const next = siblings[at + 1];
					if (!next) throw new AppError('INVALID_OPERATION', 'La ligne est déjà la dernière de son niveau.');
					order = moved(rows, block, next.id);
				}
				await writeOrder(tx, rows, order);
				await tx.task.update({ where: { id: task.id }, data: { version: { increment: 1 } } });
				await recordAudit(tx, ctx.user, {
					missionId: task.missionId,
					objectType: 'task',
					objectId: task.id,
					action: 'update',
					before: { position: at + 1 },
					after: { position: input.direction === 'UP' ? at : at + 2 }
				});
				return planAfter(tx, ctx, task.missionId);
			})
		)
});
