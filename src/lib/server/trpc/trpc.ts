// tRPC setup: context, typed errors, and the procedures every router builds on.
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { withSqlite, type Database } from '../db';
import { missionOfRow, ROLES_ON, type MissionOwned } from '../sqlite/queries/access';
import { all, get } from '../sqlite/sql';
import type { AuthUser } from '../auth/sessions';
import { userMayCreateMissions } from '../auth/rights';
import type { IsoDate } from '$lib/domain/dates';
import type { MissionRole, ProgrammeRole } from '../generated/prisma/enums';
import { refusalFor } from './failures';
import { auditedCall } from '../audit';
import { checkProgrammeAccess } from './programme-access';

export interface Context {
	db: Database;
	/** Today's date, injectable so tests can freeze it. */
	today: () => IsoDate;
	/** The signed-in user, or null for an anonymous request. */
	user: AuthUser | null;
}

/**
 * Who may call a procedure. Every procedure declares one (the role-matrix test fails otherwise):
 * anyone, any signed-in user, administrators, or given roles on the mission the input points to.
 */
export type Access =
	| { kind: 'public' }
	| { kind: 'user'; beforePasswordChange?: true }
	| { kind: 'creator' }
	| { kind: 'admin' }
	| { kind: 'mission'; roles: readonly MissionRole[] | 'member' }
	| { kind: 'programme'; roles: readonly ProgrammeRole[] | 'member' };

export interface Meta {
	access: Access;
	/**
	 * Input keys holding rows the procedure recreates with their old ids (an undo): those ids do
	 * not exist yet, so they cannot name a mission; the procedure checks them against the mission.
	 */
	recreates?: readonly string[];
}

/** Application error codes, stable for API clients (the message is French, for people). */
export type AppErrorCode =
	| 'VALIDATION'
	| 'NOT_FOUND'
	| 'END_BEFORE_START'
	| 'DEPENDENCY_CYCLE'
	| 'DEPENDENCY_EXISTS'
	| 'PREDECESSOR_CONSTRAINT'
	| 'PERCENTAGES_NOT_100'
	| 'INVALID_SCHEDULE'
	| 'CONFLICT'
	| 'INVALID_OPERATION'
	| 'TOO_DEEP'
	| 'OVER_CAP'
	/** A change that breaks a rule or alters something issued, saved only once confirmed. */
	| 'CONFIRMATION_REQUIRED'
	| 'TRANCHE_TRANSITION'
	| 'UNAUTHENTICATED'
	| 'FORBIDDEN'
	| 'PASSWORD_CHANGE_REQUIRED'
	| 'INTERNAL'
	| 'TOO_LARGE'
	| 'TOO_SLOW'
	| 'BUSY';

const TRPC_CODE: Record<AppErrorCode, TRPCError['code']> = {
	VALIDATION: 'BAD_REQUEST',
	NOT_FOUND: 'NOT_FOUND',
	END_BEFORE_START: 'BAD_REQUEST',
	DEPENDENCY_CYCLE: 'BAD_REQUEST',
	DEPENDENCY_EXISTS: 'CONFLICT',
	PREDECESSOR_CONSTRAINT: 'BAD_REQUEST',
	PERCENTAGES_NOT_100: 'BAD_REQUEST',
	INVALID_SCHEDULE: 'BAD_REQUEST',
	CONFLICT: 'CONFLICT',
	INVALID_OPERATION: 'BAD_REQUEST',
	TOO_DEEP: 'BAD_REQUEST',
	OVER_CAP: 'PRECONDITION_FAILED',
	CONFIRMATION_REQUIRED: 'PRECONDITION_FAILED',
	TRANCHE_TRANSITION: 'BAD_REQUEST',
	UNAUTHENTICATED: 'UNAUTHORIZED',
	FORBIDDEN: 'FORBIDDEN',
	PASSWORD_CHANGE_REQUIRED: 'FORBIDDEN',
	INTERNAL: 'INTERNAL_SERVER_ERROR',
	TOO_LARGE: 'PAYLOAD_TOO_LARGE',
	TOO_SLOW: 'TIMEOUT',
	BUSY: 'TOO_MANY_REQUESTS'
};

