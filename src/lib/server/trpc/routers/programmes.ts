// Programmes: support schemes and framework agreements holding many missions under one
// envelope; their beneficiaries, price list (BPU), people, missions and funding rule.
// Access (programme-access.ts): administrators and the programme's managers edit it; viewers read
// it; a beneficiary's people read only their own beneficiary, orders and the price list.
import { z } from 'zod';
import { buildMissionPlan } from '$lib/domain/mission-plan';
import { orderSteps } from '$lib/domain/programme-orders';
import { fundingPlan, FundingRuleError, schemeParties } from '$lib/domain/programme-funding';
import { missionServiceCents } from '$lib/domain/programme-envelope';
import { deliverableFlag } from '$lib/domain/dashboard';
import { id } from '$lib/schemas';
import {
	attachInput,
	beneficiaryInput,
	deleteBeneficiaryInput,
	deletePriceLineInput,
	grantInput,
	portfolioInput,
	programmeMissionInput,
	priceLineInput,
	programmeCreateInput,
	programmeDeleteInput,
	programmeUpdateInput,
	reportInput
} from '$lib/programme-schemas';
import { moveDocumentTo } from '$lib/mission-document';
import { recordAudit } from '../../audit';
import { importMissionDocument } from '../../mission-document';
import { BUILTIN_TEMPLATES } from '../../templates/builtin';
import { loadManyMissionRows } from '../../mission-data';
import { sqliteOf, type Database } from '../../db';
import type { AuthUser } from '../../auth/sessions';
import { admitMission, programmeSummary, standingOverruns } from '../../programme-data';
import { programmeReport } from '../../programme-report';
import { filterChoices } from '../../mission-filters';
import { overlapsPeriod } from '$lib/components/programmes/mission-filters';
import type { ProgrammeAccess } from '../programme-access';
import {
	AppError,
	financeProcedure,
	memberProcedure,
	notFound,
	programmeProcedure,
	rolesOn,
	adminProcedure,
	router,
	userProcedure,
	type Context
} from '../trpc';

/** The programme access the middleware checked (programme-access.ts). */
export function accessOf(ctx: unknown): ProgrammeAccess {
	return (ctx as { programme: ProgrammeAccess }).programme;
}

function conflict(): AppError {
	return new AppError('CONFLICT', 'Ce programme a été modifié entre-temps : rechargez la page.');
}

function rowConflict(what: string): AppError {
	return new AppError('CONFLICT', `${what} a été modifié ou supprimé entre-temps : rechargez la page.`);
}

function versionMissing(): AppError {
	return new AppError('VALIDATION', 'Version attendue pour modifier cette ligne : rechargez la page.');
}

const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;

/** The funding of a mission by its programme's rule, or null when it has none. */
async function missionFunding(ctx: Pick<Context, 'db'>, missionId: string) {
	const mission = await ctx.db.mission.findUnique({
		where: { id: missionId },
		include: { tranches: { orderBy: { sortOrder: 'asc' }, select: { label: true, percentBp: true, kind: true } } }
	});
	if (!mission) throw notFound('Mission');
	if (!mission.programmeId) return null;
	const programme = await ctx.db.programme.findUnique({ where: { id: mission.programmeId } });
	const beneficiary = mission.beneficiaryId
		? await ctx.db.beneficiary.findUnique({ where: { id: mission.beneficiaryId } })
		: null;
	if (!programme || programme.kind !== 'SCHEME' || !beneficiary) return null;
	const serviceCents = missionServiceCents(mission, programme.envelopeBasis);
	const parties = schemeParties(programme, {
		schemeName: programme.title,
		beneficiaryName: beneficiary.name,
		isMember: beneficiary.isMember
	});
	// The price is shared over the acomptes and the solde; an avance is cash ahead of them,
	// recovered on them, so it has no share of its own.
	const priced = mission.tranches.filter((t) => t.kind !== 'AVANCE');
	const percents = priced.map((t) => t.percentBp);
	const balanced = percents.reduce((a, b) => a + b, 0) === 10_000;
	try {
		const plan = fundingPlan(serviceCents, parties, balanced ? percents : [], {
			cents: programme.serviceCeilingCents,
			basis: programme.envelopeBasis
		});
		return {
			programmeTitle: programme.title,
			basis: programme.envelopeBasis,
			beneficiary: { name: beneficiary.name, isMember: beneficiary.isMember },
			tranches: balanced ? priced.map((t) => t.label) : ['Total'],
			plan,
			problem: null as string | null
		};
	} catch (error) {
		if (error instanceof FundingRuleError) {
			return {
				programmeTitle: programme.title,
				basis: programme.envelopeBasis,
				beneficiary: { name: beneficiary.name, isMember: beneficiary.isMember },
				tranches: [],
				plan: null,
				problem: error.message
			};
		}
		throw error;
	}
}

