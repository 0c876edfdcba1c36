// A supervisor decides on a hand-in from the dashboard: each waiting deliverable comes with the
// version it was handed in as (label, link, comment, who), what its validation makes payable and
// the version to send back; asking for rework without a comment is refused with a typed error and
// changes nothing; a decision on a stale version is refused.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuthUser } from '$lib/server/auth/sessions';
import { seedCufMission } from '$lib/server/seed';
import { expectAppError, expectFrench } from '../support/api';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';

let t: TestDatabase;
let missionId: string;
let coordinator: AuthUser;
let supervisor: AuthUser;

beforeAll(async () => {
	t = await createTestDatabase();
	missionId = await seedCufMission(t.db);
	const make = async (email: string, name: string, role: 'COORDINATOR' | 'SUPERVISOR'): Promise<AuthUser> => {
		const user = await t.db.user.create({ data: { email, name, passwordHash: 'x' } });
		await t.db.membership.create({ data: { userId: user.id, missionId, role } });
		return { id: user.id, email, name, isAdmin: false };
	};
	coordinator = await make('coord@test.fr', 'Camille', 'COORDINATOR');
	supervisor = await make('sup@test.fr', 'Sacha', 'SUPERVISOR');
});
afterAll(() => t.close());

it('lists each hand-in with what a decision needs, refuses a rework without comment, and decides from the list', async () => {
	const asCoordinator = callerFor(t.db, '2026-02-10', coordinator);
	const asSupervisor = callerFor(t.db, '2026-02-11', supervisor);
	const diagnostic = (await asCoordinator.missions.get({ missionId })).deliverables[1]!;
	await asCoordinator.deliverables.transition({
		deliverableId: diagnostic.id,
		action: 'SUBMIT',
		versionLabel: 'v1',
		link: 'https://exemple.fr/diagnostic-v1.pdf',
		comment: 'Diagnostic complet',
		expectedVersion: await storedVersion(asCoordinator, 'deliverable', diagnostic.id)
	});

	const waiting = (await asSupervisor.dashboard.overview({})).missions[0]!.awaitingValidation;
	expect(waiting).toHaveLength(1);
	const entry = waiting[0]!;
	expect(entry).toMatchObject({
		id: diagnostic.id,
		number: 2,
		version: diagnostic.version + 1,
		unlocksTranche: 'Mi-mission (diagnostic validé)',
		submission: {
			versionLabel: 'v1',
			link: 'https://exemple.fr/diagnostic-v1.pdf',
			comment: 'Diagnostic complet',
			submittedByName: 'Camille'
		}
	});

	const before = await t.db.deliverable.findUniqueOrThrow({ where: { id: diagnostic.id } });
	for (const comment of [undefined, '   ']) {
		const error = await expectAppError(
			asSupervisor.deliverables.transition({
				deliverableId: entry.id,
				action: 'REQUEST_REWORK',
				expectedVersion: entry.version,
				...(comment === undefined ? {} : { comment })
			}),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
		expect((error as unknown as { reason: string }).reason).toBe('COMMENT_REQUIRED');
		expect(error.message).toBe('Expliquez ce qui est à reprendre dans un commentaire.');
		expectFrench(error.message);
	}
	// Refused: nothing moved, the hand-in still waits undecided.
	expect(await t.db.deliverable.findUniqueOrThrow({ where: { id: diagnostic.id } })).toEqual(before);
	expect((await asSupervisor.deliverables.submissions({ deliverableId: entry.id })).at(-1)!.decision).toBeNull();

	// A decision on what the supervisor no longer sees (the coordination changed it since) is refused.
	await asCoordinator.deliverables.update({
		deliverableId: entry.id,
		plannedDate: '2026-02-12',
		expectedVersion: entry.version
	});
	await expectAppError(
		asSupervisor.deliverables.transition({
			deliverableId: entry.id,
			action: 'VALIDATE',
			expectedVersion: entry.version
		}),
		'CONFLICT',
		'CONFLICT'
	);
	expect((await t.db.deliverable.findUniqueOrThrow({ where: { id: diagnostic.id } })).status).toBe('SUBMITTED');

	const fresh = (await asSupervisor.dashboard.overview({})).missions[0]!.awaitingValidation[0]!;
	await asSupervisor.deliverables.transition({
		deliverableId: fresh.id,
		action: 'REQUEST_REWORK',
		expectedVersion: fresh.version,
		comment: 'Ajouter le benchmark'
	});
	expect((await asSupervisor.dashboard.overview({})).missions[0]!.awaitingValidation).toEqual([]);
	const submissions = await asSupervisor.deliverables.submissions({ deliverableId: fresh.id });
	expect(submissions.map((s) => [s.versionLabel, s.decision, s.decisionComment, s.decidedByName])).toEqual([
		['v1', 'REWORK', 'Ajouter le benchmark', 'Sacha']
	]);
});

it('shows nothing to decide to a coordinator', async () => {
	const asCoordinator = callerFor(t.db, '2026-02-12', coordinator);
	const deliverableId = (await asCoordinator.missions.get({ missionId })).deliverables[1]!.id;
	await asCoordinator.deliverables.transition({
		deliverableId,
		action: 'SUBMIT',
		versionLabel: 'v2',
		expectedVersion: await storedVersion(asCoordinator, 'deliverable', deliverableId)
	});
	expect((await asCoordinator.dashboard.overview({})).missions[0]!.awaitingValidation).toEqual([]);
	const asSupervisor = callerFor(t.db, '2026-02-12', supervisor);
	expect((await asSupervisor.dashboard.overview({})).missions[0]!.awaitingValidation[0]!.submission).toMatchObject({
		versionLabel: 'v2',
		link: null,
		comment: null
	});
});
