// Accounts and access (issue 11, items 4, 6, 9, 10, 11): log-in slowed down rather than locked,
// calendar feeds that die with their creator's access, templates private to their author, the
// right to create missions, one's own password, disabled accounts, the first administrator's
// one-time password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdministrator } from '$lib/server/auth/bootstrap';
import { feedCreatorHasAccess } from '$lib/server/auth/accounts';
import { ACCOUNT_LIMIT, logIn, LoginError, MAX_EMAIL_LENGTH, PAIR_LIMIT } from '$lib/server/auth/login';
import { hashPassword } from '$lib/server/auth/passwords';
import { createSession, validateSession, type AuthUser } from '$lib/server/auth/sessions';
import { seedCufMission } from '$lib/server/seed';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';
import { expectAppError } from '../support/api';

let t: TestDatabase;
let missionId: string;
const PASSWORD = 'correct horse battery staple';
let seq = 0;

/** A fresh account (own e-mail, so throttling tests do not share counts), optionally with a role. */
async function account(role?: 'COORDINATOR' | 'SUPERVISOR' | 'FINANCE' | 'VIEWER', isAdmin = false): Promise<AuthUser> {
	seq += 1;
	const email = `user${seq}@accounts.test`;
	const user = await t.db.user.create({
		data: { email, name: `Personne ${seq}`, isAdmin, passwordHash: await hashPassword(PASSWORD) }
	});
	if (role) await t.db.membership.create({ data: { userId: user.id, missionId, role } });
	return { id: user.id, email, name: user.name, isAdmin };
}

async function attempt(email: string, password: string, address: string, now: Date): Promise<string> {
	try {
		await logIn(t.db, email, password, address, now);
		return 'OK';
	} catch (error) {
		if (error instanceof LoginError) return error.code;
		throw error;
	}
}

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

beforeAll(async () => {
	t = await createTestDatabase();
	missionId = await seedCufMission(t.db);
});

afterAll(async () => {
	await t.close();
});

describe('log-in limits slow the attacker, not the owner', () => {
	it('failures from one address do not lock the owner out from theirs', async () => {
		const owner = await account();
		const now = new Date('2026-01-10T10:00:00Z');
		for (let i = 0; i < 10; i += 1) {
			await attempt(owner.email, `wrong ${i}`, '203.0.113.66', at(now, i * 100));
		}
		expect(await attempt(owner.email, PASSWORD, '198.51.100.7', at(now, 1000))).toBe('OK');
	});

	it('makes the guesser wait longer and longer, up to 15 minutes, then lets them try again', async () => {
		const owner = await account();
		const now = new Date('2026-01-11T10:00:00Z');
		for (let i = 0; i < PAIR_LIMIT.free; i += 1) {
			expect(await attempt(owner.email, 'wrong', '203.0.113.1', now)).toBe('INVALID_CREDENTIALS');
		}
		// Even the right password is not tried while a wait is due.
		expect(await attempt(owner.email, PASSWORD, '203.0.113.1', now)).toBe('TOO_MANY_ATTEMPTS');
		expect(await attempt(owner.email, 'wrong', '203.0.113.1', at(now, 1000))).toBe('INVALID_CREDENTIALS');
		expect(await attempt(owner.email, 'wrong', '203.0.113.1', at(now, 2500))).toBe('TOO_MANY_ATTEMPTS');
		expect(await attempt(owner.email, 'wrong', '203.0.113.1', at(now, 3000))).toBe('INVALID_CREDENTIALS');
		expect(await attempt(owner.email, PASSWORD, '203.0.113.1', at(now, 3000 + 4000))).toBe('OK');
	});

	it('counts parallel guesses atomically: 40 at once, 5 evaluated', async () => {
		const owner = await account();
		const now = new Date('2026-01-12T10:00:00Z');
		const results = await Promise.all(
			Array.from({ length: 40 }, (_, i) => attempt(owner.email, `guess ${i}`, '203.0.113.9', now))
		);
		expect(results.filter((r) => r === 'INVALID_CREDENTIALS')).toHaveLength(PAIR_LIMIT.free);
		expect(results.filter((r) => r === 'TOO_MANY_ATTEMPTS')).toHaveLength(40 - PAIR_LIMIT.free);
	});

	it('a guess from many addresses slows the account by at most 30 s per attempt', async () => {
		const owner = await account();
		const now = new Date('2026-01-13T10:00:00Z');
		for (let i = 0; i < 100; i += 1) await attempt(owner.email, 'wrong', `10.9.${i >> 8}.${i & 255}`, now);
		const refused = await logIn(t.db, owner.email, PASSWORD, '198.51.100.20', now).catch((e: LoginError) => e);
		expect(refused).toBeInstanceOf(LoginError);
		expect((refused as LoginError).retryAfterMs).toBeLessThanOrEqual(ACCOUNT_LIMIT.maxDelayMs);
		expect(await attempt(owner.email, PASSWORD, '198.51.100.20', at(now, ACCOUNT_LIMIT.maxDelayMs))).toBe('OK');
	});

	it('stores at most 254 characters of a typed e-mail', async () => {
		const huge = `${'a'.repeat(1_000_000)}@example.org`;
		expect(await attempt(huge, 'x', '203.0.113.77', new Date('2026-01-14T10:00:00Z'))).toBe('INVALID_CREDENTIALS');
		const rows = await t.db.loginFailure.findMany({ where: { address: '203.0.113.77' } });
		expect(rows).toHaveLength(1);
		expect(rows[0]!.email.length).toBe(MAX_EMAIL_LENGTH);
	});
});

