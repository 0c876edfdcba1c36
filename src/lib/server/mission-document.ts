// Mission documents to and from the database: export (backup, template) and import (restore,
// instantiate a template). An import runs in one transaction: a failure creates nothing.
import { randomUUID } from 'node:crypto';
import {
	checkMissionDocument,
	DocumentImportError,
	documentTrancheKinds,
	MISSION_DOCUMENT_FORMAT,
	MISSION_DOCUMENT_VERSION,
	type MissionDocument
} from '$lib/mission-document';
import { deliverableRule, milestoneRule } from '$lib/domain/mission-plan';
import { anchoredDate } from '$lib/domain/deliverables';
import { rolledUpProgress } from '$lib/domain/outline';
import { withSqlite, type Database } from './db';
import { readMissionExport } from './sqlite/queries/mission-export';
import type { Prisma } from './generated/prisma/client';
import { deliverableRuleColumns, milestoneRuleColumns } from './rule-columns';
import { AppError } from './trpc/trpc';
import { CREATOR_ROLES } from './auth/rights';
import type { AuthUser } from './auth/sessions';
import { admitMission } from './programme-data';

type Reader = Database | Prisma.TransactionClient;

export async function exportMissionDocument(
	db: Reader,
	missionId: string,
	exportedAt = new Date()
): Promise<MissionDocument | null> {
	// Prepared statements (the database layer), not Prisma: ~100 ms less of the request loop held.
	const m = await withSqlite(db, (access) => readMissionExport(access, missionId));
	if (!m) return null;
	// People are kept by name, and by e-mail when they have an account, so that an import can
	// relink them; rows validated before the name was stored name the account.
	const accountIds = [
		...m.deliverables.flatMap((d) => (d.validatedById ? [d.validatedById] : [])),
		...m.deliverables.flatMap((d) => d.submissions.map((s) => s.submittedById).filter(Boolean))
	];
	const accounts = new Map(
		accountIds.length === 0
			? []
			: (
					await db.user.findMany({
						where: { id: { in: [...new Set(accountIds)] } },
						select: { id: true, name: true, email: true }
					})
				).map((u) => [u.id, u] as const)
	);
	const programme = await programmeReference(db, m);
	// References follow the export order, so the same mission always gives the same document.
	const taskRef = new Map(m.tasks.map((t, i) => [t.id, `task-${i + 1}`]));
	const deliverableRef = new Map(m.deliverables.map((d) => [d.id, `deliverable-${d.number}`]));
	const milestoneRef = new Map(m.milestones.map((x, i) => [x.id, `milestone-${i + 1}`]));
	const profileRef = new Map(m.profiles.map((p, i) => [p.id, `profile-${i + 1}`]));
	const rolledProgress = rolledUpProgress(m.tasks);
	const linkOrder = (a: { predecessorId: string; successorId: string }) =>
		`${taskRef.get(a.predecessorId)}>${taskRef.get(a.successorId)}`;
	return {
		format: MISSION_DOCUMENT_FORMAT,
		version: MISSION_DOCUMENT_VERSION,
		exportedAt: exportedAt.toISOString(),
		mission: {
			title: m.title,
			clientOrganisation: m.clientOrganisation,
			reference: m.reference,
			kickoffDate: m.kickoffDate,
			plannedEndDate: m.plannedEndDate,
			budgetCapCents: m.budgetCapCents,
			capBasis: m.capBasis,
			vatRateBp: m.vatRateBp,
			status: m.status,
			contractAmountHtCents: m.contractAmountHtCents,
			paymentDelayDays: m.paymentDelayDays,
			buyerKind: m.buyerKind === 'COMPANY' ? 'COMPANY' : 'PUBLIC',
			latePaymentRateBp: m.latePaymentRateBp
		},
		programme,
		tasks: m.tasks.map((t) => ({
			ref: taskRef.get(t.id)!,
			parentRef: t.parentId ? (taskRef.get(t.parentId) ?? null) : null,
			kind: t.kind,
			name: t.name,
			startDate: t.startDate,
			endDate: t.endDate,
			// A summary row's progress is its children's (domain/outline.ts), as the page shows it.
			progress: rolledProgress.get(t.id) ?? t.progress
		})),
		dependencies: [...m.dependencies]
			.sort((a, b) => linkOrder(a).localeCompare(linkOrder(b)))
			.map((d) => ({
				predecessorRef: taskRef.get(d.predecessorId)!,
				successorRef: taskRef.get(d.successorId)!,
				type: d.type,
				lagDays: d.lagDays,
				lagUnit: d.lagUnit
			})),
		milestoneLinks: [...m.milestoneLinks]
			.map((l) => ({
				milestoneRef: milestoneRef.get(l.milestoneId)!,
				successorRef: taskRef.get(l.successorId)!,
				type: l.type,
				lagDays: l.lagDays,
				lagUnit: l.lagUnit
			}))
			.sort((a, b) => `${a.milestoneRef}>${a.successorRef}`.localeCompare(`${b.milestoneRef}>${b.successorRef}`)),
		deliverables: m.deliverables.map((d) => ({
			ref: deliverableRef.get(d.id)!,
			number: d.number,
			title: d.title,
			description: d.description,
			expectedFormat: d.expectedFormat,
			dueRule: deliverableRule(d),
			plannedDate: d.plannedDate,
			status: d.status,
			validatedOn: d.validatedOn,
			submittedOn: d.submittedOn,
			validatedByName: d.validatedByName ?? (d.validatedById ? (accounts.get(d.validatedById)?.name ?? null) : null),
			validatedByEmail: d.validatedById ? (accounts.get(d.validatedById)?.email ?? null) : null,
			submissions: d.submissions.map((s) => ({
				versionLabel: s.versionLabel,
				link: s.link,
				comment: s.comment,
				submittedByName: s.submittedByName,
				submittedByEmail: accounts.get(s.submittedById)?.email ?? null,
				submittedAt: s.submittedAt.toISOString(),
				decision: s.decision === 'VALIDATED' || s.decision === 'REWORK' ? s.decision : null,
				decisionComment: s.decisionComment,
				decidedByName: s.decidedByName,
				decidedAt: s.decidedAt?.toISOString() ?? null
			})),
			anchorRef: d.anchorTaskId ? (taskRef.get(d.anchorTaskId) ?? null) : null,
			anchorLagDays: d.anchorLagDays
		})),
		milestones: m.milestones.map((x) => ({
			ref: milestoneRef.get(x.id)!,
			name: x.name,
			kind: x.kind,
			dateRule: milestoneRule(x),
			isWeek: x.isWeek,
			timeOfDay: x.timeOfDay,
			anchorRef: x.anchorTaskId ? (taskRef.get(x.anchorTaskId) ?? null) : null,
			anchorLagDays: x.anchorLagDays
		})),
		tranches: m.tranches.map((t) => ({
			label: t.label,
			percentBp: t.percentBp,
			kind: t.kind,
			triggerKind: t.triggerKind,
			triggerRef:
				t.triggerKind === 'MILESTONE'
					? (t.triggerMilestoneId && milestoneRef.get(t.triggerMilestoneId)) || null
					: (t.triggerDeliverableId && deliverableRef.get(t.triggerDeliverableId)) || null,
			status: t.status,
			invoiceNumber: t.invoiceNumber,
			invoiceDate: t.invoiceDate,
			paymentDelayDays: t.paymentDelayDays,
			payments: t.payments.map((p) => ({
				paidOn: p.paidOn,
				amountCents: p.amountCents,
				recordedAt: p.createdAt.toISOString()
			}))
		})),
		contacts: m.contacts.map((c) => ({
			name: c.name,
			organisation: c.organisation,
			jobTitle: c.jobTitle,
			role: c.role,
			email: c.email
		})),
		costPlan: {
			profiles: m.profiles.map((p) => ({ ref: profileRef.get(p.id)!, name: p.name, dayRateHtCents: p.dayRateHtCents })),
			lines: m.costLines.map((l) => ({
				phaseRef: l.phaseId ? (taskRef.get(l.phaseId) ?? null) : null,
				profileRef: l.profileId ? (profileRef.get(l.profileId) ?? null) : null,
				label: l.label,
				dayHundredths: l.dayHundredths,
				fixedAmountHtCents: l.fixedAmountHtCents
			}))
		},
		funders: m.funders.map((f) => ({ name: f.name, shareBp: f.shareBp, ceilingCents: f.ceilingCents })),
		timeEntries: m.timeEntries
			.map((e) => ({
				profileRef: profileRef.get(e.profileId)!,
				phaseRef: e.phaseId ? (taskRef.get(e.phaseId) ?? null) : null,
				weekStart: e.weekStart,
				dayHundredths: e.dayHundredths
			}))
			.sort((a, b) => byKeys(a, b, ['weekStart', 'profileRef', 'phaseRef', 'dayHundredths'])),
		expenses: m.expenses
			.map((e) => ({
				phaseRef: e.phaseId ? (taskRef.get(e.phaseId) ?? null) : null,
				label: e.label,
				incurredOn: e.incurredOn,
				amountHtCents: e.amountHtCents
			}))
			.sort((a, b) => byKeys(a, b, ['incurredOn', 'label', 'phaseRef', 'amountHtCents'])),
		overCapApprovals: m.overCapApprovals.map((a) => ({
			planAmountCents: a.planAmountCents,
			overCents: a.overCents,
			comment: a.comment,
			createdAt: a.createdAt.toISOString(),
			kind: a.kind === 'CONTRACT' ? 'CONTRACT' : 'COST_PLAN',
			actorName: a.actorName
		}))
	};
}

