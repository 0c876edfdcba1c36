// One rule for every path that brings an amount into a programme (attach, a service created or
// edited, a later change of a mission's amount or status, an order): the ceiling per service is
// final, the envelope needs a confirmation; a refusal changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';
import { expectAppError, seededMission } from '../support/api';

const TODAY = '2025-12-15';
let t: TestDatabase;
const admin = () => callerFor(t.db, TODAY);
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

async function scheme(envelopeCents: number, serviceCeilingCents: number | null) {
	const { id: programmeId } = await admin().programmes.create({
		kind: 'SCHEME',
		title: 'Dispositif CUF',
		owner: 'Cités Unies France',
		envelopeCents,
		envelopeBasis: 'TTC',
		startDate: '2025-01-01',
		endDate: '2026-12-31',
		serviceCeilingCents
	});
	const { id: beneficiaryId } = await admin().programmes.saveBeneficiary({
		programmeId,
		name: 'Ville de Lyon',
		isMember: true
	});
	return { programmeId, beneficiaryId };
}

const committed = async (programmeId: string) =>
	(await admin().programmes.get({ programmeId })).envelope!.committedCents;

beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(async () => {
	await t.close();
});

describe('attaching a mission', () => {
	it('refuses a 20 000 € TTC mission on a scheme capped at 15 000 € TTC per service, and changes nothing', async () => {
		const { missionId } = await seededMission(t.db);
		const { programmeId, beneficiaryId } = await scheme(400_000_00, 15_000_00);
		// Another service already commits 12 000 € TTC.
		await admin().programmes.createMission({
			programmeId,
			beneficiaryId,
			templateId: 'builtin:support-service',
			title: 'Stratégie',
			kickoffDate: '2026-01-05',
			amountCents: 12_000_00
		});
		const before = await t.db.mission.findUniqueOrThrow({ where: { id: missionId } });
		const audits = await t.db.auditEvent.count();
		for (const confirmOverEnvelope of [false, true]) {
			const error = await expectAppError(
				admin().programmes.attachMission({
					programmeId,
					missionId,
					beneficiaryId,
					confirmOverEnvelope,
					overEnvelopeReason: confirmOverEnvelope ? 'Urgent' : null
				}),
				'PRECONDITION_FAILED',
				'OVER_CAP'
			);
			expect((error as unknown as { reason: string }).reason).toBe('ABOVE_SERVICE_CEILING');
			expect(plain(error.message)).toContain('dépasse le plafond de 15 000,00 € TTC par prestation de 5 000,00 €');
		}
		expect(await t.db.mission.findUniqueOrThrow({ where: { id: missionId } })).toEqual(before);
		expect(await committed(programmeId)).toBe(12_000_00);
		expect(await t.db.envelopeOverrun.count({ where: { programmeId } })).toBe(0);
		expect(await t.db.auditEvent.count()).toBe(audits);
		// Signed at 10 000 € HT (12 000 € TTC), it comes in.
		await admin().finance.updateTerms({
			missionId,
			contractAmountHtCents: 10_000_00,
			paymentDelayDays: 30,
			expectedVersion: (await t.db.mission.findUniqueOrThrow({ where: { id: missionId } })).version
		});
		await admin().programmes.attachMission({ programmeId, missionId, beneficiaryId });
		expect(await committed(programmeId)).toBe(24_000_00);
		// Its contract amount raised later above the ceiling: refused, as on the way in.
		const mission = await t.db.mission.findUniqueOrThrow({ where: { id: missionId } });
		await expectAppError(
			admin().finance.updateTerms({
				missionId,
				expectedVersion: mission.version,
				contractAmountHtCents: 13_000_00,
				paymentDelayDays: 30
			}),
			'PRECONDITION_FAILED',
			'OVER_CAP'
		);
		expect(await t.db.mission.findUniqueOrThrow({ where: { id: missionId } })).toEqual(mission);
		expect(await committed(programmeId)).toBe(24_000_00);
	});
});

