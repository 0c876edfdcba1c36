// The mission page's load: the chart's tranche markers are read off the plan (not the finance
// view, rebuilt through eight Prisma queries), and are exactly the finance view's; the same role
// checks as the API.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { today } from '$lib/domain/dates';
import { planFromPage } from '$lib/plan-codec';
import { seedCufMission } from '$lib/server/seed';
import { load } from '../../src/routes/missions/[id]/+page.server';
import { callerFor, createTestDatabase, TEST_ADMIN, type TestDatabase, storedVersion } from '../support/test-database';
import type { AuthUser } from '$lib/server/auth/sessions';

let t: TestDatabase;

beforeAll(async () => {
	t = await createTestDatabase();
	// The page's load reads the process-wide database (getDatabase), opened on first use.
	process.env.DATABASE_URL = `file:${t.file}`;
});
afterAll(() => t.close());

type PageData = Exclude<Awaited<ReturnType<typeof load>>, void>;

function loadPage(missionId: string, user: AuthUser): Promise<PageData> {
	return load({ params: { id: missionId }, locals: { user } } as never) as Promise<PageData>;
}

it('gives the chart the finance view’s tranche markers, whatever each tranche went through', async () => {
	const missionId = await seedCufMission(t.db);
	// The page computes for the real day: so does this caller.
	const api = callerFor(t.db, today());
	const plan = await api.missions.get({ missionId });
	const [first, second] = plan.tranches;
	const d2 = plan.deliverables.find((d) => d.number === 2)!;
	await api.deliverables.transition({
		deliverableId: d2.id,
		action: 'SUBMIT',
		versionLabel: 'v1',
		expectedVersion: await storedVersion(api, 'deliverable', d2.id)
	});
	await api.deliverables.transition({
		deliverableId: d2.id,
		action: 'VALIDATE',
		comment: 'Conforme',
		expectedVersion: await storedVersion(api, 'deliverable', d2.id)
	});
	await api.finance.invoice({ trancheId: first!.id, invoiceNumber: 'F-1', invoiceDate: '2025-11-28' });
	await api.finance.invoice({ trancheId: second!.id, invoiceNumber: 'F-2', invoiceDate: '2025-12-20' });
	await api.finance.recordPayment({ trancheId: second!.id, paidOn: '2025-12-25', amountCents: second!.amountTtcCents });

	const data = await loadPage(missionId, TEST_ADMIN);
	const finance = await api.finance.get({ missionId });
	const markers = finance.tranches.map(({ id, status, dueDate, statusLabel }) => ({
		id,
		status,
		dueDate,
		statusLabel
	}));
	expect(data.trancheMarkers).toEqual(markers);
	// Three different states, two due dates: the comparison is not of empty or equal rows.
	expect(new Set(markers.map((m) => m.status)).size).toBe(3);
	expect(markers.filter((m) => m.dueDate !== null)).toHaveLength(2);
	// The plan the page carries is the API's.
	expect(JSON.stringify(planFromPage(data.plan))).toBe(JSON.stringify(await api.missions.get({ missionId })));
	expect(data.roles).toEqual({ roles: [], isAdmin: true });
});

it('refuses a signed-in user who is not a member, as the API does', async () => {
	const missionId = await seedCufMission(t.db);
	const outsider = await t.db.user.create({
		data: { email: 'dehors@test.jalon', name: 'Hors mission', passwordHash: 'x' }
	});
	const user: AuthUser = { id: outsider.id, email: outsider.email, name: outsider.name, isAdmin: false };
	const refusal = await loadPage(missionId, user).catch((e: unknown) => e);
	expect(isHttpError(refusal) && refusal.status).toBe(403);
	await t.db.membership.create({ data: { userId: outsider.id, missionId, role: 'VIEWER' } });
	expect((await loadPage(missionId, user)).roles).toEqual({ roles: ['VIEWER'], isAdmin: false });
});
