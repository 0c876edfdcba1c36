// Heavy work for routers and routes: runs a job in a worker thread and turns its refusals into
// the API's typed errors (tRPC) or HTTP errors (file routes), in French.
import { error as httpError } from '@sveltejs/kit';
import { AppError } from '../trpc/trpc';
import type { HeavyJobName, HeavyJobs } from './jobs';
import { checkPlanSize, HeavyError } from './limits';
import { runHeavy } from './run';

export { checkPlanSize, HEAVY_LIMITS, HeavyError } from './limits';

const HTTP_STATUS = { TOO_LARGE: 413, TOO_SLOW: 503, BUSY: 503, VALIDATION: 400 } as const;

/** A HeavyError as the API's typed error; anything else unchanged. */
export function toAppError(cause: unknown): unknown {
	return cause instanceof HeavyError ? new AppError(cause.code, cause.message) : cause;
}

/** For a tRPC procedure: refusals become AppError (data.appCode TOO_LARGE, TOO_SLOW, BUSY…). */
export function heavyForApi<N extends HeavyJobName>(
	job: N,
	args: Parameters<HeavyJobs[N]>
): Promise<Awaited<ReturnType<HeavyJobs[N]>>> {
	return runHeavy(job, args).catch((cause: unknown) => {
		throw toAppError(cause);
	});
}

/** For a file route: refusals become an HTTP error page with the French message. */
export function heavyForRoute<N extends HeavyJobName>(
	job: N,
	args: Parameters<HeavyJobs[N]>
): Promise<Awaited<ReturnType<HeavyJobs[N]>>> {
	return runHeavy(job, args).catch((cause: unknown) => {
		if (cause instanceof HeavyError) httpError(HTTP_STATUS[cause.code], { message: cause.message, code: cause.code });
		throw cause;
	});
}

/** Refuses, before any work, a plan beyond the limits: for a file route. */
export function checkPlanForRoute(plan: Parameters<typeof checkPlanSize>[0]): void {
	try {
		checkPlanSize(plan);
	} catch (cause) {
		if (cause instanceof HeavyError) httpError(HTTP_STATUS[cause.code], { message: cause.message, code: cause.code });
		throw cause;
	}
}
