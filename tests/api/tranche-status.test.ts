// One derivation of a tranche's status: the mission plan (mission page), the finance page, the
// chart's markers, the CSV and XLSX exports and the calendar feed all show lifecycleStatus's
// output for the stored rows, whatever the tranche went through.
import { afterAll, beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { lifecycleStatus } from '$lib/domain/finance';
import { trancheStatusLabels } from '$lib/domain/labels';
import { ganttRows, ROW_PREFIX } from '$lib/components/gantt/gantt-rows';
import { missionCalendar } from '$lib/server/calendar-feed';
import { financeCsv } from '$lib/server/finance-csv';
import { missionWorkbook } from '$lib/server/spreadsheet';
import { seedCufMission } from '$lib/server/seed';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';

const TODAY = '2026-03-02';
let t: TestDatabase;

beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(() => t.close());

/** The expected label of every tranche, from the stored rows through the domain function. */
async function expectedLabels(missionId: string): Promise<string[]> {
	const api = callerFor(t.db, TODAY);
	const plan = await api.missions.get({ missionId });
	const rows = await t.db.paymentTranche.findMany({
		where: { missionId },
		orderBy: { sortOrder: 'asc' },
		include: { payments: true, triggerMilestone: true, triggerDeliverable: true }
	});
	const mission = await t.db.mission.findUniqueOrThrow({ where: { id: missionId } });
	return rows.map((row) => {
		const planned = plan.tranches.find((p) => p.id === row.id)!;
		const triggerReached = row.triggerDeliverable
			? row.triggerDeliverable.status === 'VALIDATED'
			: plan.milestones.some((m) => m.id === row.triggerMilestoneId && m.date <= TODAY);
		const status = lifecycleStatus(
			{
				status: row.status,
				amountTtcCents: planned.amountTtcCents,
				invoiceNumber: row.invoiceNumber,
				invoiceDate: row.invoiceDate,
				paidCents: row.payments.reduce((s, p) => s + p.amountCents, 0),
				lastPaymentDate: null
			},
			triggerReached,
			mission.paymentDelayDays,
			TODAY
		);
		return trancheStatusLabels[status];
	});
}

it('is the same on every page, export and feed', async () => {
	const missionId = await seedCufMission(t.db);
	const api = callerFor(t.db, TODAY);
	let plan = await api.missions.get({ missionId });
	const [first, second] = plan.tranches;
	// Deliverable 2 validated: tranche 2 becomes exigible (the mission page used to say « Prévue »).
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
	// Tranche 1 invoiced long ago and unpaid: en retard; tranche 2 invoiced and partly paid.
	await api.finance.invoice({ trancheId: first!.id, invoiceNumber: 'F-1', invoiceDate: '2025-11-28' });
	await api.finance.invoice({ trancheId: second!.id, invoiceNumber: 'F-2', invoiceDate: '2026-02-20' });
	await api.finance.recordPayment({ trancheId: second!.id, paidOn: '2026-02-25', amountCents: 100_000 });

	const expected = await expectedLabels(missionId);
	expect(expected).toEqual(['En retard', 'Partiellement payée', 'Prévue']);

	plan = await api.missions.get({ missionId });
	const finance = await api.finance.get({ missionId });
	// Mission page: its table reads trancheStatusLabels[t.status] off the plan.
	expect(plan.tranches.map((t) => trancheStatusLabels[t.status])).toEqual(expected);
	expect(plan.tranches.map((t) => t.statusLabel)).toEqual(expected);
	// Finance page.
	expect(finance.tranches.map((t) => t.statusLabel)).toEqual(expected);
	// Chart markers (the mission page passes the finance tranches as markers).
	const rows = ganttRows(plan, finance.tranches);
	const markerNames = plan.tranches.map((tr) => rows.find((r) => r.id === ROW_PREFIX.tranche + tr.id)!.name);
	markerNames.forEach((name, i) => expect(name).toContain(`— ${expected[i]}`));

	// CSV: the Statut column.
	const csvLines = financeCsv(finance)
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/);
	const header = csvLines.findIndex((l) => l.startsWith('Tranche;'));
	const statusAt = csvLines[header]!.split(';').indexOf('Statut');
	expect(csvLines.slice(header + 1, header + 4).map((l) => l.split(';')[statusAt])).toEqual(expected);

	// XLSX: the Statut column of the Tranches sheet.
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await missionWorkbook(plan, finance)) as unknown as ArrayBuffer);
	const sheet = workbook.getWorksheet('Tranches')!;
	const statusColumn = (sheet.getRow(1).values as unknown[]).indexOf('Statut');
	expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(statusColumn).value)).toEqual(expected);

	// Calendar feed: each payment event's description starts with the status.
	const calendar = new ICAL.Component(ICAL.parse(missionCalendar(plan, finance, 'https://jalon.example/m')));
	const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
	const descriptions = plan.tranches.map((tr) => events.find((e) => e.uid === `tranche-${tr.id}@jalon`)!.description);
	descriptions.forEach((d, i) => expect(d.startsWith(`${expected[i]}.`)).toBe(true));
});
