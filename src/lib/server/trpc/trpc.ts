// tRPC setup: context, typed errors, and the procedures every router builds on.
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Database } from '../db';
import type { IsoDate } from '$lib/domain/dates';

export interface Context {
	db: Database;
	/** Today's date, injectable so tests can freeze it. */
	today: () => IsoDate;
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

const t = initTRPC.context<Context>().create({
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
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
