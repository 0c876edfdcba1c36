// Log-in limits and session expiry; the deliverable workflow with its actors; concurrent edits
// refused instead of lost; the audit trail; erasure of a contact's personal data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn } from '$lib/server/auth/login';
import { hashPassword } from '$lib/server/auth/passwords';
import {
	ABSOLUTE_TIMEOUT_MS,
	IDLE_TIMEOUT_MS,
	createSession,
	revokeSession,
	validateSession,
	type AuthUser
} from '$lib/server/auth/sessions';
import { seedCufMission } from '$lib/server/seed';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';
import { expectAppError } from '../support/api';

let t: TestDatabase;
let coordinator: AuthUser;
let supervisor: AuthUser;
let missionId: string;
const PASSWORD = 'correct horse battery staple';

beforeAll(async () => {
	t = await createTestDatabase();
	missionId = await seedCufMission(t.db);
	const passwordHash = await hashPassword(PASSWORD);
	const make = async (email: string, name: string, role: 'COORDINATOR' | 'SUPERVISOR'): Promise<AuthUser> => {
		const user = await t.db.user.create({ data: { email, name, passwordHash } });
		await t.db.membership.create({ data: { userId: user.id, missionId, role } });
		return { id: user.id, email, name, isAdmin: false };
	};
	coordinator = await make('coord@test.fr', 'Camille', 'COORDINATOR');
	supervisor = await make('sup@test.fr', 'Sacha', 'SUPERVISOR');
});

afterAll(async () => {
	await t.close();
});

describe('log-in', () => {
	it('opens a session with the right password, and only its hash is stored', async () => {
		const { token, user } = await logIn(t.db, 'COORD@test.fr ', PASSWORD, '10.0.0.1');
		expect(user.email).toBe('coord@test.fr');
		expect(await t.db.session.count({ where: { tokenHash: token } })).toBe(0);
		expect((await validateSession(t.db, token))?.id).toBe(coordinator.id);
		await revokeSession(t.db, token);
		expect(await validateSession(t.db, token)).toBeNull();
	});

	// Slowing down guessers without locking owners out: tests/api/accounts.test.ts.

	it('expires idle sessions and sessions past their absolute lifetime', async () => {
		const start = new Date('2026-03-01T08:00:00Z');
		const idle = await createSession(t.db, coordinator.id, start);
		expect(await validateSession(t.db, idle.token, new Date(start.getTime() + IDLE_TIMEOUT_MS + 1000))).toBeNull();

		const active = await createSession(t.db, coordinator.id, start);
		// Used every 6 hours, it stays valid until its absolute expiry.
		let now = start.getTime();
		while (now + 6 * 3600_000 < start.getTime() + ABSOLUTE_TIMEOUT_MS) {
			now += 6 * 3600_000;
			expect(await validateSession(t.db, active.token, new Date(now))).not.toBeNull();
		}
		expect(await validateSession(t.db, active.token, new Date(start.getTime() + ABSOLUTE_TIMEOUT_MS))).toBeNull();
	});
});

