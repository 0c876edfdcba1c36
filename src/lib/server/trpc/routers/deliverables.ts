// Deliverables: contractual deadline as a rule (fixed date or offset after kick-off), planned
// date in the plan, status.
import { z } from 'zod';
import { resolveDateRule } from '$lib/domain/date-rules';
import { applyWorkflowAction, WorkflowError, type WorkflowActor } from '$lib/domain/deliverable-workflow';
import { deliverableCreateInput, deliverableUpdateInput, id, workflowInput } from '$lib/schemas';
import { lastEditor, pick, recordAudit } from '../../audit';
import { checkRuleInRange, kickoffOf } from '../../date-range';
import { loadMissionPlan } from '../../mission-data';
import { planLimitGuard } from '../../plan-limits';
import { deliverableRuleColumns } from '../../rule-columns';
import { anchorFor } from '../../anchors';
import { AppError, notFound, router, coordinatorProcedure, memberProcedure, workflowProcedure } from '../trpc';

export const deliverablesRouter = router({
	create: coordinatorProcedure.input(deliverableCreateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const mission = await tx.mission.findUnique({ where: { id: input.missionId } });
			if (!mission) throw notFound('Mission');
			const limits = await planLimitGuard(tx, mission.id);
			const { dueRule, plannedDate, number, anchorTaskId, anchorLagDays, ...fields } = input;
			checkRuleInRange(dueRule, mission.kickoffDate, `Livrable « ${input.title} »`);
			// Tied to a task: planned on its end (+ lag), whatever date was also given.
			const anchor = await anchorFor(tx, mission.id, { anchorTaskId, anchorLagDays }, null, plannedDate !== undefined);
			let chosenNumber = number;
			if (chosenNumber === undefined) {
				const last = await tx.deliverable.aggregate({ where: { missionId: mission.id }, _max: { number: true } });
				chosenNumber = (last._max.number ?? 0) + 1;
			} else if (await tx.deliverable.findFirst({ where: { missionId: mission.id, number: chosenNumber } })) {
				throw new AppError('CONFLICT', `Le livrable n° ${chosenNumber} existe déjà dans cette mission.`);
			}
			const deliverable = await tx.deliverable.create({
				data: {
					...fields,
					...deliverableRuleColumns(dueRule),
					missionId: mission.id,
					number: chosenNumber,
					// Without a planned date, plan it on its contractual deadline.
					plannedDate: anchor.tiedDate ?? plannedDate ?? resolveDateRule(dueRule, mission.kickoffDate),
					...anchor.columns
				}
			});
			await recordAudit(tx, ctx.user, {
				missionId: mission.id,
				objectType: 'deliverable',
				objectId: deliverable.id,
				action: 'create',
				after: { number: deliverable.number, title: deliverable.title }
			});
			await limits.check();
			return { id: deliverable.id, plan: (await loadMissionPlan(tx, mission.id, ctx.today()))! };
		})
	),

	update: coordinatorProcedure.input(deliverableUpdateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const deliverable = await tx.deliverable.findUnique({ where: { id: input.deliverableId } });
			if (!deliverable) throw notFound('Livrable');
			const limits = await planLimitGuard(tx, deliverable.missionId);
			const { deliverableId, dueRule, expectedVersion, anchorTaskId, anchorLagDays, ...fields } = input;
			if (dueRule)
				checkRuleInRange(dueRule, await kickoffOf(tx, deliverable.missionId), `Livrable ${deliverable.number}`);
			// Tying to a task (or untying) sets the planned date from that task's end.
			const anchor = await anchorFor(
				tx,
				deliverable.missionId,
				{ anchorTaskId, anchorLagDays },
				deliverable,
				fields.plannedDate !== undefined
			);
			const data = {
				...fields,
				...(dueRule ? deliverableRuleColumns(dueRule) : {}),
				...anchor.columns,
				...(anchor.tiedDate ? { plannedDate: anchor.tiedDate } : {})
			};
			// The version check and the write are one statement: a concurrent edit cannot slip between.
			const updated = await tx.deliverable.updateMany({
				where: { id: deliverableId, version: expectedVersion },
				data: { ...data, version: { increment: 1 } }
			});
			if (updated.count === 0) {
				throw new AppError(
					'CONFLICT',
					`Livrable modifié entre-temps par ${await lastEditor(tx, 'deliverable', deliverableId)} : rechargez avant d’enregistrer.`
				);
			}
			await recordAudit(tx, ctx.user, {
				missionId: deliverable.missionId,
				objectType: 'deliverable',
				objectId: deliverableId,
				action: 'update',
				before: pick(deliverable, Object.keys(data)),
				after: data
			});
			await limits.check();
			return (await loadMissionPlan(tx, deliverable.missionId, ctx.today()))!;
		})
	),

	/**
	 * The workflow: the coordination starts and hands in (with a version, a link, a comment), the
	 * supervision validates or asks for rework (with a comment). A validation records who and when,
	 * and makes the payment tranche it triggers exigible (the finance view derives it).
	 */
	transition: workflowProcedure.input(workflowInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const deliverable = await tx.deliverable.findUnique({ where: { id: input.deliverableId } });
			if (!deliverable) throw notFound('Livrable');
			if (input.expectedVersion && input.expectedVersion !== deliverable.version) {
				throw new AppError(
					'CONFLICT',
					`Livrable modifié entre-temps par ${await lastEditor(tx, 'deliverable', deliverable.id)} : rechargez la page.`
				);
			}
			// The caller acts with the role the action needs if they hold it (or are an administrator);
			// otherwise with their other role, which the workflow refuses with a clear message.
			const needed: WorkflowActor =
				input.action === 'VALIDATE' || input.action === 'REQUEST_REWORK' ? 'SUPERVISOR' : 'COORDINATOR';
			const holdsNeeded = ctx.user!.isAdmin || ctx.roles.includes(needed);
			const actor: WorkflowActor = holdsNeeded ? needed : needed === 'SUPERVISOR' ? 'COORDINATOR' : 'SUPERVISOR';
			let status;
			try {
				status = applyWorkflowAction(deliverable.status, input.action, actor, input.comment);
			} catch (error) {
				if (error instanceof WorkflowError) {
					throw new AppError(
						error.code === 'WRONG_ACTOR' ? 'FORBIDDEN' : 'INVALID_OPERATION',
						error.message,
						error.code
					);
				}
				throw error;
			}
			const today = ctx.today();
			const user = ctx.user!;
			if (input.action === 'SUBMIT') {
				const count = await tx.deliverableSubmission.count({ where: { deliverableId: deliverable.id } });
				await tx.deliverableSubmission.create({
					data: {
						deliverableId: deliverable.id,
						versionLabel: input.versionLabel || `v${count + 1}`,
						link: input.link ?? null,
						comment: input.comment ?? null,
						submittedById: user.id,
						submittedByName: user.name
					}
				});
			} else if (input.action === 'VALIDATE' || input.action === 'REQUEST_REWORK') {
				const pending = await tx.deliverableSubmission.findFirst({
					where: { deliverableId: deliverable.id, decision: null },
					orderBy: { submittedAt: 'desc' }
				});
				if (pending) {
					await tx.deliverableSubmission.update({
						where: { id: pending.id },
						data: {
							decision: input.action === 'VALIDATE' ? 'VALIDATED' : 'REWORK',
							decisionComment: input.comment ?? null,
							decidedByName: user.name,
							decidedAt: new Date()
						}
					});
				}
			}
			await tx.deliverable.update({
				where: { id: deliverable.id },
				data: {
					status,
					...(status === 'VALIDATED' ? { validatedOn: today, validatedById: user.id, validatedByName: user.name } : {}),
					...(input.action === 'SUBMIT' && !deliverable.submittedOn ? { submittedOn: today } : {}),
					version: { increment: 1 }
				}
			});
			await recordAudit(tx, user, {
				missionId: deliverable.missionId,
				objectType: 'deliverable',
				objectId: deliverable.id,
				action: 'workflow',
				before: { status: deliverable.status },
				after: { status, ...(input.comment ? { comment: input.comment } : {}) }
			});
			return (await loadMissionPlan(tx, deliverable.missionId, ctx.today()))!;
		})
	),

	submissions: memberProcedure.input(z.object({ deliverableId: id })).query(async ({ ctx, input }) => {
		const rows = await ctx.db.deliverableSubmission.findMany({
			where: { deliverableId: input.deliverableId },
			orderBy: { submittedAt: 'asc' }
		});
		return rows.map((r) => ({
			...r,
			submittedAt: r.submittedAt.toISOString(),
			decidedAt: r.decidedAt?.toISOString() ?? null
		}));
	}),

	delete: coordinatorProcedure.input(z.object({ deliverableId: id })).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const deliverable = await tx.deliverable.findUnique({ where: { id: input.deliverableId } });
			if (!deliverable) throw notFound('Livrable');
			await tx.deliverable.delete({ where: { id: deliverable.id } });
			await recordAudit(tx, ctx.user, {
				missionId: deliverable.missionId,
				objectType: 'deliverable',
				objectId: deliverable.id,
				action: 'delete',
				before: { number: deliverable.number, title: deliverable.title }
			});
			return (await loadMissionPlan(tx, deliverable.missionId, ctx.today()))!;
		})
	)
});