/** French messages for the refusals tRPC itself makes before a procedure runs. */
const TRANSPORT_MESSAGES: Partial<Record<TRPCError['code'], string>> = {
	PARSE_ERROR: 'Requête illisible : le corps n’est pas un JSON valide.',
	NOT_FOUND: 'Procédure inconnue.',
	METHOD_NOT_SUPPORTED: 'Méthode HTTP non prise en charge par cette procédure.',
	UNSUPPORTED_MEDIA_TYPE: 'Type de contenu non pris en charge : JSON attendu.',
	PAYLOAD_TOO_LARGE: 'Requête trop volumineuse.',
	TOO_MANY_REQUESTS: 'Trop de requêtes : réessayez dans un instant.'
};

export class AppError extends TRPCError {
	constructor(
		readonly appCode: AppErrorCode,
		message: string,
		/** A finer domain code, e.g. OVERPAYMENT for a TRANCHE_TRANSITION. */
		readonly reason?: string
	) {
		super({ code: TRPC_CODE[appCode], message });
	}
}

export function notFound(what: string): AppError {
	return new AppError('NOT_FOUND', `${what} introuvable.`);
}

const t = initTRPC
	.context<Context>()
	.meta<Meta>()
	.create({
		// Never ship stack traces, whatever NODE_ENV says.
		isDev: false,
		errorFormatter({ shape, error }) {
			const zodError = error.cause instanceof ZodError ? error.cause : null;
			const appCode: AppErrorCode =
				error instanceof AppError
					? error.appCode
					: zodError
						? 'VALIDATION'
						: error.code === 'NOT_FOUND'
							? 'NOT_FOUND'
							: error.code === 'INTERNAL_SERVER_ERROR'
								? 'INTERNAL'
								: 'VALIDATION';
			let message = shape.message;
			let fieldErrors: Record<string, string[]> | undefined;
			if (zodError) {
				fieldErrors = {};
				for (const issue of zodError.issues) {
					const key = issue.path.join('.') || '_';
					(fieldErrors[key] ??= []).push(issue.message);
				}
				message = zodError.issues.map((issue) => issue.message).join(' ');
			} else if (appCode === 'INTERNAL') {
				// Internal messages (Prisma's included) stay in the server log.
				message = 'Erreur interne du serveur. La modification n’a pas été enregistrée.';
			} else if (!(error instanceof AppError)) {
				// tRPC's own refusals are English and may quote the request (a JSON parse error echoes the body).
				message =
					error.cause instanceof SyntaxError
						? TRANSPORT_MESSAGES.PARSE_ERROR!
						: (TRANSPORT_MESSAGES[error.code] ?? 'Requête invalide.');
			}
			return {
				message,
				code: shape.code,
				data: {
					code: shape.data.code,
					httpStatus: shape.data.httpStatus,
					path: shape.data.path,
					appCode,
					reason: error instanceof AppError ? error.reason : undefined,
					fieldErrors
				}
			};
		}
	});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** What an id field of an input points to: its label for "introuvable", its table, its kind. */
export interface IdField {
	label: string;
	/** Null for the mission itself. */
	table: MissionOwned | null;
	/** For Task ids that must name a phase (PHASE) rather than any task. */
	kind?: 'PHASE';
}

/**
 * Every input field, at any depth (arrays of tranches included), that holds the id of a mission's
 * object. The first one found names the mission the call is checked on; every other one must
 * belong to the same mission, or the call is refused as "introuvable". The role-matrix test fails
 * when a mission procedure's input has an id field missing here.
 */
export const MISSION_ID_FIELDS: Record<string, IdField> = {
	// Not looked up: no membership exists on an unknown mission (refused below), and the procedure
	// itself answers NOT_FOUND to an administrator. One query less on every mission read.
	missionId: { label: 'Mission', table: null },
	taskId: { label: 'Tâche', table: 'Task' },
	deliverableId: { label: 'Livrable', table: 'Deliverable' },
	milestoneId: { label: 'Jalon', table: 'Milestone' },
	dependencyId: { label: 'Lien', table: 'Dependency' },
	milestoneLinkId: { label: 'Lien', table: 'MilestoneLink' },
	anchorTaskId: { label: 'Tâche de rattachement', table: 'Task' },
	afterTaskId: { label: 'Tâche précédente', table: 'Task' },
	predecessorId: { label: 'Tâche prédécesseur', table: 'Task' },
	successorId: { label: 'Tâche successeur', table: 'Task' },
	trancheId: { label: 'Tranche', table: 'PaymentTranche' },
	costLineId: { label: 'Ligne de coût', table: 'CostLine' },
	contactId: { label: 'Contact', table: 'Contact' },
	profileId: { label: 'Profil', table: 'CostProfile' },
	// The router explains a parent that is not a phase; here only its mission is checked.
	parentId: { label: 'Phase parente', table: 'Task' },
	phaseId: { label: 'Phase', table: 'Task', kind: 'PHASE' },
	triggerMilestoneId: { label: 'Jalon déclencheur', table: 'Milestone' },
	triggerDeliverableId: { label: 'Livrable déclencheur', table: 'Deliverable' },
	feedId: { label: 'Abonnement', table: 'CalendarFeed' }
};

