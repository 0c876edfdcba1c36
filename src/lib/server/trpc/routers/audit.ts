// A mission's history: read-only, filterable by kind of object, in words its readers use: the
// object's name (which deliverable, which tranche), French field labels and French values.
import { z } from 'zod';
import { actionLabels, describeStoredValue, fieldLabel, objectTypeLabels } from '$lib/domain/history';
import { id, text } from '$lib/schemas';
import { memberProcedure, router } from '../trpc';
import type { Database } from '../../db';

/** The current name of every object of the mission a history row may point to. */
async function objectNames(db: Database, missionId: string): Promise<Map<string, string>> {
	const [mission, deliverables, tranches, tasks, milestones, contacts, members] = await Promise.all([
		db.mission.findUnique({ where: { id: missionId }, select: { id: true, title: true } }),
		db.deliverable.findMany({ where: { missionId }, select: { id: true, number: true, title: true } }),
		db.paymentTranche.findMany({ where: { missionId }, select: { id: true, label: true } }),
		db.task.findMany({ where: { missionId }, select: { id: true, name: true, kind: true } }),
		db.milestone.findMany({ where: { missionId }, select: { id: true, name: true } }),
		db.contact.findMany({ where: { missionId }, select: { id: true, name: true } }),
		db.membership.findMany({ where: { missionId }, select: { user: { select: { id: true, name: true } } } })
	]);
	const names = new Map<string, string>();
	if (mission) names.set(mission.id, mission.title);
	for (const d of deliverables) names.set(d.id, `Livrable ${d.number} — ${d.title}`);
	for (const t of tranches) names.set(t.id, `Tranche « ${t.label} »`);
	for (const t of tasks) names.set(t.id, `${t.kind === 'PHASE' ? 'Phase' : 'Tâche'} « ${t.name} »`);
	for (const m of milestones) names.set(m.id, `Jalon « ${m.name} »`);
	for (const c of contacts) names.set(c.id, c.name);
	for (const m of members) names.set(m.user.id, m.user.name);
	return names;
}

const NAME_FIELDS = new Set(['name', 'title', 'label']);

export const auditRouter = router({
	list: memberProcedure
		.input(
			z.object({
				missionId: id,
				objectType: text('Le type d’objet', 40).optional(),
				limit: z.number().int().min(1).max(500).default(200)
			})
		)
		.query(async ({ ctx, input }) => {
			const [events, names] = await Promise.all([
				ctx.db.auditEvent.findMany({
					where: { missionId: input.missionId, ...(input.objectType ? { objectType: input.objectType } : {}) },
					orderBy: { at: 'desc' },
					take: input.limit
				}),
				objectNames(ctx.db, input.missionId)
			]);
			// A deleted object keeps the name its own rows recorded (creation or deletion).
			for (const e of events) {
				if (!names.has(e.objectId) && e.field && NAME_FIELDS.has(e.field)) {
					const name = e.after ?? e.before;
					if (name) names.set(e.objectId, `${objectTypeLabels[e.objectType] ?? ''} « ${name} » (supprimé)`.trim());
				}
			}
			// The programme and beneficiary a row points to (attached, detached since).
			const referenced = (field: string) =>
				events.flatMap((e) => (e.field === field ? [e.before, e.after] : [])).filter((v): v is string => !!v);
			const [programmes, beneficiaries] = await Promise.all([
				ctx.db.programme.findMany({
					where: { id: { in: referenced('programmeId') } },
					select: { id: true, title: true }
				}),
				ctx.db.beneficiary.findMany({
					where: { id: { in: referenced('beneficiaryId') } },
					select: { id: true, name: true }
				})
			]);
			for (const p of programmes) names.set(p.id, `Programme « ${p.title} »`);
			for (const b of beneficiaries) names.set(b.id, b.name);
			// An id in a value (anchorTaskId) reads as the row's name: "Tâche « Entretiens »".
			const nameOf = (rowId: string) => names.get(rowId);
			// A workflow comment belongs with the status change it explains (rework, validation).
			const comments = new Map<string, string>();
			for (const e of events) {
				if (e.action === 'workflow' && e.field === 'comment' && e.after) comments.set(groupKey(e), e.after);
			}
			return events
				.filter((e) => !(e.action === 'workflow' && e.field === 'comment' && hasStatusRow(events, e)))
				.map((e) => ({
					...e,
					at: e.at.toISOString(),
					display: {
						// Contract, cost plan, actuals and funders are the mission's own: their kind names them.
						object:
							(e.objectId === input.missionId && e.objectType !== 'mission' ? null : names.get(e.objectId)) ??
							objectTypeLabels[e.objectType] ??
							e.objectType,
						objectType: objectTypeLabels[e.objectType] ?? e.objectType,
						action: actionLabels[e.action] ?? e.action,
						field: e.field ? fieldLabel(e.field) : '',
						before: e.field ? describeStoredValue(e.field, e.before, e.objectType, nameOf) : '',
						after: e.field ? describeStoredValue(e.field, e.after, e.objectType, nameOf) : '',
						comment: e.field === 'status' ? (comments.get(groupKey(e)) ?? null) : null
					}
				}));
		})
});

type EventKey = { objectId: string; at: Date; action: string };
const groupKey = (e: EventKey) => `${e.objectId}|${e.at.toISOString()}|${e.action}`;
const hasStatusRow = (events: readonly (EventKey & { field: string | null })[], e: EventKey) =>
	events.some((other) => other.field === 'status' && groupKey(other) === groupKey(e));