/** The programme, beneficiary and order of a mission, named as a document keeps them; null when none. */
async function programmeReference(
	db: Reader,
	mission: { id: string; programmeId: string | null; beneficiaryId: string | null }
): Promise<MissionDocument['programme']> {
	if (!mission.programmeId) return null;
	const [programme, beneficiary, order] = await Promise.all([
		db.programme.findUnique({ where: { id: mission.programmeId } }),
		mission.beneficiaryId ? db.beneficiary.findUnique({ where: { id: mission.beneficiaryId } }) : null,
		db.programmeOrder.findUnique({ where: { missionId: mission.id }, select: { number: true } })
	]);
	if (!programme) return null;
	return {
		kind: programme.kind,
		title: programme.title,
		owner: programme.owner,
		startDate: programme.startDate,
		endDate: programme.endDate,
		beneficiary: beneficiary ? { name: beneficiary.name, siret: beneficiary.siret } : null,
		orderNumber: order?.number ?? null
	};
}

/** Orders rows by their values (database ids differ after an import; the document must not). */
function byKeys<T>(a: T, b: T, keys: (keyof T)[]): number {
	for (const key of keys) {
		const x = String(a[key] ?? '');
		const y = String(b[key] ?? '');
		if (x !== y) return x < y ? -1 : 1;
	}
	return 0;
}