export const programmesRouter = router({
	/** The programmes the caller belongs to (every one for an administrator). */
	list: userProcedure.query(async ({ ctx }) => {
		const user = ctx.user!;
		const programmes = await ctx.db.programme.findMany({
			where: user.isAdmin ? {} : { members: { some: { userId: user.id } } },
			orderBy: [{ startDate: 'desc' }, { title: 'asc' }],
			include: { members: { where: { userId: user.id }, select: { role: true } } }
		});
		return programmes.map((p) => ({
			id: p.id,
			kind: p.kind,
			title: p.title,
			owner: p.owner,
			startDate: p.startDate,
			endDate: p.endDate,
			// The envelope is the holder's and the buyer's business: never a beneficiary's person's.
			envelope:
				user.isAdmin || p.members.some((m) => m.role !== 'BENEFICIARY')
					? { cents: p.envelopeCents, basis: p.envelopeBasis }
					: null
		}));
	}),

	/**
	 * Creating a programme is an administrator's right: a programme commits public money. The
	 * administrator then gives its management to the holder's people (grantRole, MANAGER).
	 */
	create: adminProcedure.input(programmeCreateInput).mutation(({ ctx, input }) =>
		ctx.db.$transaction(async (tx) => {
			const programme = await tx.programme.create({
				// Administrators see every programme: no role of their own, the managers are granted.
				data: input
			});
			await recordAudit(tx, ctx.user, {
				missionId: null,
				objectType: 'programme',
				objectId: programme.id,
				action: 'create',
				after: { title: programme.title, kind: programme.kind }
			});
			return { id: programme.id };
		})
	),

	get: programmeProcedure('member')
		.input(z.object({ programmeId: id }))
		.query(async ({ ctx, input }) => {
			const access = accessOf(ctx);
			const programme = await ctx.db.programme.findUnique({ where: { id: input.programmeId } });
			if (!programme) throw notFound('Programme');
			const scope = access.beneficiaryScope;
			const onlyScope = scope ? { id: { in: scope } } : {};
			const [beneficiaries, priceLines, orders] = await Promise.all([
				ctx.db.beneficiary.findMany({ where: { programmeId: programme.id, ...onlyScope }, orderBy: { name: 'asc' } }),
				ctx.db.priceLine.findMany({
					where: { programmeId: programme.id },
					orderBy: [{ sortOrder: 'asc' }, { code: 'asc' }]
				}),
				ctx.db.programmeOrder.findMany({
					where: { programmeId: programme.id, ...(scope ? { beneficiaryId: { in: scope } } : {}) },
					orderBy: { number: 'asc' },
					include: { lines: { orderBy: { sortOrder: 'asc' } } }
				})
			]);
			// The envelope, the missions and the people are the holder's and the buyer's business.
			const full = scope === null;
			const summary = full ? await programmeSummary(ctx.db, programme) : null;
			const [members, overruns] = full
				? await Promise.all([
						ctx.db.programmeMember.findMany({ where: { programmeId: programme.id } }),
						standingOverruns(ctx.db, programme.id)
					])
				: [[], []];
			// A scheme's page shows how its rule funds each mission.
			const funding =
				full && programme.kind === 'SCHEME'
					? await Promise.all(
							(summary?.missions ?? []).map(async (m) => ({
								missionId: m.id,
								funding: await missionFunding(ctx, m.id)
							}))
						)
					: [];
			const users = await ctx.db.user.findMany({
				where: { id: { in: members.map((m) => m.userId) } },
				select: { id: true, name: true, email: true }
			});
			const today = ctx.today();
			// No Date objects in the answer: the page reads it as JSON. The envelope, the basis and
			// the funding rule go only to those who see the whole programme.
			const {
				createdAt: _created,
				envelopeCents,
				envelopeBasis,
				memberShareBp,
				nonMemberShareBp,
				serviceCeilingCents,
				...programmeFields
			} = programme;
			return {
				programme: programmeFields,
				terms: full ? { envelopeCents, envelopeBasis, memberShareBp, nonMemberShareBp, serviceCeilingCents } : null,
				roles: access.programmeRoles,
				isAdmin: ctx.user!.isAdmin,
				beneficiaryScope: scope,
				beneficiaries,
				priceLines,
				orders: orders.map(({ createdAt: _c, ...o }) => ({ ...o, steps: orderSteps(o, today) })),
				envelope: summary?.envelope ?? null,
				missions: summary?.missions ?? [],
				members: members.map((m) => ({ ...m, user: users.find((u) => u.id === m.userId) ?? null })),
				overruns: overruns.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })),
				funding
			};
		}),

	/** Edits any field from the version the edit is based on; before and after go to the history. */
	update: programmeProcedure(['MANAGER'])
		.input(programmeUpdateInput)
		.mutation(({ ctx, input }) =>
			ctx.db.$transaction(async (tx) => {
				const { programmeId, expectedVersion, ...changes } = input;
				const before = await tx.programme.findUnique({ where: { id: programmeId } });
				if (!before) throw notFound('Programme');
				const start = changes.startDate ?? before.startDate;
				const end = changes.endDate ?? before.endDate;
				if (end < start) throw new AppError('END_BEFORE_START', 'La fin de la période ne peut pas précéder son début.');
				if (changes.kind && changes.kind !== before.kind) {
					const [missions, orders] = await Promise.all([
						tx.mission.count({ where: { programmeId } }),
						tx.programmeOrder.count({ where: { programmeId } })
					]);
					if (missions + orders > 0) {
						throw new AppError(
							'INVALID_OPERATION',
							`Le type ne peut plus changer : le programme a déjà ${[
								missions > 0 ? plural(missions, 'mission') : '',
								orders > 0 ? plural(orders, 'commande') : ''
							]
								.filter(Boolean)
								.join(' et ')}. Créez un autre programme.`
						);
					}
				}
				const updated = await tx.programme.updateMany({
					where: { id: programmeId, version: expectedVersion },
					data: { ...changes, version: { increment: 1 } }
				});
				if (updated.count === 0) throw conflict();
				const changed = (Object.keys(changes) as (keyof typeof changes)[]).filter((k) => changes[k] !== before[k]);
				await recordAudit(tx, ctx.user, {
					missionId: null,
					objectType: 'programme',
					objectId: programmeId,
					action: 'update',
					before: Object.fromEntries(changed.map((k) => [k, before[k]])),
					after: Object.fromEntries(changed.map((k) => [k, changes[k]]))
				});
				return { ok: true, version: expectedVersion + 1 };
			})
		),

	/**
	 * Deletes a programme (administrators, who create them): its beneficiaries, price list, orders
	 * with their quotes, people's roles and recorded overruns go with it; its missions stay, out of
	 * any programme. The page lists all this before asking; the answer says what went.
	 */
	delete: programmeProcedure(['MANAGER'])
		.input(programmeDeleteInput)
		.mutation(({ ctx, input }) => {
			if (!ctx.user!.isAdmin) {
				throw new AppError('FORBIDDEN', 'Seul un administrateur peut supprimer un programme.');
			}
			return ctx.db.$transaction(async (tx) => {
				const programme = await tx.programme.findUnique({ where: { id: input.programmeId } });
				if (!programme) throw notFound('Programme');
				if (programme.version !== input.expectedVersion) throw conflict();
				const where = { programmeId: programme.id };
				const [beneficiaries, priceLines, orders, members, overruns, missions] = await Promise.all([
					tx.beneficiary.count({ where }),
					tx.priceLine.count({ where }),
					tx.programmeOrder.count({ where }),
					tx.programmeMember.count({ where }),
					tx.envelopeOverrun.count({ where }),
					tx.mission.findMany({ where, select: { id: true, beneficiaryId: true } })
				]);
				for (const mission of missions) {
					await tx.mission.update({
						where: { id: mission.id },
						data: { programmeId: null, beneficiaryId: null, version: { increment: 1 } }
					});
					await recordAudit(tx, ctx.user, {
						missionId: mission.id,
						objectType: 'mission',
						objectId: mission.id,
						action: 'update',
						before: { programmeId: programme.id, beneficiaryId: mission.beneficiaryId },
						after: { programmeId: null, beneficiaryId: null }
					});
				}
				// Beneficiaries, price lines, orders, roles and overruns go with it (onDelete: Cascade).
				await tx.programme.delete({ where: { id: programme.id } });
				const gone = { beneficiaries, priceLines, orders, members, overruns, missionsDetached: missions.length };
				await recordAudit(tx, ctx.user, {
					missionId: null,
					objectType: 'programme',
					objectId: programme.id,
					action: 'delete',
					before: { title: programme.title, kind: programme.kind, ...gone }
				});
				return gone;
			});
		}),

	/** Adds a beneficiary, or edits one from the version the edit is based on. */
	saveBeneficiary: programmeProcedure(['MANAGER'])
		.input(beneficiaryInput)
		.mutation(async ({ ctx, input }) => {
			const { programmeId, beneficiaryId, expectedVersion, ...data } = input;
			if (data.siret) {
				const same = await ctx.db.beneficiary.findFirst({
					where: { programmeId, siret: data.siret, ...(beneficiaryId ? { id: { not: beneficiaryId } } : {}) }
				});
				if (same) throw new AppError('CONFLICT', `Le SIRET ${data.siret} est déjà celui de « ${same.name} ».`);
			}
			if (!beneficiaryId) {
				const row = await ctx.db.beneficiary.create({ data: { ...data, programmeId } });
				return { id: row.id, version: row.version };
			}
			if (expectedVersion === undefined) throw versionMissing();
			const updated = await ctx.db.beneficiary.updateMany({
				where: { id: beneficiaryId, programmeId, version: expectedVersion },
				data: { ...data, version: { increment: 1 } }
			});
			if (updated.count === 0) throw rowConflict('Ce bénéficiaire');
			return { id: beneficiaryId, version: expectedVersion + 1 };
		}),

	/** Removes a beneficiary nothing refers to: its orders, missions and people would lose it. */
	deleteBeneficiary: programmeProcedure(['MANAGER'])
		.input(deleteBeneficiaryInput)
		.mutation(({ ctx, input }) =>
			ctx.db.$transaction(async (tx) => {
				const beneficiary = await tx.beneficiary.findUnique({ where: { id: input.beneficiaryId } });
				if (beneficiary?.version !== input.expectedVersion) throw rowConflict('Ce bénéficiaire');
				// People who represent it would lose their access with it: they are named first.
				const [orders, missions, people] = await Promise.all([
					tx.programmeOrder.findMany({ where: { beneficiaryId: beneficiary.id }, select: { number: true } }),
					tx.mission.count({ where: { beneficiaryId: beneficiary.id } }),
					tx.programmeMember.count({ where: { beneficiaryId: beneficiary.id } })
				]);
				if (orders.length > 0 || missions > 0 || people > 0) {
					const uses = [
						people > 0 ? `${plural(people, 'personne')} qui le représente${people > 1 ? 'nt' : ''}` : '',
						orders.length > 0
							? `${plural(orders.length, 'commande')} (n° ${orders.map((o) => o.number).join(', ')})`
							: '',
						missions > 0 ? plural(missions, 'mission') : ''
					].filter(Boolean);
					throw new AppError(
						'INVALID_OPERATION',
						`« ${beneficiary.name} » a ${uses.slice(0, -1).join(', ')}${uses.length > 1 ? ' et ' : ''}${uses.at(-1)} : il ne peut pas être supprimé.`,
						'IN_USE'
					);
				}
				await tx.beneficiary.delete({ where: { id: beneficiary.id } });
				await recordAudit(tx, ctx.user, {
					missionId: null,
					objectType: 'beneficiary',
					objectId: beneficiary.id,
					action: 'delete',
					before: { name: beneficiary.name, siret: beneficiary.siret }
				});
				return { ok: true };
			})
		),

	/** Adds a price line (BPU), or edits one from the version the edit is based on. */
	savePriceLine: programmeProcedure(['MANAGER'])
		.input(priceLineInput)
		.mutation(async ({ ctx, input }) => {
			const { programmeId, priceLineId, expectedVersion, ...data } = input;
			const same = await ctx.db.priceLine.findFirst({
				where: { programmeId, code: data.code, ...(priceLineId ? { id: { not: priceLineId } } : {}) }
			});
			if (same) throw new AppError('CONFLICT', `Le code ${data.code} existe déjà dans le bordereau.`);
			if (!priceLineId) {
				const count = await ctx.db.priceLine.count({ where: { programmeId } });
				const row = await ctx.db.priceLine.create({ data: { ...data, programmeId, sortOrder: count } });
				return { id: row.id, version: row.version };
			}
			if (expectedVersion === undefined) throw versionMissing();
			// Quotes keep their own copy of the label and unit price: an edit reprices future quotes only.
			const updated = await ctx.db.priceLine.updateMany({
				where: { id: priceLineId, programmeId, version: expectedVersion },
				data: { ...data, version: { increment: 1 } }
			});
			if (updated.count === 0) throw rowConflict('Cette ligne du bordereau');
			return { id: priceLineId, version: expectedVersion + 1 };
		}),

	/** Removes a price line no order's quote uses (the report's BPU split counts on it). */
	deletePriceLine: programmeProcedure(['MANAGER'])
		.input(deletePriceLineInput)
		.mutation(({ ctx, input }) =>
			ctx.db.$transaction(async (tx) => {
				const line = await tx.priceLine.findUnique({ where: { id: input.priceLineId } });
				if (line?.version !== input.expectedVersion) throw rowConflict('Cette ligne du bordereau');
				const used = await tx.orderQuoteLine.findMany({
					where: { priceLineId: line.id },
					select: { order: { select: { number: true } } },
					distinct: ['orderId']
				});
				if (used.length > 0) {
					const numbers = [...new Set(used.map((u) => u.order.number))].sort((a, b) => a - b);
					throw new AppError(
						'INVALID_OPERATION',
						`La ligne ${line.code} est utilisée par ${numbers.length > 1 ? 'les commandes' : 'la commande'} n° ${numbers.join(', ')} : elle ne peut pas être supprimée.`,
						'IN_USE'
					);
				}
				await tx.priceLine.delete({ where: { id: line.id } });
				await recordAudit(tx, ctx.user, {
					missionId: null,
					objectType: 'priceLine',
					objectId: line.id,
					action: 'delete',
					before: { code: line.code, label: line.label, unitPriceHtCents: line.unitPriceHtCents }
				});
				return { ok: true };
			})
		),

	/** Gives a person (an existing account) a role on the programme. */
	grantRole: programmeProcedure(['MANAGER'])
		.input(grantInput)
		.mutation(async ({ ctx, input }) => {
			const user = await ctx.db.user.findUnique({ where: { email: input.email.toLowerCase() } });
			if (!user) throw new AppError('NOT_FOUND', `Aucun compte pour ${input.email} : un administrateur doit le créer.`);
			if (input.role === 'BENEFICIARY' && !input.beneficiaryId) {
				throw new AppError('VALIDATION', 'Choisissez le bénéficiaire que cette personne représente.');
			}
			if (input.beneficiaryId) {
				const b = await ctx.db.beneficiary.findFirst({
					where: { id: input.beneficiaryId, programmeId: input.programmeId }
				});
				if (!b) throw notFound('Bénéficiaire');
			}
			const existing = await ctx.db.programmeMember.findFirst({
				where: { programmeId: input.programmeId, userId: user.id, role: input.role }
			});
			if (existing) throw new AppError('CONFLICT', `${user.name} a déjà ce rôle sur le programme.`);
			await ctx.db.programmeMember.create({
				data: {
					programmeId: input.programmeId,
					userId: user.id,
					role: input.role,
					beneficiaryId: input.role === 'BENEFICIARY' ? input.beneficiaryId : null
				}
			});
			return { ok: true };
		}),

	/** Puts a mission in the programme: its coordination and the programme's managers agree. */
	attachMission: programmeProcedure(['MANAGER'])
		.input(attachInput)
		.mutation(async ({ ctx, input }) => {
			if (!ctx.user!.isAdmin) {
				const roles = await rolesOn(ctx.db, ctx.user!.id, input.missionId);
				if (!roles.includes('COORDINATOR'))
					throw new AppError('FORBIDDEN', 'Seule la coordination de la mission peut la rattacher à un programme.');
			}
			return ctx.db.$transaction(async (tx) => {
				const programme = await tx.programme.findUniqueOrThrow({ where: { id: input.programmeId } });
				const mission = await tx.mission.findUnique({ where: { id: input.missionId } });
				if (!mission) throw notFound('Mission');
				if (mission.programmeId && mission.programmeId !== programme.id) {
					const other = await tx.programme.findUnique({ where: { id: mission.programmeId } });
					throw new AppError(
						'CONFLICT',
						`Cette mission appartient déjà au programme « ${other?.title ?? '?'} » : une mission n’appartient qu’à un programme.`
					);
				}
				// Its price as a new service of the programme, and its commitment if signed: the
				// programme's one rule (programme-admission.ts) decides; a refusal changes nothing.
				if (mission.programmeId !== programme.id) {
					await admitMission(tx, ctx.user!, programme, mission.id, {
						confirmed: input.confirmOverEnvelope,
						reason: input.overEnvelopeReason
					});
				}
				await tx.mission.update({
					where: { id: mission.id },
					data: { programmeId: programme.id, beneficiaryId: input.beneficiaryId, version: { increment: 1 } }
				});
				await recordAudit(tx, ctx.user, {
					missionId: mission.id,
					objectType: 'mission',
					objectId: mission.id,
					action: 'update',
					before: { programmeId: mission.programmeId, beneficiaryId: mission.beneficiaryId },
					after: { programmeId: programme.id, beneficiaryId: input.beneficiaryId }
				});
				return { ok: true };
			});
		}),

	/** Takes a mission out of the programme: as attaching, its coordination and the programme's managers agree. */
	detachMission: programmeProcedure(['MANAGER'])
		.input(z.object({ programmeId: id, missionId: id }))
		.mutation(async ({ ctx, input }) => {
			if (!ctx.user!.isAdmin) {
				const roles = await rolesOn(ctx.db, ctx.user!.id, input.missionId);
				if (!roles.includes('COORDINATOR'))
					throw new AppError(
						'FORBIDDEN',
						'Seule la coordination de la mission peut la détacher du programme : demandez-le à sa coordination.'
					);
			}
			return ctx.db.$transaction(async (tx) => {
				const mission = await tx.mission.findUnique({ where: { id: input.missionId } });
				const updated = await tx.mission.updateMany({
					where: { id: input.missionId, programmeId: input.programmeId },
					data: { programmeId: null, beneficiaryId: null, version: { increment: 1 } }
				});
				if (updated.count === 0 || !mission) throw notFound('Mission du programme');
				await recordAudit(tx, ctx.user, {
					missionId: mission.id,
					objectType: 'mission',
					objectId: mission.id,
					action: 'update',
					before: { programmeId: mission.programmeId, beneficiaryId: mission.beneficiaryId },
					after: { programmeId: null, beneficiaryId: null }
				});
				return { ok: true };
			});
		}),

	/**
	 * A mission from the programme's template, under its rules: a scheme's service is refused
	 * above the ceiling and gets its funders from the rule; the envelope is checked.
	 */
	createMission: programmeProcedure(['MANAGER'])
		.input(programmeMissionInput)
		.mutation(({ ctx, input }) =>
			ctx.db.$transaction(async (tx) => {
				const programme = await tx.programme.findUniqueOrThrow({ where: { id: input.programmeId } });
				const beneficiary = await tx.beneficiary.findUniqueOrThrow({ where: { id: input.beneficiaryId } });
				// The amount is typed on the programme's basis: a TTC scheme's service is its TTC price.
				const funders =
					programme.kind === 'SCHEME'
						? schemeParties(programme, {
								schemeName: programme.title,
								beneficiaryName: beneficiary.name,
								isMember: beneficiary.isMember
							})
						: [];
				const template = BUILTIN_TEMPLATES.find((t) => t.id === input.templateId)!.document;
				const moved = moveDocumentTo(template, input.kickoffDate);
				const missionId = await importMissionDocument(
					tx,
					{
						...moved,
						mission: {
							...moved.mission,
							title: input.title,
							clientOrganisation: beneficiary.name,
							budgetCapCents: input.amountCents,
							capBasis: programme.envelopeBasis,
							vatRateBp: programme.vatRateBp,
							// On a TTC basis the TTC cap is the reference its invoices add up to (finance.ts).
							contractAmountHtCents: programme.envelopeBasis === 'HT' ? input.amountCents : null,
							status: 'ACTIVE'
						},
						funders
					},
					ctx.user!.id
				);
				await tx.mission.update({
					where: { id: missionId },
					data: { programmeId: programme.id, beneficiaryId: beneficiary.id }
				});
				// The programme's rule on what the new service brings in; a refusal rolls it all back.
				await admitMission(tx, ctx.user!, programme, missionId, {
					confirmed: input.confirmOverEnvelope,
					reason: input.overEnvelopeReason
				});
				await recordAudit(tx, ctx.user, {
					missionId,
					objectType: 'mission',
					objectId: missionId,
					action: 'create',
					after: { origin: input.templateId, programmeId: programme.id, title: input.title }
				});
				return { id: missionId };
			})
		),

	/** A mission's funding by its programme's rule: shares per tranche and in total, and what is unfunded. */
	funding: memberProcedure
		.input(z.object({ missionId: id }))
		.query(({ ctx, input }) => missionFunding(ctx, input.missionId)),

	/** Writes the rule's shares as the mission's funders; a service above the ceiling is refused. */
	applyFunding: financeProcedure.input(z.object({ missionId: id })).mutation(async ({ ctx, input }) => {
		const funding = await missionFunding(ctx, input.missionId);
		if (!funding) {
			throw new AppError(
				'INVALID_OPERATION',
				'Cette mission n’est rattachée à aucun dispositif de soutien ni à un bénéficiaire.'
			);
		}
		if (!funding.plan) throw new AppError('OVER_CAP', funding.problem!, 'ABOVE_SERVICE_CEILING');
		const plan = funding.plan;
		return ctx.db.$transaction(async (tx) => {
			await tx.funder.deleteMany({ where: { missionId: input.missionId } });
			for (const [index, f] of plan.funders.entries()) {
				await tx.funder.create({
					data: { missionId: input.missionId, name: f.name, shareBp: f.shareBp, ceilingCents: null, sortOrder: index }
				});
			}
			await recordAudit(tx, ctx.user, {
				missionId: input.missionId,
				objectType: 'funders',
				objectId: input.missionId,
				action: 'update',
				after: { funders: plan.funders.map((f) => ({ name: f.name, shareBp: f.shareBp })) }
			});
			return funding;
		});
	}),

	/** Every mission the caller can see, one row each with its phases, for the portfolio Gantt. */
	portfolio: userProcedure.input(portfolioInput).query(({ ctx, input }) => {
		const user = ctx.user!;
		const filters = input ?? {};
		const today = ctx.today();
		// Cached until anything writes, per user, day and filters, like the dashboard.
		return sqliteOf(ctx.db).cachedAsync(
			`portfolio:${user.id}:${user.isAdmin}:${today}:${JSON.stringify(filters)}`,
			() => portfolio(ctx.db, user, filters, today)
		);
	}),

	/** The 6-monthly report of a framework agreement (or any period): volumes, orders, BPU split, lateness. */
	report: programmeProcedure(['MANAGER', 'VIEWER'])
		.input(reportInput)
		.query(({ ctx, input }) => programmeReport(ctx.db, input.programmeId, input.from, input.to, ctx.today()))
});

