// tRPC setup: context, typed errors, and the procedures every router builds on.
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import { withSqlite, type Database } from '../db';
import type { AuthUser } from '../auth/sessions';
import type { IsoDate } from '$lib/domain/dates';
import type { MissionRole, ProgrammeRole } from '../generated/prisma/enums';
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
	| { kind: 'user' }
	| { kind: 'admin' }
	| { kind: 'mission'; roles: readonly MissionRole[] | 'member' }
	| { kind: 'programme'; roles: readonly ProgrammeRole[] | 'member' };

export interface Meta {
	access: Access;
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
	| 'CONFLICT'
	| 'INVALID_OPERATION'
	| 'OVER_CAP'
	| 'TRANCHE_TRANSITION'
	| 'UNAUTHENTICATED'
	| 'FORBIDDEN'
	| 'INTERNAL';

const TRPC_CODE: Record<AppErrorCode, TRPCError['code']> = {
	VALIDATION: 'BAD_REQUEST',
	NOT_FOUND: 'NOT_FOUND',
	END_BEFORE_START: 'BAD_REQUEST',
	DEPENDENCY_CYCLE: 'BAD_REQUEST',
	DEPENDENCY_EXISTS: 'CONFLICT',
	PREDECESSOR_CONSTRAINT: 'BAD_REQUEST',
	PERCENTAGES_NOT_100: 'BAD_REQUEST',
	CONFLICT: 'CONFLICT',
	INVALID_OPERATION: 'BAD_REQUEST',
	OVER_CAP: 'PRECONDITION_FAILED',
	TRANCHE_TRANSITION: 'BAD_REQUEST',
	UNAUTHENTICATED: 'UNAUTHORIZED',
	FORBIDDEN: 'FORBIDDEN',
	INTERNAL: 'INTERNAL_SERVER_ERROR'
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
			} else if (error.code === 'PARSE_ERROR') {
				message = 'Requête illisible : le corps n’est pas un JSON valide.';
			} else if (error.code === 'NOT_FOUND' && !(error instanceof AppError)) {
				message = 'Procédure inconnue.';
			} else if (appCode === 'INTERNAL') {
				// Internal messages (Prisma's included) stay in the server log.
				message = 'Erreur interne du serveur. La modification n’a pas été enregistrée.';
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

/** Input keys that point to a mission's object: the label for "introuvable" and the table. */
const MISSION_OF: Record<string, [label: string, table: string | null]> = {
	// Not looked up: no membership exists on an unknown mission (refused below), and the procedure
	// itself answers NOT_FOUND to an administrator. One query less on every mission read.
	missionId: ['Mission', null],
	taskId: ['Tâche', 'Task'],
	deliverableId: ['Livrable', 'Deliverable'],
	milestoneId: ['Jalon', 'Milestone'],
	dependencyId: ['Lien', 'Dependency'],
	predecessorId: ['Tâche prédécesseur', 'Task'],
	trancheId: ['Tranche', 'PaymentTranche'],
	costLineId: ['Ligne de coût', 'CostLine'],
	contactId: ['Contact', 'Contact']
};

// Every procedure call runs these: prepared statements, not Prisma queries (~1 ms each).
async function missionOf(db: Database, table: string, id: string): Promise<string | null> {
	const row = await withSqlite(
		db,
		(sqlite) =>
			sqlite.statement(`SELECT missionId FROM "${table}" WHERE id = ?`).get(id) as { missionId: string } | undefined
	);
	return row?.missionId ?? null;
}

const ROLE_LABELS: Record<MissionRole, string> = {
	COORDINATOR: 'coordination',
	SUPERVISOR: 'supervision',
	FINANCE: 'finance',
	VIEWER: 'lecture'
};

/** The roles the signed-in user holds on a mission. */
export async function rolesOn(db: Database, userId: string, missionId: string): Promise<MissionRole[]> {
	const memberships = await withSqlite(
		db,
		(sqlite) =>
			sqlite.statement('SELECT role FROM "Membership" WHERE userId = ? AND missionId = ?').all(userId, missionId) as {
				role: MissionRole;
			}[]
	);
	return memberships.map((m) => m.role);
}

/** Checks the caller against a procedure's access rule; for mission rules, on the parsed input. */
function accessMiddleware(access: Access) {
	return t.middleware(async ({ ctx, next, input }) => {
		if (access.kind === 'public') return next({ ctx: { ...ctx, roles: [] as MissionRole[] } });
		if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Connectez-vous pour continuer.');
		if (access.kind === 'user') return next({ ctx: { ...ctx, roles: [] as MissionRole[] } });
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
		const fields = (input ?? {}) as Record<string, unknown>;
		let missionId: string | null = null;
		for (const [key, [label, table]] of Object.entries(MISSION_OF)) {
			const value = fields[key];
			if (typeof value !== 'string') continue;
			missionId = table ? await missionOf(ctx.db, table, value) : value;
			if (!missionId) throw notFound(label);
			break;
		}
		if (!missionId) throw new AppError('INTERNAL', `Procedure without a mission id in its input`);
		const roles = await rolesOn(ctx.db, ctx.user.id, missionId);
		const allowed = access.roles === 'member' ? roles.length > 0 : roles.some((r) => access.roles.includes(r));
		if (!ctx.user.isAdmin && !allowed) {
			if (roles.length === 0) throw new AppError('FORBIDDEN', 'Vous n’êtes pas membre de cette mission.');
			const needed = access.roles === 'member' ? [] : access.roles.map((r) => ROLE_LABELS[r]);
			throw new AppError('FORBIDDEN', `Action réservée au rôle ${needed.join(' ou ')} sur cette mission.`);
		}
		return next({ ctx: { ...ctx, roles, missionId } });
	});
}

function procedureWith(access: Exclude<Access, { kind: 'mission' } | { kind: 'programme' }>) {
	return t.procedure.meta({ access }).use(accessMiddleware(access));
}

/**
 * A procedure on one mission: the access check runs after the input is validated, so that a
 * malformed input gets its validation error and the check reads a well-formed mission id.
 */
function missionProcedure(access: Extract<Access, { kind: 'mission' } | { kind: 'programme' }>) {
	const base = t.procedure.meta({ access });
	return {
		input<TParser extends Parameters<typeof base.input>[0]>(parser: TParser) {
			return base.input(parser).use(accessMiddleware(access));
		}
	};
}

export const publicProcedure = procedureWith({ kind: 'public' });
export const userProcedure = procedureWith({ kind: 'user' });
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