describe('deliverable workflow', () => {
	it('submit, reject with a comment, resubmit, validate: four steps in the history', async () => {
		const asCoordinator = callerFor(t.db, '2025-12-18', coordinator);
		const asSupervisor = callerFor(t.db, '2025-12-19', supervisor);
		const deliverableId = (await asCoordinator.missions.get({ missionId })).deliverables[0]!.id;

		await expectAppError(
			asSupervisor.deliverables.transition({
				deliverableId,
				action: 'SUBMIT',
				expectedVersion: await storedVersion(asSupervisor, 'deliverable', deliverableId)
			}),
			'FORBIDDEN'
		);
		await asCoordinator.deliverables.transition({
			deliverableId,
			action: 'SUBMIT',
			versionLabel: 'v1',
			link: 'https://exemple.fr/audit-v1.pdf',
			comment: 'Première version',
			expectedVersion: await storedVersion(asCoordinator, 'deliverable', deliverableId)
		});
		await expectAppError(
			asCoordinator.deliverables.transition({
				deliverableId,
				action: 'VALIDATE',
				expectedVersion: await storedVersion(asCoordinator, 'deliverable', deliverableId)
			}),
			'FORBIDDEN'
		);
		await expectAppError(
			asSupervisor.deliverables.transition({
				deliverableId,
				action: 'REQUEST_REWORK',
				expectedVersion: await storedVersion(asSupervisor, 'deliverable', deliverableId)
			}),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
		await asSupervisor.deliverables.transition({
			deliverableId,
			action: 'REQUEST_REWORK',
			comment: 'Ajouter la revue de sécurité',
			expectedVersion: await storedVersion(asSupervisor, 'deliverable', deliverableId)
		});
		await asCoordinator.deliverables.transition({
			deliverableId,
			action: 'SUBMIT',
			versionLabel: 'v2',
			expectedVersion: await storedVersion(asCoordinator, 'deliverable', deliverableId)
		});
		const plan = await asSupervisor.deliverables.transition({
			deliverableId,
			action: 'VALIDATE',
			comment: 'Conforme',
			expectedVersion: await storedVersion(asSupervisor, 'deliverable', deliverableId)
		});

		const validated = plan.deliverables[0]!;
		expect(validated.status).toBe('VALIDATED');
		expect(validated.validationDelayDays).toBe(4);
		const row = await t.db.deliverable.findUniqueOrThrow({ where: { id: deliverableId } });
		// Due 15/12/2025, validated 19/12/2025: four days late, recorded with who.
		expect(row).toMatchObject({ validatedOn: '2025-12-19', validatedById: supervisor.id });

		const submissions = await asSupervisor.deliverables.submissions({ deliverableId });
		expect(submissions.map((s) => [s.versionLabel, s.decision, s.decisionComment])).toEqual([
			['v1', 'REWORK', 'Ajouter la revue de sécurité'],
			['v2', 'VALIDATED', 'Conforme']
		]);
		const history = await asSupervisor.audit.list({ missionId, objectType: 'deliverable' });
		const steps = history.filter((e) => e.objectId === deliverableId && e.field === 'status').reverse();
		expect(steps.map((e) => [e.actorName, e.before, e.after])).toEqual([
			['Camille', 'TODO', 'SUBMITTED'],
			['Sacha', 'SUBMITTED', 'REWORK'],
			['Camille', 'REWORK', 'SUBMITTED'],
			['Sacha', 'SUBMITTED', 'VALIDATED']
		]);
	});

	it('the validation of deliverable 3 makes the final tranche exigible', async () => {
		const asCoordinator = callerFor(t.db, '2026-03-20', coordinator);
		const asSupervisor = callerFor(t.db, '2026-03-20', supervisor);
		const deliverableId = (await asCoordinator.missions.get({ missionId })).deliverables[2]!.id;
		expect((await asSupervisor.finance.get({ missionId })).tranches[2]!.status).toBe('PLANNED');
		await asCoordinator.deliverables.transition({
			deliverableId,
			action: 'SUBMIT',
			expectedVersion: await storedVersion(asCoordinator, 'deliverable', deliverableId)
		});
		await asSupervisor.deliverables.transition({
			deliverableId,
			action: 'VALIDATE',
			expectedVersion: await storedVersion(asSupervisor, 'deliverable', deliverableId)
		});
		expect((await asSupervisor.finance.get({ missionId })).tranches[2]!.status).toBe('DUE');
	});
});

describe('concurrent edits', () => {
	it('refuses the second of two edits started from the same version, naming who saved first', async () => {
		const first = callerFor(t.db, '2025-12-01', coordinator);
		const plan = await first.missions.get({ missionId });
		const task = plan.tasks.find((x) => x.kind === 'TASK')!;
		await first.tasks.update({ taskId: task.id, progress: 40, expectedVersion: task.version });
		const error = await expectAppError(
			first.tasks.update({ taskId: task.id, progress: 60, expectedVersion: task.version }),
			'CONFLICT',
			'CONFLICT'
		);
		expect(error.message).toContain('modifiée entre-temps par Camille');
		expect((await first.missions.get({ missionId })).tasks.find((x) => x.id === task.id)!.progress).toBe(40);
	});

	it('loses no update when 20 editors save the same deliverable at once: one wins, the others are told', async () => {
		const api = callerFor(t.db, '2025-12-01', coordinator);
		const deliverable = (await api.missions.get({ missionId })).deliverables[1]!;
		const results = await Promise.allSettled(
			Array.from({ length: 20 }, (_, i) =>
				api.deliverables.update({
					deliverableId: deliverable.id,
					title: `Titre ${i}`,
					expectedVersion: deliverable.version
				})
			)
		);
		const accepted = results.filter((r) => r.status === 'fulfilled');
		expect(accepted).toHaveLength(1);
		const stored = await t.db.deliverable.findUniqueOrThrow({ where: { id: deliverable.id } });
		expect(stored.version).toBe(deliverable.version + 1);
		// The stored title is the one the accepted save wrote; nothing was silently overwritten.
		const index = results.findIndex((r) => r.status === 'fulfilled');
		expect(stored.title).toBe(`Titre ${index}`);
	});
});

describe('audit trail', () => {
	it('records creations, links, deletions and finance changes with who did them', async () => {
		const api = callerFor(t.db, '2025-12-01', coordinator);
		const { id: taskId, plan } = await api.tasks.create({
			missionId,
			name: 'Atelier supplémentaire',
			startDate: '2026-01-05',
			endDate: '2026-01-06'
		});
		const other = plan.tasks.find((x) => x.kind === 'TASK' && x.id !== taskId)!;
		await api.tasks.link({
			predecessorId: other.id,
			successorId: taskId,
			lagDays: 2,
			expectedVersion: await storedVersion(api, 'task', taskId)
		});
		await api.tasks.delete({ taskId });
		await callerFor(t.db).finance.saveCostLine({ missionId, label: 'Déplacements', fixedAmountHtCents: 5000 });
		const events = await api.audit.list({ missionId });
		const summary = events.map((e) => `${e.objectType}:${e.action}:${e.actorName}`);
		expect(summary).toContain('task:create:Camille');
		expect(summary).toContain('dependency:create:Camille');
		expect(summary).toContain('task:delete:Camille');
		expect(summary).toContain('costPlan:update:Admin de test');
	});
});

describe('personal data', () => {
	it('an administrator exports then erases a contact; the trail keeps the fact, not the data', async () => {
		const admin = callerFor(t.db);
		const plan = await admin.missions.get({ missionId });
		const contact = plan.contacts.find((c) => c.email === 'm.combe@cites-unies-france.org')!;
		const exported = await admin.admin.exportPerson({ email: 'm.combe@cites-unies-france.org' });
		expect(exported.contacts.map((c) => c.name)).toEqual(['Magali Combe']);
		await admin.admin.eraseContact({ contactId: contact.id });
		expect((await admin.missions.get({ missionId })).contacts.some((c) => c.id === contact.id)).toBe(false);
		const trail = await t.db.auditEvent.findMany({ where: { objectId: contact.id } });
		expect(trail.map((e) => e.action)).toEqual(['erase']);
		expect(JSON.stringify(trail)).not.toContain('Combe');
	});

	it('contacts are only visible to members of the mission', async () => {
		const outsiderRow = await t.db.user.create({ data: { email: 'out@test.fr', name: 'Out', passwordHash: 'x' } });
		const outsider = callerFor(t.db, '2025-12-01', {
			id: outsiderRow.id,
			email: outsiderRow.email,
			name: 'Out',
			isAdmin: false
		});
		await expectAppError(outsider.missions.get({ missionId }), 'FORBIDDEN');
	});
});
