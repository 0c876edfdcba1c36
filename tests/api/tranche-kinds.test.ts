// Avance, acompte, solde through the API: a finance user sets a 20 % advance on the CUF mission
// and every later tranche shows its gross, the advance recovered and the net invoiced, in the
// view, the exports and the history; refused schedules (advance outside 5-30 %, two advances, a
// solde before the end, a stale version, a reader) change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { financeCsv } from '$lib/server/finance-csv';
import { missionWorkbook } from '$lib/server/spreadsheet';
import { callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';
import { expectAppError, seededMission, TODAY, type Caller } from '../support/api';

let database: TestDatabase;
let api: Caller;
let missionId: string;

beforeAll(async () => {
	database = await createTestDatabase();
	({ missionId, api } = await seededMission(database.db));
});
afterAll(() => database.close());

type Kind = 'AVANCE' | 'ACOMPTE' | 'SOLDE';

/** The CUF schedule (30 / 40 / 30 on its triggers), with an advance first when given. */
async function schedule(advance: { percentBp: number } | null, kinds: Kind[] = ['ACOMPTE', 'ACOMPTE', 'SOLDE']) {
	const plan = await api.missions.get({ missionId });
	const later = plan.tranches
		.filter((t) => t.kind !== 'AVANCE')
		.map((t, i) => ({
			label: t.label,
			percentBp: t.percentBp,
			kind: kinds[i]!,
			triggerKind: t.triggerKind,
			triggerMilestoneId: t.triggerMilestoneId,
			triggerDeliverableId: t.triggerDeliverableId
		}));
	// The advance is due at signature, the first tranche's milestone.
	const signature = plan.tranches.find((t) => t.triggerKind === 'MILESTONE')!.triggerMilestoneId!;
	return [
		...(advance
			? [
					{
						label: 'Avance',
						kind: 'AVANCE' as const,
						percentBp: advance.percentBp,
						triggerKind: 'MILESTONE' as const,
						triggerMilestoneId: signature
					}
				]
			: []),
		...later
	];
}

describe('tranche types', () => {
	it('keeps the CUF default: acompte, acompte, solde, nothing to recover', async () => {
		const view = await api.finance.get({ missionId });
		expect(view.tranches.map((t) => t.kindLabel)).toEqual(['Acompte', 'Acompte', 'Solde']);
		expect(view.tranches.map((t) => t.advanceRecoveredCents)).toEqual([0, 0, 0]);
		expect(view.tranches.map((t) => t.grossCents)).toEqual(view.tranches.map((t) => t.amountTtcCents));
	});

	it('recovers a 20 % advance on the later tranches: gross, recovered and net add up exactly', async () => {
		const before = await api.finance.get({ missionId });
		const view = await api.finance.setTranches({
			missionId,
			tranches: await schedule({ percentBp: 2000 }),
			expectedVersion: before.mission.version
		});
		expect(view.mission.version).toBe(before.mission.version + 1);
		expect(view.tranches.map((t) => t.kind)).toEqual(['AVANCE', 'ACOMPTE', 'ACOMPTE', 'SOLDE']);
		// 20 000 € TTC: the advance is 4 000 €; recovery starts at 65 % of the work (the second
		// acompte brings it from 30 % to 70 %: a third) and ends with the solde.
		expect(view.tranches.map((t) => t.grossCents)).toEqual([400_000, 600_000, 800_000, 600_000]);
		expect(view.tranches.map((t) => t.advanceRecoveredCents)).toEqual([0, 0, 133_332, 266_668]);
		expect(view.tranches.map((t) => t.amountTtcCents)).toEqual([400_000, 600_000, 666_668, 333_332]);
		for (const t of view.tranches.slice(1)) expect(t.grossCents - t.advanceRecoveredCents).toBe(t.amountTtcCents);
		expect(view.tranches.reduce((s, t) => s + t.amountTtcCents, 0)).toBe(2_000_000);
		expect(view.contract.ttcCents).toBe(2_000_000);
		// Statuses and the outstanding amount follow the net: the advance is due at signature.
		expect(view.tranches.map((t) => t.status)).toEqual(['DUE', 'DUE', 'PLANNED', 'PLANNED']);
		expect(view.tranches[2]!.outstandingCents).toBe(666_668);
		expect((await api.missions.get({ missionId })).tranches.map((t) => t.kindLabel)).toEqual([
			'Avance',
			'Acompte',
			'Acompte',
			'Solde'
		]);
	});

	it('exports the type, the gross and the advance recovered (CSV and XLSX)', async () => {
		const finance = await api.finance.get({ missionId });
		const plan = await api.missions.get({ missionId });
		const lines = financeCsv(finance)
			.replace(/^\uFEFF/, '')
			.split(/\r?\n/);
		const header = lines.findIndex((l) => l.startsWith('Tranche;'));
		const columns = lines[header]!.split(';');
		const at = (name: string) => columns.indexOf(name);
		const rows = lines.slice(header + 1, header + 5).map((l) => l.split(';'));
		expect(rows.map((r) => r[at('Type')])).toEqual(['Avance', 'Acompte', 'Acompte', 'Solde']);
		expect(rows.map((r) => r[at('Avance récupérée TTC (€)')])).toEqual(['', '0,00', '1333,32', '2666,68']);
		expect(rows.map((r) => r[at('Montant brut TTC (€)')])).toEqual(['', '6000,00', '8000,00', '6000,00']);
		expect(rows.map((r) => r[at('Montant TTC (€)')])).toEqual(['4000,00', '6000,00', '6666,68', '3333,32']);

		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await missionWorkbook(plan, finance)) as unknown as ArrayBuffer);
		const sheet = workbook.getWorksheet('Tranches')!;
		const headers = sheet.getRow(1).values as unknown[];
		const cells = (name: string) => [2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(headers.indexOf(name)).value);
		expect(cells('Type')).toEqual(['Avance', 'Acompte', 'Acompte', 'Solde']);
		expect(cells('Avance récupérée TTC')).toEqual([null, 0, 1333.32, 2666.68]);
	});

	it('writes the types in the history in French', async () => {
		const events = await api.audit.list({ missionId, objectType: 'tranche' });
		const change = events.find((e) => e.field === 'setTranches')!;
		expect(change.display.after).toMatch(/^Tranches : Libellé : Avance, Part : 20\u00a0%, [^;]*Type : Avance ;/);
		expect(change.display.after).toMatch(/Livraison finale [^;]*Type : Solde$/);
	});

	it('refuses an advance outside 5 % to 30 %, with a typed code and a French message, changing nothing', async () => {
		const before = await api.finance.get({ missionId });
		for (const percentBp of [400, 3500]) {
			const error = await expectAppError(
				api.finance.setTranches({
					missionId,
					tranches: await schedule({ percentBp }),
					expectedVersion: before.mission.version
				}),
				'BAD_REQUEST',
				'INVALID_SCHEDULE'
			);
			expect(error.message).toMatch(/^L’avance doit être comprise entre 5\u00a0% et 30\u00a0% du marché \(saisie : /);
			expect((error as unknown as { reason: string }).reason).toBe('ADVANCE_OUT_OF_RANGE');
		}
		expect(await api.finance.get({ missionId })).toEqual(before);
	});

	it('refuses two advances and a solde that is not last, changing nothing', async () => {
		const before = await api.finance.get({ missionId });
		const tranches = await schedule({ percentBp: 1000 }, ['AVANCE', 'ACOMPTE', 'SOLDE']);
		const twice = await expectAppError(
			api.finance.setTranches({ missionId, tranches, expectedVersion: before.mission.version }),
			'BAD_REQUEST',
			'INVALID_SCHEDULE'
		);
		expect(twice.message).toBe('Une seule avance par mission : les autres tranches sont des acomptes.');
		const soldeFirst = await expectAppError(
			api.finance.setTranches({
				missionId,
				tranches: await schedule(null, ['SOLDE', 'ACOMPTE', 'ACOMPTE']),
				expectedVersion: before.mission.version
			}),
			'BAD_REQUEST',
			'INVALID_SCHEDULE'
		);
		expect(soldeFirst.message).toMatch(/^Le solde doit être la dernière tranche/);
		expect(await api.finance.get({ missionId })).toEqual(before);
	});

	it('refuses a schedule based on an older version of the mission, changing nothing', async () => {
		const before = await api.finance.get({ missionId });
		await expectAppError(
			api.finance.setTranches({
				missionId,
				tranches: await schedule(null),
				expectedVersion: before.mission.version - 1
			}),
			'CONFLICT',
			'CONFLICT'
		);
		expect(await api.finance.get({ missionId })).toEqual(before);
	});

	it('keeps the types through a mission document, and refuses a document with a 40 % advance', async () => {
		const document = await api.documents.exportMission({ missionId });
		expect(document.tranches.map((t) => t.kind)).toEqual(['AVANCE', 'ACOMPTE', 'ACOMPTE', 'SOLDE']);
		const { id: copy } = await api.documents.importMission({ document, title: 'Copie avec avance' });
		const [original, copied] = await Promise.all([
			api.finance.get({ missionId }),
			api.finance.get({ missionId: copy })
		]);
		const amounts = (v: typeof original) =>
			v.tranches.map((t) => [t.kind, t.grossCents, t.advanceRecoveredCents, t.amountTtcCents]);
		expect(amounts(copied)).toEqual(amounts(original));

		const tooMuch = structuredClone(document);
		tooMuch.tranches[0]!.percentBp = 4000;
		const error = await expectAppError(api.documents.importMission({ document: tooMuch }), 'BAD_REQUEST');
		expect(error.message).toContain(
			'L’avance doit être comprise entre 5\u00a0% et 30\u00a0% du marché (saisie : 40\u00a0%).'
		);
	});

	it('refuses a reader', async () => {
		const reader = await database.db.user.create({
			data: { email: 'lecteur@test.jalon', name: 'Lecteur', passwordHash: 'x' }
		});
		await database.db.membership.create({ data: { missionId, userId: reader.id, role: 'VIEWER' } });
		const asReader = callerFor(database.db, TODAY, {
			id: reader.id,
			email: reader.email,
			name: reader.name,
			isAdmin: false
		});
		const before = await api.finance.get({ missionId });
		await expectAppError(
			asReader.finance.setTranches({
				missionId,
				tranches: await schedule(null),
				expectedVersion: before.mission.version
			}),
			'FORBIDDEN'
		);
		expect(await api.finance.get({ missionId })).toEqual(before);
	});
});