describe('calendar feeds die with their creator’s access', () => {
	const liveFeeds = (userId: string) => t.db.calendarFeed.count({ where: { createdById: userId, revokedAt: null } });

	it('a role withdrawn or a password reset revokes the feeds; a membership gone any other way stops serving them', async () => {
		const leaver = await account('FINANCE');
		const admin = callerFor(t.db);
		await callerFor(t.db, '2025-12-01', leaver).calendar.createFeed({ missionId });
		await admin.admin.revokeRole({ userId: leaver.id, missionId, role: 'FINANCE' });
		expect(await liveFeeds(leaver.id)).toBe(0);

		const member = await account('VIEWER');
		await callerFor(t.db, '2025-12-01', member).calendar.createFeed({ missionId });
		await admin.admin.setPassword({ userId: member.id, password: 'un nouveau mot de passe' });
		expect(await liveFeeds(member.id)).toBe(0);

		const other = await account('VIEWER');
		await callerFor(t.db, '2025-12-01', other).calendar.createFeed({ missionId });
		const feed = await t.db.calendarFeed.findFirstOrThrow({ where: { createdById: other.id } });
		expect(await feedCreatorHasAccess(t.db, feed)).toBe(true);
		await t.db.membership.deleteMany({ where: { userId: other.id } });
		expect(await feedCreatorHasAccess(t.db, feed)).toBe(false);
	});

	it('coordination and administrators list and revoke every feed of the mission; other members only theirs', async () => {
		const coordinator = await account('COORDINATOR');
		const finance = await account('FINANCE');
		const viewer = await account('VIEWER');
		await callerFor(t.db, '2025-12-01', viewer).calendar.createFeed({ missionId });
		const feed = await t.db.calendarFeed.findFirstOrThrow({ where: { createdById: viewer.id } });

		const asFinance = callerFor(t.db, '2025-12-01', finance).calendar;
		expect((await asFinance.feeds({ missionId })).map((f) => f.id)).not.toContain(feed.id);
		await expectAppError(asFinance.revokeFeed({ missionId, feedId: feed.id }), 'NOT_FOUND');

		const asCoordinator = callerFor(t.db, '2025-12-01', coordinator).calendar;
		const listed = (await asCoordinator.feeds({ missionId })).find((f) => f.id === feed.id);
		expect(listed).toMatchObject({ createdByName: viewer.name, mine: false });
		await asCoordinator.revokeFeed({ missionId, feedId: feed.id });
		expect(await liveFeeds(viewer.id)).toBe(0);

		await callerFor(t.db, '2025-12-01', viewer).calendar.createFeed({ missionId });
		const second = await t.db.calendarFeed.findFirstOrThrow({ where: { createdById: viewer.id, revokedAt: null } });
		await callerFor(t.db).calendar.revokeFeed({ missionId, feedId: second.id });
		expect(await liveFeeds(viewer.id)).toBe(0);
	});
});

describe('templates saved from a mission', () => {
	it('are private to their author until an administrator publishes them', async () => {
		const author = await account('COORDINATOR');
		const stranger = await account();
		await t.db.user.update({ where: { id: stranger.id }, data: { canCreateMissions: true } });
		const { id: templateId } = await callerFor(t.db, '2025-12-01', author).documents.saveAsTemplate({
			missionId,
			name: 'Modèle privé'
		});
		const asStranger = callerFor(t.db, '2025-12-01', stranger).documents;
		const create = () =>
			asStranger.createFromTemplate({
				templateId,
				kickoffDate: '2026-01-05',
				title: 'Copie',
				clientOrganisation: 'C',
				budgetCapCents: 100
			});
		expect((await asStranger.templates()).map((x) => x.id)).not.toContain(templateId);
		await expectAppError(create(), 'NOT_FOUND');
		expect((await callerFor(t.db, '2025-12-01', author).documents.templates()).map((x) => x.id)).toContain(templateId);

		await callerFor(t.db).admin.publishTemplate({ templateId, published: true });
		expect((await asStranger.templates()).map((x) => x.id)).toContain(templateId);
		expect((await create()).id).toBeTruthy();
	});
});

