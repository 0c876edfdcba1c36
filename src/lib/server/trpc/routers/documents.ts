// Whole-mission backup (export and import of a mission document) and templates.
import { z } from 'zod';
import { checkMissionDocument, DocumentImportError, moveDocumentTo, type MissionDocument } from '$lib/mission-document';
import { id, isoDate, optionalText, text } from '$lib/schemas';
import { exportMissionDocument, importMissionDocument, restoreProgrammeLink } from '../../mission-document';
import { recordAudit } from '../../audit';
import type { AuthUser } from '../../auth/sessions';
import type { Prisma } from '../../generated/prisma/client';
import { checkPlanSize, heavyForApi, toAppError } from '../../heavy';
import { BUILTIN_TEMPLATES } from '../../templates/builtin';
import {
	AppError,
	coordinatorProcedure,
	creatorProcedure,
	memberProcedure,
	notFound,
	router,
	userProcedure
} from '../trpc';

/**
 * An import writes up to HEAVY_LIMITS.maxTasks tasks one by one (seconds on a loaded machine):
 * Prisma's default 5 s would roll it back half-way. Other requests are served meanwhile (db.ts
 * yields to the event loop between statements).
 */
const IMPORT_TRANSACTION = { timeout: 60_000, maxWait: 10_000 };

/** Creates the mission and records its origin in the new mission's history. */
async function importAndRecord(
	tx: Prisma.TransactionClient,
	document: MissionDocument,
	user: AuthUser,
	origin: string,
	/** The document comes from a heavy job that ran checkMissionDocument (heavy/jobs.ts). */
	checked = false
): Promise<string> {
	const missionId = await importMissionDocument(tx, document, user.id, checked);
	await recordAudit(tx, user, {
		missionId,
		objectType: 'mission',
		objectId: missionId,
		action: 'create',
		after: { origin, title: document.mission.title }
	});
	return missionId;
}

/** A saved template is its author's until an administrator publishes it (it holds rates and ceilings). */
function visibleTemplates(user: AuthUser): Prisma.MissionTemplateWhereInput {
	return user.isAdmin ? {} : { OR: [{ published: true }, { createdById: user.id }] };
}

/** Validates an uploaded document, with every problem in French. */
function parseDocument(raw: unknown): MissionDocument {
	try {
		return checkMissionDocument(raw);
	} catch (error) {
		if (error instanceof DocumentImportError) throw new AppError('VALIDATION', error.message);
		throw error;
	}
}

