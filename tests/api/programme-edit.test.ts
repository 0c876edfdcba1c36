// A programme's every field is edited from the version it was read at, into the history; an
// administrator deletes one, and what went with it is said.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '$lib/server/auth/sessions';
import { callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';
import { expectAppError, seededMission } from '../support/api';

const TODAY = '2025-12-15';
let t: TestDatabase;
let manager: AuthUser;
const admin = () => callerFor(t.db, TODAY);
const as = (user: AuthUser) => callerFor(t.db, TODAY, user);

beforeAll(async () => {
	t = await createTestDatabase();
	const u = await t.db.user.create({ data: { email: 'gestion@prog.test', name: 'Gestion', passwordHash: 'x' } });
	manager = { id: u.id, email: u.email, name: u.name, isAdmin: false };
});
afterAll(async () => {
	await t.close();
});

async function scheme() {
	const { id: programmeId } = await admin().programmes.create({
		kind: 'SCHEME',
		title: 'Dispositif',
		owner: 'CUF',
		envelopeCents: 400_000_00,
		envelopeBasis: 'HT',
		startDate: '2025-01-01',
		endDate: '2026-12-31',
		memberShareBp: 7000,
		nonMemberShareBp: 4000
	});
	await admin().programmes.grantRole({ programmeId, email: manager.email, role: 'MANAGER' });
	return programmeId;
}

describe('editing a programme', () => {
	it('changes the fields sent and keeps the others (the funding rule is not reset)', async () => {
		const programmeId = await scheme();
		const { programme } = await as(manager).programmes.get({ programmeId });
		await as(manager).programmes.update({ programmeId, expectedVersion: programme.version, title: 'Dispositif CUF' });
		const after = await t.db.programme.findUniqueOrThrow({ where: { id: programmeId } });
		expect(after).toMatchObject({ title: 'Dispositif CUF', memberShareBp: 7000, nonMemberShareBp: 4000, version: 2 });
	});

	it('adds a ceiling and switches the basis on a scheme created without them, into the history', async () => {
		const programmeId = await scheme();
		await as(manager).programmes.update({
			programmeId,
			expectedVersion: 1,
			envelopeCents: 480_000_00,
			envelopeBasis: 'TTC',
			serviceCeilingCents: 15_000_00
		});
		const page = await as(manager).programmes.get({ programmeId });
		expect(page.terms).toMatchObject({
			envelopeCents: 480_000_00,
			envelopeBasis: 'TTC',
			serviceCeilingCents: 15_000_00
		});
		// One history row per field changed, with its value before and after.
		const audit = await t.db.auditEvent.findMany({
			where: { objectType: 'programme', objectId: programmeId, action: 'update' }
		});
		expect(audit.map((a) => [a.field, a.before, a.after]).sort()).toEqual([
			['envelopeBasis', 'HT', 'TTC'],
			['envelopeCents', '40000000', '48000000'],
			['serviceCeilingCents', null, '1500000']
		]);
		// The ceiling can be taken away again.
		await as(manager).programmes.update({ programmeId, expectedVersion: 2, serviceCeilingCents: null });
		expect((await as(manager).programmes.get({ programmeId })).terms!.serviceCeilingCents).toBeNull();
	});

	it('refuses an edit from an old version, and a type change once missions are in, changing nothing', async () => {
		const programmeId = await scheme();
		await as(manager).programmes.update({ programmeId, expectedVersion: 1, owner: 'Cités Unies France' });
		const before = await t.db.programme.findUniqueOrThrow({ where: { id: programmeId } });
		await expectAppError(
			as(manager).programmes.update({ programmeId, expectedVersion: 1, owner: 'Autre' }),
			'CONFLICT',
			'CONFLICT'
		);
		const { id: beneficiaryId } = await as(manager).programmes.saveBeneficiary({ programmeId, name: 'Ville' });
		await as(manager).programmes.createMission({
			programmeId,
			beneficiaryId,
			templateId: 'builtin:support-service',
			title: 'Appui',
			kickoffDate: '2026-01-05',
			amountCents: 10_000_00
		});
		const refused = await expectAppError(
			as(manager).programmes.update({ programmeId, expectedVersion: 2, kind: 'FRAMEWORK_AGREEMENT' }),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
		expect(refused.message).toContain('1 mission');
		expect(await t.db.programme.findUniqueOrThrow({ where: { id: programmeId } })).toEqual(before);
	});
});

describe('deleting a programme', () => {
	it('is an administrator’s; what goes with it goes, its missions stay out of any programme', async () => {
		const programmeId = await scheme();
		const { missionId } = await seededMission(t.db);
		const { id: beneficiaryId } = await admin().programmes.saveBeneficiary({ programmeId, name: 'Ville' });
		await admin().finance.updateTerms({
			missionId,
			contractAmountHtCents: 10_000_00,
			paymentDelayDays: 30,
			expectedVersion: (await t.db.mission.findUniqueOrThrow({ where: { id: missionId } })).version
		});
		await admin().programmes.attachMission({ programmeId, missionId, beneficiaryId });
		await expectAppError(as(manager).programmes.delete({ programmeId, expectedVersion: 1 }), 'FORBIDDEN', 'FORBIDDEN');
		await expectAppError(admin().programmes.delete({ programmeId, expectedVersion: 7 }), 'CONFLICT', 'CONFLICT');
		expect(await t.db.programme.count({ where: { id: programmeId } })).toBe(1);
		const gone = await admin().programmes.delete({ programmeId, expectedVersion: 1 });
		expect(gone).toEqual({ beneficiaries: 1, priceLines: 0, orders: 0, members: 1, overruns: 0, missionsDetached: 1 });
		expect(await t.db.programme.count({ where: { id: programmeId } })).toBe(0);
		expect(await t.db.beneficiary.count({ where: { programmeId } })).toBe(0);
		expect(await t.db.mission.findUniqueOrThrow({ where: { id: missionId } })).toMatchObject({
			programmeId: null,
			beneficiaryId: null
		});
		const audit = await t.db.auditEvent.findMany({ where: { objectId: programmeId, action: 'delete' } });
		expect(audit.find((a) => a.field === 'title')?.before).toContain('Dispositif');
		expect(audit.find((a) => a.field === 'missionsDetached')?.before).toBe('1');
		await expectAppError(admin().programmes.get({ programmeId }), 'NOT_FOUND', 'NOT_FOUND');
	});
});