describe('creating missions', () => {
	const newMission = {
		title: 'Nouvelle',
		clientOrganisation: 'C',
		kickoffDate: '2026-01-05',
		budgetCapCents: 100,
		capBasis: 'TTC' as const,
		vatRateBp: 2000
	};

	it('is refused to a read-only user, allowed to a coordinator, and granted or withdrawn by an administrator', async () => {
		const reader = await account('VIEWER');
		await expectAppError(callerFor(t.db, '2025-12-01', reader).missions.create(newMission), 'FORBIDDEN');
		await callerFor(t.db).admin.setMissionCreation({ userId: reader.id, allowed: true });
		expect((await callerFor(t.db, '2025-12-01', reader).missions.create(newMission)).id).toBeTruthy();

		const coordinator = await account('COORDINATOR');
		expect((await callerFor(t.db, '2025-12-01', coordinator).missions.create(newMission)).id).toBeTruthy();
		await callerFor(t.db).admin.setMissionCreation({ userId: coordinator.id, allowed: false });
		await expectAppError(callerFor(t.db, '2025-12-01', coordinator).missions.create(newMission), 'FORBIDDEN');
	});

	it('gives its creator what setting it up takes: the plan, the budget and the tranches', async () => {
		const coordinator = await account('COORDINATOR');
		const api = callerFor(t.db, '2025-12-01', coordinator);
		const { id } = await api.missions.create(newMission);
		await api.finance.updateTerms({
			missionId: id,
			contractAmountHtCents: 50,
			paymentDelayDays: 30,
			expectedVersion: await storedVersion(api, 'mission', id)
		});
		const roles = await t.db.membership.findMany({ where: { userId: coordinator.id, missionId: id } });
		expect(roles.map((r) => r.role).sort()).toEqual(['COORDINATOR', 'FINANCE']);
	});
});

describe('passwords and disabled accounts', () => {
	it('every user changes their own password with the current one; other sessions end, this one stays', async () => {
		const user = await account('VIEWER');
		const here = await createSession(t.db, user.id);
		const elsewhere = await createSession(t.db, user.id);
		const me = (await validateSession(t.db, here.token))!;
		const api = callerFor(t.db, '2025-12-01', me).auth;
		await expectAppError(
			api.changePassword({ currentPassword: 'pas le bon', newPassword: 'un tout nouveau secret' }),
			'BAD_REQUEST',
			'VALIDATION'
		);
		await expectAppError(
			api.changePassword({ currentPassword: PASSWORD, newPassword: 'court' }),
			'BAD_REQUEST',
			'VALIDATION'
		);
		await api.changePassword({ currentPassword: PASSWORD, newPassword: 'un tout nouveau secret' });
		expect(await validateSession(t.db, here.token)).not.toBeNull();
		expect(await validateSession(t.db, elsewhere.token)).toBeNull();
		expect(await attempt(user.email, PASSWORD, '192.0.2.50', new Date())).toBe('INVALID_CREDENTIALS');
		expect(await attempt(user.email, 'un tout nouveau secret', '192.0.2.50', new Date())).toBe('OK');
	});

	it('an administrator disables an account: sessions and feeds revoked at once, no more log-in', async () => {
		const user = await account('COORDINATOR');
		const session = await createSession(t.db, user.id);
		await callerFor(t.db, '2025-12-01', user).calendar.createFeed({ missionId });
		await callerFor(t.db).admin.setDisabled({ userId: user.id, disabled: true });
		expect(await validateSession(t.db, session.token)).toBeNull();
		expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
		expect(await t.db.calendarFeed.count({ where: { createdById: user.id, revokedAt: null } })).toBe(0);
		expect(await attempt(user.email, PASSWORD, '192.0.2.51', new Date())).toBe('ACCOUNT_DISABLED');
		await callerFor(t.db).admin.setDisabled({ userId: user.id, disabled: false });
		expect(await attempt(user.email, PASSWORD, '192.0.2.51', new Date())).toBe('OK');
	});

	it('the first administrator’s generated password must be changed before anything else', async () => {
		const empty = await createTestDatabase();
		try {
			await empty.db.user.deleteMany();
			const created = (await ensureAdministrator(empty.db, {}))!;
			const { user, token } = await logIn(empty.db, created.email, created.password!, '192.0.2.60');
			expect(user.mustChangePassword).toBe(true);
			const session = (await validateSession(empty.db, token))!;
			expect(session.mustChangePassword).toBe(true);
			const api = callerFor(empty.db, '2025-12-01', session);
			await expectAppError(api.missions.list(), 'FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED');
			await expectAppError(api.admin.users(), 'FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED');
			await api.auth.changePassword({ currentPassword: created.password!, newPassword: 'mon mot de passe à moi' });
			const after = (await validateSession(empty.db, token))!;
			expect(after.mustChangePassword).toBe(false);
			expect(await callerFor(empty.db, '2025-12-01', after).missions.list()).toEqual([]);
		} finally {
			await empty.close();
		}
	});
});