/**
 * Rows per createMany of an import. Prisma compiles each createMany with its data on the request
 * loop (~50 ms for 200 tasks, measured): 50 rows keep each piece short, other requests run between.
 */
const IMPORT_CHUNK = 50;

/**
 * Creates a new mission from a document; the caller becomes its coordinator. Every import (backup,
 * template, MS Project, GanttProject) comes through here, so every one is checked as a whole
 * first, with the live procedures' rules: a refused document creates nothing.
 */
export async function importMissionDocument(
	tx: Prisma.TransactionClient,
	document: MissionDocument,
	ownerId: string | null,
	/** True for a document checkMissionDocument returned in a heavy worker: not checked twice. */
	checked = false
): Promise<string> {
	let doc: MissionDocument;
	try {
		// Checking 1 500 tasks holds the request loop (and the lock) for tens of ms: done in the worker when possible.
		doc = checked ? document : checkMissionDocument(document);
	} catch (error) {
		if (error instanceof DocumentImportError) throw new AppError('VALIDATION', error.message);
		throw error;
	}
	// People with an account on this server (by e-mail) are linked to it again; others keep their name.
	const emails = [
		...doc.deliverables.flatMap((d) => [d.validatedByEmail, ...(d.submissions ?? []).map((s) => s.submittedByEmail)])
	].filter((email): email is string => !!email);
	const accountByEmail = new Map(
		emails.length === 0
			? []
			: (
					await tx.user.findMany({
						where: { email: { in: [...new Set(emails)] } },
						select: { id: true, email: true }
					})
				).map((u) => [u.email, u.id] as const)
	);
	const accountOf = (email: string | null | undefined) => (email ? (accountByEmail.get(email) ?? null) : null);
	const mission = await tx.mission.create({
		data: {
			...doc.mission,
			...(ownerId ? { memberships: { create: CREATOR_ROLES.map((role) => ({ userId: ownerId, role })) } } : {})
		}
	});
	const missionId = mission.id;
	const taskIds = new Map<string, string>();
	const taskEnds = new Map<string, string>();
	// Parents come before their children in an export; otherwise, create in dependency order.
	// Ids are made here and rows written in chunks: one create per task held the request loop
	// for seconds of CPU on a 1 500-task import.
	const taskRows: Prisma.TaskCreateManyInput[] = [];
	const pending = [...doc.tasks];
	const parentRefs = new Set(doc.tasks.map((t) => t.parentRef));
	let sortOrder = 0;
	while (pending.length > 0) {
		const index = pending.findIndex((t) => !t.parentRef || taskIds.has(t.parentRef));
		if (index < 0) throw new AppError('VALIDATION', 'Sauvegarde incohérente : les phases forment une boucle.');
		const [t] = pending.splice(index, 1) as [MissionDocument['tasks'][number]];
		const taskId = randomUUID();
		taskRows.push({
			id: taskId,
			missionId,
			parentId: t.parentRef ? taskIds.get(t.parentRef)! : null,
			// A task with sub-tasks is a summary row (domain/outline.ts).
			kind: parentRefs.has(t.ref) ? 'PHASE' : t.kind,
			name: t.name,
			startDate: t.startDate,
			endDate: t.endDate,
			progress: t.progress,
			sortOrder: (sortOrder += 10)
		});
		taskIds.set(t.ref, taskId);
		taskEnds.set(t.ref, t.endDate);
	}
	for (let i = 0; i < taskRows.length; i += IMPORT_CHUNK) {
		await tx.task.createMany({ data: taskRows.slice(i, i + IMPORT_CHUNK) });
	}
	const linkRows = doc.dependencies.map((d): Prisma.DependencyCreateManyInput => ({
		missionId,
		predecessorId: taskIds.get(d.predecessorRef)!,
		successorId: taskIds.get(d.successorRef)!,
		type: d.type,
		lagDays: d.lagDays,
		lagUnit: d.lagUnit ?? 'ELAPSED_DAYS'
	}));
	for (let i = 0; i < linkRows.length; i += IMPORT_CHUNK) {
		await tx.dependency.createMany({ data: linkRows.slice(i, i + IMPORT_CHUNK) });
	}
	// A tie to a task gives the planned date (the document's date is what it was when exported).
	const tie = (item: { anchorRef?: string | null; anchorLagDays?: number }) =>
		item.anchorRef
			? {
					anchorTaskId: taskIds.get(item.anchorRef)!,
					anchorLagDays: item.anchorLagDays ?? 0,
					plannedDate: anchoredDate(taskEnds.get(item.anchorRef)!, item.anchorLagDays ?? 0)
				}
			: { anchorLagDays: item.anchorLagDays ?? 0 };
	const deliverableIds = new Map<string, string>();
	for (const d of doc.deliverables) {
		const row = await tx.deliverable.create({
			data: {
				missionId,
				number: d.number,
				title: d.title,
				description: d.description,
				expectedFormat: d.expectedFormat,
				...deliverableRuleColumns(d.dueRule),
				plannedDate: d.plannedDate,
				status: d.status,
				validatedOn: d.validatedOn ?? null,
				submittedOn: d.submittedOn ?? null,
				validatedByName: d.validatedByName ?? null,
				validatedById: accountOf(d.validatedByEmail),
				...tie(d)
			}
		});
		deliverableIds.set(d.ref, row.id);
		for (const s of d.submissions ?? []) {
			await tx.deliverableSubmission.create({
				data: {
					deliverableId: row.id,
					versionLabel: s.versionLabel,
					link: s.link,
					comment: s.comment,
					// No account of this database handed it in: the name is what the document keeps.
					submittedById: accountOf(s.submittedByEmail) ?? '',
					submittedByName: s.submittedByName,
					submittedAt: new Date(s.submittedAt),
					decision: s.decision,
					decisionComment: s.decisionComment,
					decidedByName: s.decidedByName,
					decidedAt: s.decidedAt ? new Date(s.decidedAt) : null
				}
			});
		}
	}
	const milestoneIds = new Map<string, string>();
	for (const [index, x] of doc.milestones.entries()) {
		const row = await tx.milestone.create({
			data: {
				missionId,
				name: x.name,
				kind: x.kind,
				...milestoneRuleColumns(x.dateRule),
				isWeek: x.isWeek,
				timeOfDay: x.timeOfDay,
				sortOrder: index + 1,
				...tie(x)
			}
		});
		milestoneIds.set(x.ref, row.id);
	}
	for (const l of doc.milestoneLinks ?? []) {
		await tx.milestoneLink.create({
			data: {
				missionId,
				milestoneId: milestoneIds.get(l.milestoneRef)!,
				successorId: taskIds.get(l.successorRef)!,
				type: l.type,
				lagDays: l.lagDays,
				lagUnit: l.lagUnit
			}
		});
	}
	const kinds = documentTrancheKinds(doc.tranches);
	for (const [index, t] of doc.tranches.entries()) {
		await tx.paymentTranche.create({
			data: {
				missionId,
				label: t.label,
				percentBp: t.percentBp,
				kind: kinds[index]!,
				sortOrder: index + 1,
				triggerKind: t.triggerKind,
				triggerMilestoneId: t.triggerKind === 'MILESTONE' && t.triggerRef ? milestoneIds.get(t.triggerRef)! : null,
				triggerDeliverableId:
					t.triggerKind === 'DELIVERABLE_VALIDATION' && t.triggerRef ? deliverableIds.get(t.triggerRef)! : null,
				status: t.status,
				invoiceNumber: t.invoiceNumber,
				invoiceDate: t.invoiceDate,
				paymentDelayDays: t.paymentDelayDays ?? null,
				payments: {
					create: t.payments.map((p) => ({
						paidOn: p.paidOn,
						amountCents: p.amountCents,
						...(p.recordedAt && { createdAt: new Date(p.recordedAt) })
					}))
				}
			}
		});
	}
	if (doc.contacts.length > 0) await tx.contact.createMany({ data: doc.contacts.map((c) => ({ ...c, missionId })) });
	const profileIds = new Map<string, string>();
	for (const [index, p] of doc.costPlan.profiles.entries()) {
		const row = await tx.costProfile.create({
			data: { missionId, name: p.name, dayRateHtCents: p.dayRateHtCents, sortOrder: index + 1 }
		});
		profileIds.set(p.ref, row.id);
	}
	for (const l of doc.costPlan.lines) {
		await tx.costLine.create({
			data: {
				missionId,
				phaseId: l.phaseRef ? taskIds.get(l.phaseRef)! : null,
				profileId: l.profileRef ? profileIds.get(l.profileRef)! : null,
				label: l.label,
				dayHundredths: l.dayHundredths,
				fixedAmountHtCents: l.fixedAmountHtCents
			}
		});
	}
	for (const [index, f] of doc.funders.entries()) {
		await tx.funder.create({ data: { missionId, ...f, sortOrder: index + 1 } });
	}
	const timeEntries = doc.timeEntries ?? [];
	if (timeEntries.length > 0) {
		await tx.timeEntry.createMany({
			data: timeEntries.map((e) => ({
				missionId,
				profileId: profileIds.get(e.profileRef)!,
				phaseId: e.phaseRef ? taskIds.get(e.phaseRef)! : null,
				weekStart: e.weekStart,
				dayHundredths: e.dayHundredths
			}))
		});
	}
	const expenses = doc.expenses ?? [];
	if (expenses.length > 0) {
		await tx.expense.createMany({
			data: expenses.map((e) => ({
				missionId,
				phaseId: e.phaseRef ? taskIds.get(e.phaseRef)! : null,
				label: e.label,
				incurredOn: e.incurredOn,
				amountHtCents: e.amountHtCents
			}))
		});
	}
	for (const a of doc.overCapApprovals ?? []) {
		await tx.overCapApproval.create({
			data: {
				missionId,
				planAmountCents: a.planAmountCents,
				overCents: a.overCents,
				comment: a.comment,
				createdAt: new Date(a.createdAt),
				kind: a.kind ?? 'COST_PLAN',
				actorName: a.actorName ?? null
			}
		});
	}
	return missionId;
}