/** The id fields of an input, in MISSION_ID_FIELDS's order at each level, nested ones after. */
function idFieldsOf(
	input: unknown,
	recreated: readonly string[],
	found: [field: IdField, value: string][] = []
): [IdField, string][] {
	if (Array.isArray(input)) {
		for (const item of input) idFieldsOf(item, recreated, found);
	} else if (input && typeof input === 'object') {
		const fields = input as Record<string, unknown>;
		for (const [key, field] of Object.entries(MISSION_ID_FIELDS)) {
			const value = fields[key];
			if (typeof value === 'string') found.push([field, value]);
		}
		for (const [key, value] of Object.entries(fields))
			if (value && typeof value === 'object' && !recreated.includes(key)) idFieldsOf(value, recreated, found);
	}
	return found;
}

// Every procedure call runs these: prepared statements, not Prisma queries (~1 ms each).
async function missionOf(db: Database, field: IdField, id: string): Promise<string | null> {
	const row = await withSqlite(db, (sqlite) => get(sqlite, missionOfRow(field.table!, Boolean(field.kind)), id));
	if (!row || (field.kind && row.kind !== field.kind)) return null;
	return row.missionId;
}

const ROLE_LABELS: Record<MissionRole, string> = {
	COORDINATOR: 'coordination',
	SUPERVISOR: 'supervision',
	FINANCE: 'finance',
	VIEWER: 'lecture'
};

/** The roles the signed-in user holds on a mission. */
export async function rolesOn(db: Database, userId: string, missionId: string): Promise<MissionRole[]> {
	const memberships = await withSqlite(db, (sqlite) => all(sqlite, ROLES_ON, userId, missionId));
	return memberships.map((m) => m.role);
}

/** Checks the caller against a procedure's access rule; for mission rules, on the parsed input. */
function accessMiddleware(access: Access) {
	return t.middleware(async ({ ctx, next, input, meta }) => {
		if (access.kind === 'public') return next({ ctx: { ...ctx, roles: [] as MissionRole[] } });
		if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Connectez-vous pour continuer.');
		// A one-time password opens nothing but its own change.
		if (ctx.user.mustChangePassword && !(access.kind === 'user' && access.beforePasswordChange)) {
			throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Changez d’abord votre mot de passe à usage unique.');
		}
		if (access.kind === 'user') return next({ ctx: { ...ctx, roles: [] as MissionRole[] } });
		if (access.kind === 'creator') {
			if (!(await userMayCreateMissions(ctx.db, ctx.user.id))) {
				throw new AppError(
					'FORBIDDEN',
					'Créer une mission est un droit que donne un administrateur ; demandez-le-lui.'
				);
			}
			return next({ ctx: { ...ctx, roles: [] as MissionRole[] } });
		}
		if (access.kind === 'admin') {
			if (!ctx.user.isAdmin) throw new AppError('FORBIDDEN', 'Réservé aux administrateurs.');
			return next({ ctx: { ...ctx, roles: [] as MissionRole[] } });
		}
		if (access.kind === 'programme') {
			const programme = await checkProgrammeAccess(
				ctx.db,
				ctx.user,
				access.roles,
				(input ?? {}) as Record<string, unknown>
			);
			return next({ ctx: { ...ctx, roles: [] as MissionRole[], programme } });
		}
		// Mission access: the mission the (already validated) input points to, then the caller's roles on it.
		const ids = idFieldsOf(input, meta?.recreates ?? []);
		if (ids.length === 0) throw new AppError('INTERNAL', `Procedure without a mission id in its input`);
		const [first, firstValue] = ids[0]!;
		const missionId = first.table ? await missionOf(ctx.db, first, firstValue) : firstValue;
		if (!missionId) throw notFound(first.label);
		const roles = await rolesOn(ctx.db, ctx.user.id, missionId);
		const allowed = access.roles === 'member' ? roles.length > 0 : roles.some((r) => access.roles.includes(r));
		if (!ctx.user.isAdmin && !allowed) {
			if (roles.length === 0) throw new AppError('FORBIDDEN', 'Vous n’êtes pas membre de cette mission.');
			const needed = access.roles === 'member' ? [] : access.roles.map((r) => ROLE_LABELS[r]);
			throw new AppError('FORBIDDEN', `Action réservée au rôle ${needed.join(' ou ')} sur cette mission.`);
		}
		// Every other id must belong to the same mission (checked once the caller may act on it, so an
		// outsider learns nothing): a phase, profile or trigger of another mission is "introuvable".
		for (const [field, value] of ids.slice(1)) {
			const owner = field.table ? await missionOf(ctx.db, field, value) : value;
			if (owner !== missionId) throw notFound(field.label);
		}
		return next({ ctx: { ...ctx, roles, missionId } });
	});
}