export const documentsRouter = router({
	exportMission: memberProcedure.input(z.object({ missionId: id })).query(async ({ ctx, input }) => {
		const document = await exportMissionDocument(ctx.db, input.missionId);
		if (!document) throw notFound('Mission');
		return document;
	}),

	importMission: creatorProcedure
		.input(
			z.object({
				document: z.unknown(),
				kickoffDate: isoDate('Démarrage').optional(),
				title: text('Le titre', 300).optional()
			})
		)
		.mutation(async ({ ctx, input }) => {
			// Validating and moving thousands of tasks is CPU work: a worker thread does it.
			const document = await heavyForApi('missionDocument', [
				input.document,
				{ kickoffDate: input.kickoffDate, title: input.title }
			]);
			return ctx.db.$transaction(async (tx) => {
				const id = await importAndRecord(tx, document, ctx.user!, 'import', true);
				// What the restore could not put back (the programme, its order), for the import report.
				const warnings = await restoreProgrammeLink(tx, id, document.programme, ctx.user!);
				return { id, warnings };
			}, IMPORT_TRANSACTION);
		}),

	/** MS Project XML (MSPDI) or GanttProject (.gan): a new mission, and what was left out. */
	importProject: creatorProcedure
		.input(
			z.object({
				content: z
					.string()
					.min(1, { error: 'Fichier vide.' })
					.max(5_000_000, { error: 'Fichier trop volumineux (5 Mo au plus).' }),
				title: optionalText('Le titre', 300).transform((v) => v ?? undefined),
				clientOrganisation: text('Le commanditaire', 200),
				budgetCapCents: z
					.number()
					.int()
					.min(1, { error: 'Plafond budgétaire : montant positif attendu.' })
					.max(100_000_000_00)
			})
		)
		.mutation(async ({ ctx, input }) => {
			// Parsing runs in a worker thread, bounded in time, tasks and time span (heavy/limits.ts).
			const { document, warnings } = await heavyForApi('importProject', [
				input.content,
				{ title: input.title, clientOrganisation: input.clientOrganisation, budgetCapCents: input.budgetCapCents }
			]);
			const id = await ctx.db.$transaction(
				(tx) => importAndRecord(tx, document, ctx.user!, 'importProject', true),
				IMPORT_TRANSACTION
			);
			return { id, warnings, taskCount: document.tasks.length, linkCount: document.dependencies.length };
		}),

	exportMspdi: memberProcedure.input(z.object({ missionId: id })).query(async ({ ctx, input }) => {
		const document = await exportMissionDocument(ctx.db, input.missionId);
		if (!document) throw notFound('Mission');
		try {
			checkPlanSize({ tasks: document.tasks, links: document.dependencies.length });
		} catch (error) {
			throw toAppError(error);
		}
		return heavyForApi('exportMspdi', [document]);
	}),

	/** GanttProject (.gan) of a mission. */
	exportGanttProject: memberProcedure.input(z.object({ missionId: id })).query(async ({ ctx, input }) => {
		const document = await exportMissionDocument(ctx.db, input.missionId);
		if (!document) throw notFound('Mission');
		try {
			checkPlanSize({ tasks: document.tasks, links: document.dependencies.length });
		} catch (error) {
			throw toAppError(error);
		}
		return heavyForApi('exportGanttProject', [document]);
	}),

	templates: userProcedure.query(async ({ ctx }) => {
		const saved = await ctx.db.missionTemplate.findMany({
			where: visibleTemplates(ctx.user!),
			orderBy: { name: 'asc' },
			select: { id: true, name: true, description: true, published: true }
		});
		return [
			...BUILTIN_TEMPLATES.map(({ id, name, description }) => ({ id, name, description, builtIn: true })),
			...saved.map((t) => ({ ...t, builtIn: false }))
		];
	}),

	createFromTemplate: creatorProcedure
		.input(
			z.object({
				templateId: id,
				kickoffDate: isoDate('Date de démarrage'),
				title: text('Le titre', 300),
				clientOrganisation: text('Le commanditaire', 200),
				budgetCapCents: z
					.number()
					.int()
					.min(1, { error: 'Plafond budgétaire : montant positif attendu.' })
					.max(100_000_000_00),
				capBasis: z.enum(['HT', 'TTC']).default('TTC')
			})
		)
		.mutation(async ({ ctx, input }) => {
			const builtIn = BUILTIN_TEMPLATES.find((t) => t.id === input.templateId);
			const stored = builtIn
				? null
				: await ctx.db.missionTemplate.findFirst({ where: { id: input.templateId, ...visibleTemplates(ctx.user!) } });
			if (!builtIn && !stored) throw notFound('Modèle');
			const template = builtIn ? builtIn.document : parseDocument(JSON.parse(stored!.document));
			const moved = moveDocumentTo(template, input.kickoffDate);
			const document: MissionDocument = {
				...moved,
				mission: {
					...moved.mission,
					title: input.title,
					clientOrganisation: input.clientOrganisation,
					budgetCapCents: input.budgetCapCents,
					capBasis: input.capBasis,
					status: 'ACTIVE'
				}
			};
			return ctx.db.$transaction(
				async (tx) => ({ id: await importAndRecord(tx, document, ctx.user!, 'import') }),
				IMPORT_TRANSACTION
			);
		}),

	saveAsTemplate: coordinatorProcedure
		.input(
			z.object({
				missionId: id,
				name: text('Le nom du modèle', 100),
				description: optionalText('La description', 500, true)
			})
		)
		.mutation(async ({ ctx, input }) => {
			const document = await exportMissionDocument(ctx.db, input.missionId);
			if (!document) throw notFound('Mission');
			// A template keeps the plan, not what happened: statuses, invoices, payments and people are reset.
			const blank: MissionDocument = {
				...document,
				exportedAt: undefined,
				mission: { ...document.mission, status: 'DRAFT' },
				programme: null,
				tasks: document.tasks.map((t) => ({ ...t, progress: 0 })),
				deliverables: document.deliverables.map(
					({
						validatedOn: _on,
						submittedOn: _first,
						validatedByName: _by,
						validatedByEmail: _email,
						submissions: _s,
						...d
					}) => ({ ...d, status: 'TODO' as const })
				),
				tranches: document.tranches.map((t) => ({
					...t,
					status: 'PLANNED',
					invoiceNumber: null,
					invoiceDate: null,
					payments: []
				})),
				contacts: [],
				timeEntries: [],
				expenses: [],
				overCapApprovals: []
			};
			if (await ctx.db.missionTemplate.findUnique({ where: { name: input.name } })) {
				throw new AppError('CONFLICT', `Un modèle « ${input.name} » existe déjà.`);
			}
			const template = await ctx.db.missionTemplate.create({
				data: {
					name: input.name,
					description: input.description ?? null,
					document: JSON.stringify(blank),
					createdById: ctx.user!.id
				}
			});
			return { id: template.id };
		})
});
