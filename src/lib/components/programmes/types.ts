// The programme page's data, as the API answers it (types only: nothing server-side ships).
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '$lib/server/trpc/root';

type Outputs = inferRouterOutputs<AppRouter>;
export type ProgrammePage = Outputs['programmes']['get'];
export type ProgrammeOrder = ProgrammePage['orders'][number];
export type PortfolioData = Outputs['programmes']['portfolio'];
export type PortfolioRow = PortfolioData['rows'][number];