describe('a service of a TTC scheme', () => {
	it('is typed in TTC, refused a cent above the ceiling, and its later edits apply the same rule', async () => {
		const { programmeId, beneficiaryId } = await scheme(100_000_00, 15_000_00);
		const service = {
			programmeId,
			beneficiaryId,
			templateId: 'builtin:support-service' as const,
			title: 'Appui',
			kickoffDate: '2026-01-05'
		};
		const above = await expectAppError(
			admin().programmes.createMission({ ...service, amountCents: 15_000_01 }),
			'PRECONDITION_FAILED',
			'OVER_CAP'
		);
		expect(plain(above.message)).toContain('de 0,01 €');
		expect(await t.db.mission.count({ where: { programmeId } })).toBe(0);
		const { id: missionId } = await admin().programmes.createMission({ ...service, amountCents: 12_000_00 });
		const mission = await t.db.mission.findUniqueOrThrow({ where: { id: missionId } });
		expect(mission).toMatchObject({ budgetCapCents: 12_000_00, capBasis: 'TTC' });
		expect(await committed(programmeId)).toBe(12_000_00);
		// 12 000 € TTC typed is 12 000 € TTC funded: 9 600 / 2 400.
		const funding = await admin().programmes.funding({ missionId });
		expect(funding!.plan!.funders.map((f) => f.totalCents)).toEqual([9_600_00, 2_400_00]);
		// Editing the service's cap above the ceiling: refused, nothing changes.
		await expectAppError(
			admin().missions.update({ missionId, expectedVersion: mission.version, budgetCapCents: 16_000_00 }),
			'PRECONDITION_FAILED',
			'OVER_CAP'
		);
		expect(await t.db.mission.findUniqueOrThrow({ where: { id: missionId } })).toEqual(mission);
		await admin().missions.update({ missionId, expectedVersion: mission.version, budgetCapCents: 15_000_00 });
		expect(await committed(programmeId)).toBe(15_000_00);
	});
});

describe('the envelope', () => {
	it('needs a confirmation on the way in, and refuses a later raise or signature above it', async () => {
		const { programmeId, beneficiaryId } = await scheme(20_000_00, null);
		const service = {
			programmeId,
			beneficiaryId,
			templateId: 'builtin:support-service' as const,
			kickoffDate: '2026-01-05'
		};
		const { id: first } = await admin().programmes.createMission({ ...service, title: 'A', amountCents: 15_000_00 });
		const over = await expectAppError(
			admin().programmes.createMission({ ...service, title: 'B', amountCents: 6_000_00 }),
			'PRECONDITION_FAILED',
			'OVER_CAP'
		);
		expect((over as unknown as { reason: string }).reason).toBe('OVER_ENVELOPE');
		const { id: second } = await admin().programmes.createMission({
			...service,
			title: 'B',
			amountCents: 6_000_00,
			confirmOverEnvelope: true,
			overEnvelopeReason: 'Avenant signé'
		});
		expect(await committed(programmeId)).toBe(21_000_00);
		expect(await t.db.envelopeOverrun.count({ where: { programmeId } })).toBe(1);
		// A later raise cannot be confirmed from the mission: it says what to do instead.
		const a = await t.db.mission.findUniqueOrThrow({ where: { id: first } });
		const raise = await expectAppError(
			admin().missions.update({ missionId: first, expectedVersion: a.version, budgetCapCents: 15_500_00 }),
			'PRECONDITION_FAILED',
			'OVER_CAP'
		);
		expect(raise.message).toContain('augmenter l’enveloppe');
		expect(await t.db.mission.findUniqueOrThrow({ where: { id: first } })).toEqual(a);
		// Lowering is always possible; a draft commits nothing; signing it again brings its amount back in.
		const b = await t.db.mission.findUniqueOrThrow({ where: { id: second } });
		await admin().missions.update({ missionId: second, expectedVersion: b.version, status: 'DRAFT' });
		expect(await committed(programmeId)).toBe(15_000_00);
		await admin().missions.update({ missionId: first, expectedVersion: a.version, budgetCapCents: 15_500_00 });
		await expectAppError(
			admin().missions.update({ missionId: second, expectedVersion: b.version + 1, status: 'ACTIVE' }),
			'PRECONDITION_FAILED',
			'OVER_CAP'
		);
		expect(await t.db.mission.findUniqueOrThrow({ where: { id: second } })).toMatchObject({ status: 'DRAFT' });
		expect(await committed(programmeId)).toBe(15_500_00);
	});
});
