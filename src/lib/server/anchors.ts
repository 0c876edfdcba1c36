// Tying a deliverable or a milestone to a task: checks the task and gives the columns to write
// (the tie, and the planned date it implies). Moves keep the date in step (task-schedule.ts).
import { anchoredDate } from '$lib/domain/deliverables';
import type { Edge } from '$lib/domain/schedule';
import type { IsoDate } from '$lib/domain/dates';
import type { Prisma } from './generated/prisma/client';
import { AppError, notFound } from './trpc/trpc';

type Tx = Prisma.TransactionClient;

export interface Anchor {
	/** The tie to write (empty when unchanged). */
	columns: { anchorTaskId?: string | null; anchorLagDays?: number };
	/** The planned date the new tie gives, when the tie changed and points to a task. */
	tiedDate?: IsoDate;
	/** The tie was removed. */
	untied: boolean;
}

/**
 * What a create or update writes for the tie `requested` asks for, over the `current` tie (null
 * on create). A date typed for something tied to a task is refused: the task gives it.
 */
export async function anchorFor(
	tx: Tx,
	missionId: string,
	requested: { anchorTaskId?: string | null; anchorLagDays?: number },
	current: { anchorTaskId: string | null; anchorLagDays: number } | null,
	dateTyped: boolean
): Promise<Anchor> {
	const taskId = requested.anchorTaskId !== undefined ? requested.anchorTaskId : (current?.anchorTaskId ?? null);
	const lagDays = requested.anchorLagDays ?? current?.anchorLagDays ?? 0;
	const changed = requested.anchorTaskId !== undefined || requested.anchorLagDays !== undefined;
	if (!taskId) {
		if (!changed) return { columns: {}, untied: false };
		return { columns: { anchorTaskId: null, anchorLagDays: lagDays }, untied: !!current?.anchorTaskId };
	}
	const task = await tx.task.findUnique({
		where: { id: taskId },
		select: { missionId: true, name: true, endDate: true }
	});
	// A task of another mission is as unknown here as a missing one.
	if (!task || task.missionId !== missionId) throw notFound('Tâche de rattachement');
	if (dateTyped) {
		throw new AppError(
			'INVALID_OPERATION',
			`Rattaché à la tâche « ${task.name} », sa date prévue en découle : détachez-le de la tâche pour saisir une date.`
		);
	}
	if (!changed) return { columns: {}, untied: false };
	return {
		columns: { anchorTaskId: taskId, anchorLagDays: lagDays },
		tiedDate: anchoredDate(task.endDate, lagDays),
		untied: false
	};
}

/**
 * Every edge of a mission's schedule, for cycle checks: task links, milestones leading tasks,
 * and tasks leading the milestones tied to them.
 */
export async function planEdges(
	tx: Tx,
	missionId: string,
	/** Leave out the task links into this task (they are being replaced). */
	replacing?: string
): Promise<Edge[]> {
	const [links, milestoneLinks, tied] = await Promise.all([
		tx.dependency.findMany({
			where: { missionId, ...(replacing ? { successorId: { not: replacing } } : {}) },
			select: { predecessorId: true, successorId: true }
		}),
		tx.milestoneLink.findMany({ where: { missionId }, select: { milestoneId: true, successorId: true } }),
		tx.milestone.findMany({
			where: { missionId, anchorTaskId: { not: null } },
			select: { id: true, anchorTaskId: true }
		})
	]);
	return [
		...links,
		...milestoneLinks.map((l) => ({ predecessorId: l.milestoneId, successorId: l.successorId })),
		...tied.map((m) => ({ predecessorId: m.anchorTaskId!, successorId: m.id }))
	];
}