/** Every mission the user can see, filtered, one row each with its phases, deliverables and tranches. */
async function portfolio(
	db: Database,
	user: AuthUser,
	filters: NonNullable<z.output<typeof portfolioInput>>,
	today: string
) {
	const missions = await db.mission.findMany({
		where: {
			...(user.isAdmin ? {} : { memberships: { some: { userId: user.id } } }),
			...(filters.programmeId ? { programmeId: filters.programmeId } : {}),
			...(filters.beneficiaryId ? { beneficiaryId: filters.beneficiaryId } : {}),
			...(filters.status ? { status: filters.status } : {})
		},
		select: { id: true, programmeId: true, beneficiaryId: true }
	});
	const programmeIds = [...new Set(missions.map((m) => m.programmeId).filter((x): x is string => !!x))];
	const beneficiaryIds = [...new Set(missions.map((m) => m.beneficiaryId).filter((x): x is string => !!x))];
	const [programmes, beneficiaries] = await Promise.all([
		db.programme.findMany({ where: { id: { in: programmeIds } }, select: { id: true, title: true } }),
		db.beneficiary.findMany({
			where: { id: { in: beneficiaryIds } },
			select: { id: true, name: true, programmeId: true }
		})
	]);
	const links = new Map(missions.map((m) => [m.id, m]));
	const rows = [];
	for (const missionRows of await loadManyMissionRows(
		db,
		missions.map((m) => m.id)
	)) {
		const plan = buildMissionPlan(missionRows, today);
		const link = links.get(plan.mission.id)!;
		const dates = [
			plan.mission.kickoffDate,
			...plan.tasks.flatMap((t) => [t.startDate, t.endDate]),
			...plan.deliverables.map((d) => d.plannedDate),
			...plan.milestones.map((m) => m.date)
		].sort();
		const start = dates[0]!;
		const end = dates.at(-1)!;
		if (!overlapsPeriod(start, end, filters)) continue;
		const next = plan.milestones.filter((m) => m.date >= today).sort((a, b) => a.date.localeCompare(b.date))[0];
		rows.push({
			id: plan.mission.id,
			title: plan.mission.title,
			clientOrganisation: plan.mission.clientOrganisation,
			status: plan.mission.status,
			programme: programmes.find((p) => p.id === link.programmeId) ?? null,
			beneficiary: beneficiaries.find((b) => b.id === link.beneficiaryId) ?? null,
			start,
			end,
			progress: Math.round(
				plan.tasks.filter((t) => t.kind === 'TASK').reduce((s, t) => s + t.progress, 0) /
					Math.max(1, plan.tasks.filter((t) => t.kind === 'TASK').length)
			),
			nextMilestone: next ? { name: next.name, date: next.date } : null,
			phases: plan.tasks
				.filter((t) => t.kind === 'PHASE' && !t.parentId)
				.map((t) => ({ id: t.id, name: t.name, start: t.startDate, end: t.endDate, progress: t.progress })),
			deliverables: plan.deliverables.map((d) => ({
				number: d.number,
				title: d.title,
				date: d.plannedDate,
				status: d.status,
				flag: deliverableFlag(d, today)
			})),
			tranches: plan.tranches
				.filter((t) => t.expectedDate)
				.map((t) => ({ label: t.label, date: t.expectedDate!, status: t.status }))
		});
	}
	rows.sort((a, b) => a.start.localeCompare(b.start) || a.title.localeCompare(b.title));
	// Filter choices: the programmes and beneficiaries of the missions the caller can see.
	return { today, rows, ...(await filterChoices(db, user)) };
}