/**
 * Puts a restored mission back in the programme its document names, when this server holds that
 * programme (same kind, title, owner and period) and the person restoring may attach missions to
 * it, as programmes.attachMission does: the envelope rule applies, and an overrun is never
 * confirmed on anyone's behalf. Returns what could not be restored, in French, for the import report.
 */
export async function restoreProgrammeLink(
	tx: Prisma.TransactionClient,
	missionId: string,
	reference: MissionDocument['programme'],
	user: AuthUser
): Promise<string[]> {
	if (!reference) return [];
	const title = `programme « ${reference.title} »`;
	const candidates = await tx.programme.findMany({
		where: {
			kind: reference.kind,
			title: reference.title,
			owner: reference.owner,
			startDate: reference.startDate,
			endDate: reference.endDate
		}
	});
	if (candidates.length !== 1) {
		return [
			candidates.length === 0
				? `La mission appartenait au ${title}, absent de ce serveur : elle n’y est pas rattachée.`
				: `La mission appartenait au ${title}, que plusieurs programmes de ce serveur pourraient être : rattachez-la depuis la page du bon programme.`
		];
	}
	const programme = candidates[0]!;
	if (!user.isAdmin) {
		const manager = await tx.programmeMember.count({
			where: { programmeId: programme.id, userId: user.id, role: 'MANAGER' }
		});
		if (manager === 0)
			return [`La mission appartenait au ${title} : seul un de ses gestionnaires peut l’y rattacher de nouveau.`];
	}
	let beneficiaryId: string | null = null;
	if (reference.beneficiary) {
		const { name, siret } = reference.beneficiary;
		const beneficiary = await tx.beneficiary.findFirst({
			where: { programmeId: programme.id, ...(siret ? { siret } : { name }) }
		});
		if (!beneficiary)
			return [
				`La mission appartenait au ${title} pour le bénéficiaire « ${name} », absent de ce programme : elle n’y est pas rattachée.`
			];
		beneficiaryId = beneficiary.id;
	}
	// The programme's one rule (ceiling per service, envelope), as when attaching from its page; a
	// restore cannot confirm an overrun, so it leaves the mission out and says why.
	try {
		await admitMission(tx, user, programme, missionId, null);
	} catch (error) {
		if (error instanceof AppError && error.appCode === 'OVER_CAP')
			return [
				`La mission n’est pas rattachée au ${title} : ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`
			];
		throw error;
	}
	await tx.mission.update({ where: { id: missionId }, data: { programmeId: programme.id, beneficiaryId } });
	const warnings: string[] = [];
	if (reference.orderNumber !== null) {
		const order = await tx.programmeOrder.findUnique({
			where: { programmeId_number: { programmeId: programme.id, number: reference.orderNumber } },
			include: { mission: { select: { title: true } } }
		});
		if (!order)
			warnings.push(`La commande n° ${reference.orderNumber} du ${title} n’existe plus : la mission n’y est pas liée.`);
		else if (order.mission)
			warnings.push(
				`La commande n° ${reference.orderNumber} du ${title} reste liée à la mission « ${order.mission.title} ».`
			);
		else await tx.programmeOrder.update({ where: { id: order.id }, data: { missionId } });
	}
	return warnings;
}
