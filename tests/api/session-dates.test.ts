// A session whose stored dates cannot be read is over, not eternal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, validateSession } from '$lib/server/auth/sessions';
import { createTestDatabase, TEST_ADMIN, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(() => t.close());

describe('a session with an unreadable date', () => {
	for (const column of ['expiresAt', 'lastSeenAt'] as const) {
		it(`ends when ${column} cannot be parsed, and is deleted`, async () => {
			const now = new Date('2026-03-01T08:00:00Z');
			const { token } = await createSession(t.db, TEST_ADMIN.id, now);
			expect(await validateSession(t.db, token, now)).not.toBeNull();
			await t.db.$executeRawUnsafe(`UPDATE "Session" SET "${column}" = 'pas une date'`);
			expect(await validateSession(t.db, token, now)).toBeNull();
			expect(await t.db.session.count()).toBe(0);
		});
	}
});
