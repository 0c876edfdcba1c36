// The Excel export read back with the same library: sheets, French headers, real dates and numbers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { seedCufMission } from '$lib/server/seed';
import { missionWorkbook } from '$lib/server/spreadsheet';
import { callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';

let t: TestDatabase;

beforeAll(async () => {
	t = await createTestDatabase();
});

afterAll(async () => {
	await t.close();
});

it('has one sheet per part, with dates as dates and amounts as numbers', async () => {
	const missionId = await seedCufMission(t.db);
	const api = callerFor(t.db);
	await api.finance.saveProfile({ missionId, name: 'Expert', dayRateHtCents: 90_000 });
	const profileId = (await api.finance.get({ missionId })).costPlan.profiles[0]!.id;
	await api.finance.saveCostLine({ missionId, profileId, label: 'Audit', dayHundredths: 250 });
	// One link start-to-start with 2 working days of lag, one with a lead in elapsed days.
	const links = await t.db.dependency.findMany({ where: { missionId }, orderBy: { id: 'asc' } });
	await t.db.dependency.update({
		where: { id: links[0]!.id },
		data: { type: 'SS', lagDays: 2, lagUnit: 'WORKING_DAYS' }
	});
	await t.db.dependency.update({ where: { id: links[1]!.id }, data: { lagDays: -1, lagUnit: 'ELAPSED_DAYS' } });
	const buffer = await missionWorkbook(await api.missions.get({ missionId }), await api.finance.get({ missionId }));

	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
	expect(workbook.worksheets.map((w) => w.name)).toEqual([
		'Tâches',
		'Livrables',
		'Jalons',
		'Plan de charge',
		'Tranches',
		'Dépassements'
	]);

	const deliverables = workbook.getWorksheet('Livrables')!;
	expect(deliverables.getRow(1).getCell(5).value).toBe('Échéance contractuelle');
	const deadline = deliverables.getRow(2).getCell(5);
	expect(deadline.type).toBe(ExcelJS.ValueType.Date);
	expect((deadline.value as Date).toISOString().slice(0, 10)).toBe('2025-12-15');
	expect(deadline.numFmt).toBe('dd/mm/yyyy');
	expect(deliverables.getRow(3).getCell(7).value).toBe(39);
	// Late work stays late in the export too (deadline 15/12/2025, today 01/12/2025: on time).
	expect(deliverables.getRow(1).getCell(9).value).toBe('Respect de l’échéance');
	expect(deliverables.getRow(2).getCell(9).value).toBe('dans les délais');

	const tranches = workbook.getWorksheet('Tranches')!;
	const ttc = tranches.getRow(2).getCell(6);
	expect(ttc.type).toBe(ExcelJS.ValueType.Number);
	expect(ttc.value).toBe(6000);
	expect([2, 3, 4].map((r) => tranches.getRow(r).getCell(6).value)).toEqual([6000, 8000, 6000]);

	const costs = workbook.getWorksheet('Plan de charge')!;
	expect(costs.getRow(2).getCell(4).value).toBe(2.5);
	expect(costs.getRow(2).getCell(6).value).toBe(2250);

	const tasks = workbook.getWorksheet('Tâches')!;
	expect(tasks.rowCount).toBe(1 + 23);
	expect(tasks.getRow(2).getCell(5).type).toBe(ExcelJS.ValueType.Date);
	// Outline numbers, durations in working days and predecessors as the task table writes them.
	const headers = (tasks.getRow(1).values as unknown[]).slice(1);
	expect(headers).toEqual([
		'N°',
		'Phase',
		'Tâche',
		'Type',
		'Début',
		'Fin',
		'Durée (jours ouvrés)',
		'Prédécesseurs',
		'Avancement (%)'
	]);
	const rows = Array.from({ length: 23 }, (_, i) => (tasks.getRow(i + 2).values as unknown[]).slice(1));
	const column = (name: string) => headers.indexOf(name);
	expect(rows.map((r) => r[column('N°')]).slice(0, 3)).toEqual(['1', '1.1', '1.2']);
	const row = (name: string) => rows.find((r) => String(r[column('Tâche')]).startsWith(name))!;
	// 05/01/2026 → 16/01/2026: two weeks, 10 working days; 15/12/2025 → 19/12/2025: 5.
	expect(row('Besoins fonctionnels')[column('Durée (jours ouvrés)')]).toBe(10);
	expect(row('Diagnostic/action')[column('Durée (jours ouvrés)')]).toBe(5);
	const plan = await api.missions.get({ missionId });
	const numberOf = (taskId: string) => rows[plan.tasks.findIndex((x) => x.id === taskId)]![column('N°')];
	const successor = (id: string) => plan.tasks.find((x) => x.id === id)!.name;
	expect(row(successor(links[0]!.successorId))[column('Prédécesseurs')]).toContain(
		`${numberOf(links[0]!.predecessorId)}DD+2j`
	);
	expect(row(successor(links[1]!.successorId))[column('Prédécesseurs')]).toContain(
		`${numberOf(links[1]!.predecessorId)}FD-1jé`
	);
	const linked = rows.filter((r) => r[column('Prédécesseurs')]).length;
	expect(linked).toBe(new Set(plan.dependencies.map((d) => d.successorId)).size);
});
