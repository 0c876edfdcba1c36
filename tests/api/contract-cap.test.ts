// The market amount obeys the cost plan's rule: above the cap it is refused unless confirmed with
// a reason, and the confirmation is kept and exported. The terms update checks its version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { financeCsv } from '$lib/server/finance-csv';
import { missionWorkbook } from '$lib/server/spreadsheet';
import { expectAppError, seededMission, type Caller } from '../support/api';
import { createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';

let t: TestDatabase;
let api: Caller;
let missionId: string;

beforeAll(async () => {
	t = await createTestDatabase();
	({ api, missionId } = await seededMission(t.db));
});
afterAll(() => t.close());

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('market amount above the cap', () => {
	it('is refused without a confirmation, and without a reason, leaving the mission as it was', async () => {
		const before = await api.finance.get({ missionId });
		// 16 666,68 € HT is 20 000,02 € TTC: two cents over the 20 000 € TTC cap.
		const error = await expectAppError(
			api.finance.updateTerms({
				missionId,
				contractAmountHtCents: 1_666_668,
				paymentDelayDays: 30,
				expectedVersion: await storedVersion(api, 'mission', missionId)
			}),
			'PRECONDITION_FAILED',
			'OVER_CAP'
		);
		expect(plain(error.message)).toContain('Le montant du marché dépasse le plafond de 0,02 € TTC');
		await expectAppError(
			api.finance.updateTerms({
				missionId,
				contractAmountHtCents: 1_666_668,
				paymentDelayDays: 30,
				confirmOverCap: true,
				overCapComment: '  ',
				expectedVersion: await storedVersion(api, 'mission', missionId)
			}),
			'BAD_REQUEST',
			'VALIDATION'
		);
		expect(await api.finance.get({ missionId })).toEqual(before);
		// Exactly the cap is fine without confirmation.
		const atCap = await api.finance.updateTerms({
			missionId,
			contractAmountHtCents: 1_666_667,
			paymentDelayDays: 30,
			expectedVersion: await storedVersion(api, 'mission', missionId)
		});
		expect(atCap.contract.ttcCents).toBe(2_000_000);
	});

	it('is saved with a confirmation and a reason, kept and exported (CSV and XLSX)', async () => {
		const version = (await api.finance.get({ missionId })).mission.version;
		const view = await api.finance.updateTerms({
			missionId,
			contractAmountHtCents: 1_750_000,
			paymentDelayDays: 30,
			expectedVersion: version,
			confirmOverCap: true,
			overCapComment: 'Avenant n° 1 signé'
		});
		expect(view.contract.htCents).toBe(1_750_000);
		expect(view.overCapApprovals).toEqual([
			expect.objectContaining({ kind: 'CONTRACT', overCents: 100_000, comment: 'Avenant n° 1 signé' })
		]);
		// The cost plan's own list stays the cost plan's.
		expect(view.costPlan.approvals).toEqual([]);
		expect(financeCsv(view)).toContain('Montant du marché;21000,00;1000,00;Avenant n° 1 signé;Admin de test');

		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(
			(await missionWorkbook(await api.missions.get({ missionId }), view)) as unknown as ArrayBuffer
		);
		const sheet = workbook.getWorksheet('Dépassements')!;
		expect(sheet.getRow(2).getCell(2).value).toBe('Montant du marché');
		expect(sheet.getRow(2).getCell(4).value).toBe(1000);
		expect(sheet.getRow(2).getCell(5).value).toBe('Avenant n° 1 signé');
	});

	it('refuses a terms update based on an older version (no lost update)', async () => {
		const view = await api.finance.get({ missionId });
		await api.finance.updateTerms({
			missionId,
			contractAmountHtCents: view.contract.htCents,
			paymentDelayDays: 25,
			expectedVersion: view.mission.version
		});
		await expectAppError(
			api.finance.updateTerms({
				missionId,
				contractAmountHtCents: view.contract.htCents,
				paymentDelayDays: 20,
				expectedVersion: view.mission.version
			}),
			'CONFLICT',
			'CONFLICT'
		);
		expect((await api.finance.get({ missionId })).paymentDelayDays).toBe(25);
	});
});
