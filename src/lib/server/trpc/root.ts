// The API's root router: one sub-router per area.
import { adminRouter } from './routers/admin';
import { auditRouter } from './routers/audit';
import { authRouter } from './routers/auth';
import { calendarRouter } from './routers/calendar';
import { dashboardRouter } from './routers/dashboard';
import { deliverablesRouter } from './routers/deliverables';
import { documentsRouter } from './routers/documents';
import { financeRouter } from './routers/finance';
import { milestonesRouter } from './routers/milestones';
import { missionsRouter } from './routers/missions';
import { planRouter } from './routers/plan';
import { tasksRouter } from './routers/tasks';
import { programmesRouter } from './routers/programmes';
import { ordersRouter } from './routers/orders';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
	missions: missionsRouter,
	tasks: tasksRouter,
	deliverables: deliverablesRouter,
	milestones: milestonesRouter,
	finance: financeRouter,
	auth: authRouter,
	audit: auditRouter,
	dashboard: dashboardRouter,
	admin: adminRouter,
	documents: documentsRouter,
	calendar: calendarRouter,
	plan: planRouter,
	programmes: programmesRouter,
	orders: ordersRouter
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