/**
 * Bad input that only the database or a date computation notices (an id of nothing, a duplicate,
 * a lone surrogate that Prisma's engine cannot encode, a date pushed past the calendar) is the
 * caller's mistake: a typed 4xx with a French message, never a 500.
 */
const translateFailures = t.middleware(async ({ next, getRawInput }) => {
	// One call, one time on its audit rows: the history's « one row per action ».
	const result = await auditedCall(() => next());
	if (result.ok || result.error instanceof AppError || result.error.code !== 'INTERNAL_SERVER_ERROR') return result;
	const refusal = refusalFor(result.error.cause, await getRawInput().catch(() => undefined));
	if (refusal) throw new AppError(refusal.appCode, refusal.message);
	return result;
});

function procedureWith(access: Exclude<Access, { kind: 'mission' } | { kind: 'programme' }>) {
	return t.procedure.meta({ access }).use(translateFailures).use(accessMiddleware(access));
}

/**
 * A procedure on one mission: the access check runs after the input is validated, so that a
 * malformed input gets its validation error and the check reads a well-formed mission id.
 */
function missionProcedure(
	access: Extract<Access, { kind: 'mission' } | { kind: 'programme' }>,
	extra: Omit<Meta, 'access'> = {}
) {
	const base = t.procedure.meta({ access, ...extra }).use(translateFailures);
	return {
		/** More of the procedure's meta (e.g. `recreates`), declared before its input. */
		meta(more: Omit<Meta, 'access'>) {
			return missionProcedure(access, { ...extra, ...more });
		},
		input<TParser extends Parameters<typeof base.input>[0]>(parser: TParser) {
			return base.input(parser).use(accessMiddleware(access));
		}
	};
}

export const publicProcedure = procedureWith({ kind: 'public' });
export const userProcedure = procedureWith({ kind: 'user' });
/** One's own account: also open while a one-time password must still be changed. */
export const accountProcedure = procedureWith({ kind: 'user', beforePasswordChange: true });
/** Creating a mission (from scratch, a template or an import): a right an administrator grants. */
export const creatorProcedure = procedureWith({ kind: 'creator' });
export const adminProcedure = procedureWith({ kind: 'admin' });
/** Reading a mission: any member (coordination, supervision, finance, lecture). */
export const memberProcedure = missionProcedure({ kind: 'mission', roles: 'member' });
/** Editing the plan: tasks, links, deliverables, milestones, the mission itself. */
export const coordinatorProcedure = missionProcedure({ kind: 'mission', roles: ['COORDINATOR'] });
/** Budget, tranches, invoices, payments. */
export const financeProcedure = missionProcedure({ kind: 'mission', roles: ['FINANCE'] });
/** Time spent and costs incurred are recorded by the coordination or the finance team. */
export const actualsProcedure = missionProcedure({ kind: 'mission', roles: ['COORDINATOR', 'FINANCE'] });
/** The deliverable workflow: the server then checks which of the two may take the action. */
export const workflowProcedure = missionProcedure({ kind: 'mission', roles: ['COORDINATOR', 'SUPERVISOR'] });
/** A programme's procedures (programme-access.ts): its managers, viewers, beneficiaries. */
export const programmeProcedure = (roles: readonly ProgrammeRole[] | 'member') =>
	missionProcedure({ kind: 'programme', roles });
