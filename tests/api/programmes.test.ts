// Programmes through the API: a framework agreement whose beneficiaries order on the price list,
// each seeing only its own orders; a support scheme whose rule funds a mission; the envelope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '$lib/server/auth/sessions';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { programmeReportWorkbook } from '$lib/server/programme-report-xlsx';
import { programmeReportPdf } from '$lib/server/programme-report-pdf';
import { expectAppError, expectFrench, seededMission } from '../support/api';
import { DELIVERABLE_DELAYS, orderSteps } from '$lib/domain/programme-orders';
import { addWorkingDays } from '$lib/domain/calendar';

const TODAY = '2025-12-15';
let t: TestDatabase;
let manager: AuthUser;
let chu: AuthUser;
let univ: AuthUser;
let programmeId: string;
let chuId: string;
let univId: string;
let expertLine: string;
let trainingLine: string;

const as = (user: AuthUser, today = TODAY) => callerFor(t.db, today, user);

async function account(name: string): Promise<AuthUser> {
	const u = await t.db.user.create({ data: { email: `${name}@prog.test`, name, passwordHash: 'x' } });
	return { id: u.id, email: u.email, name: u.name, isAdmin: false };
}

beforeAll(async () => {
	t = await createTestDatabase();
	[manager, chu, univ] = [await account('titulaire'), await account('chu'), await account('univ')];
	const api = as(manager);
	// An administrator creates the programme and gives its management to the holder.
	({ id: programmeId } = await callerFor(t.db, TODAY).programmes.create({
		kind: 'FRAMEWORK_AGREEMENT',
		title: 'Accord-cadre CANUT',
		owner: 'Groupement CANUT',
		envelopeCents: 50_000_00,
		envelopeBasis: 'HT',
		startDate: '2025-09-01',
		endDate: '2027-08-31'
	}));
	await callerFor(t.db, TODAY).programmes.grantRole({ programmeId, email: manager.email, role: 'MANAGER' });
	({ id: chuId } = await api.programmes.saveBeneficiary({
		programmeId,
		name: 'CHU de Lyon',
		siret: '732 829 320 00074',
		isMember: true
	}));
	({ id: univId } = await api.programmes.saveBeneficiary({ programmeId, name: 'Université', siret: null }));
	({ id: expertLine } = await api.programmes.savePriceLine({
		programmeId,
		code: 'EXP',
		label: 'Consultant expert',
		kind: 'PROFILE_DAY',
		unit: 'jour',
		unitPriceHtCents: 1_000_00
	}));
	({ id: trainingLine } = await api.programmes.savePriceLine({
		programmeId,
		code: 'FOR-J',
		label: 'Formation d’une journée',
		kind: 'TRAINING',
		unit: 'session',
		unitPriceHtCents: 2_000_00
	}));
	await api.programmes.grantRole({ programmeId, email: chu.email, role: 'BENEFICIARY', beneficiaryId: chuId });
	await api.programmes.grantRole({ programmeId, email: univ.email, role: 'BENEFICIARY', beneficiaryId: univId });
});

afterAll(async () => {
	await t.close();
});

describe('framework agreement orders', () => {
	it('refuses a SIRET whose key is wrong, in French', async () => {
		const error = await expectAppError(
			as(manager).programmes.saveBeneficiary({ programmeId, name: 'X', siret: '73282932000075' }),
			'BAD_REQUEST'
		);
		expect(error.message).toContain('SIRET invalide');
	});

	it('a beneficiary sees only its own orders and cannot validate another’s quote', async () => {
		const mine = await as(chu).orders.request({ programmeId, beneficiaryId: chuId, title: 'Audit de la DSI' });
		const theirs = await as(univ).orders.request({ programmeId, beneficiaryId: univId, title: 'Formation RGPD' });
		// Asking on another's behalf is refused.
		await expectAppError(
			as(chu).orders.request({ programmeId, beneficiaryId: univId, title: 'Au nom d’un autre' }),
			'FORBIDDEN',
			'FORBIDDEN'
		);
		expect((await as(chu).orders.list({ programmeId })).map((o) => o.id)).toEqual([mine.id]);
		expect((await as(univ).orders.list({ programmeId })).map((o) => o.id)).toEqual([theirs.id]);
		expect((await as(manager).orders.list({ programmeId })).map((o) => o.id)).toEqual([mine.id, theirs.id]);
		const page = await as(chu).programmes.get({ programmeId });
		expect(page.orders.map((o) => o.id)).toEqual([mine.id]);
		expect(page.beneficiaries.map((b) => b.id)).toEqual([chuId]);
		expect(page.envelope).toBeNull();
		await expectAppError(as(chu).orders.get({ orderId: theirs.id }), 'FORBIDDEN', 'FORBIDDEN');

		const order = await as(univ).orders.get({ orderId: theirs.id });
		const quoted = await as(manager, '2025-12-22').orders.quote({
			orderId: theirs.id,
			expectedVersion: order.version,
			workStartDate: '2026-01-12',
			deliverableDelayDays: 10,
			lines: [{ priceLineId: trainingLine, phase: 'Formation', deliverable: 'Bilan', quantityHundredths: 200 }]
		});
		expect(quoted.status).toBe('QUOTED');
		const refused = await expectAppError(
			as(chu, '2025-12-23').orders.decide({
				orderId: theirs.id,
				expectedVersion: quoted.version,
				decision: 'VALIDATE'
			}),
			'FORBIDDEN',
			'FORBIDDEN'
		);
		expectFrench(refused.message);
		// Nothing changed.
		const after = await as(univ).orders.get({ orderId: theirs.id });
		expect(after).toMatchObject({ status: 'QUOTED', version: quoted.version, missionId: null });
		// The holder cannot validate in the beneficiary's place either.
		await expectAppError(
			as(manager).orders.decide({ orderId: theirs.id, expectedVersion: quoted.version, decision: 'VALIDATE' }),
			'FORBIDDEN',
			'FORBIDDEN'
		);
	});

	it('prices the quote from the BPU, dates its steps, and validating creates the mission’s plan', async () => {
		const { id: orderId } = await as(chu).orders.request({
			programmeId,
			beneficiaryId: chuId,
			title: 'Schéma directeur'
		});
		const requested = await as(chu).orders.get({ orderId });
		expect(requested.steps.map((s) => s.dueDate)).toEqual(['2025-12-30', '2026-01-14', '2026-02-04']);
		// A stale version is refused and changes nothing.
		await expectAppError(
			as(manager).orders.quote({
				orderId,
				expectedVersion: requested.version + 1,
				workStartDate: '2026-01-05',
				deliverableDelayDays: 20,
				lines: [{ priceLineId: expertLine, phase: 'Diagnostic', deliverable: 'Diagnostic', quantityHundredths: 500 }]
			}),
			'CONFLICT',
			'CONFLICT'
		);
		const quoted = await as(manager, '2025-12-19').orders.quote({
			orderId,
			expectedVersion: requested.version,
			workStartDate: '2026-01-05',
			deliverableDelayDays: 20,
			lines: [
				{ priceLineId: expertLine, phase: 'Diagnostic', deliverable: 'Rapport de diagnostic', quantityHundredths: 500 },
				{ priceLineId: trainingLine, phase: 'Restitution', deliverable: 'Feuille de route', quantityHundredths: 100 }
			]
		});
		expect(quoted.totalHtCents).toBe(7_000_00);
		expect(quoted.lines.map((l) => l.unitPriceHtCents)).toEqual([1_000_00, 2_000_00]);
		expect(quoted.steps[0]).toMatchObject({ doneOn: '2025-12-19', late: false });

		const validated = await as(chu, '2025-12-23').orders.decide({
			orderId,
			expectedVersion: quoted.version,
			decision: 'VALIDATE'
		});
		expect(validated.status).toBe('VALIDATED');
		const missionId = validated.missionId!;
		// The beneficiary supervises the new mission; the holder's manager coordinates it.
		const plan = await callerFor(t.db, TODAY).missions.get({ missionId });
		expect(plan.mission).toMatchObject({ kickoffDate: '2026-01-05', contractAmountHtCents: 7_000_00, programmeId });
		expect(plan.tasks.filter((x) => x.kind === 'PHASE').map((x) => [x.name, x.startDate, x.endDate])).toEqual([
			['Diagnostic', '2026-01-05', '2026-01-09'],
			['Restitution', '2026-01-12', '2026-01-12']
		]);
		expect(plan.deliverables.map((d) => [d.title, d.contractualDeadline])).toEqual([
			['Rapport de diagnostic', '2026-02-06'],
			['Feuille de route', '2026-02-09']
		]);
		const memberships = await t.db.membership.findMany({ where: { missionId } });
		expect(memberships.map((m) => [m.userId, m.role]).sort()).toEqual(
			[
				[chu.id, 'SUPERVISOR'],
				[manager.id, 'COORDINATOR']
			].sort()
		);
		// Purchase order within 15 working days of the validation.
		const ordered = await as(chu, '2025-12-29').orders.purchaseOrder({
			orderId,
			expectedVersion: validated.version,
			purchaseOrderRef: 'BC-2025-118',
			purchaseOrderOn: '2025-12-29'
		});
		expect(ordered.status).toBe('ORDERED');
		const summary = await as(manager).programmes.get({ programmeId });
		expect(summary.envelope).toMatchObject({
			envelopeCents: 50_000_00,
			committedCents: 7_000_00,
			leftCents: 43_000_00
		});
	});

	it('refuses a quote above the envelope unless confirmed with a reason, and keeps the reason', async () => {
		const { id: orderId } = await as(chu).orders.request({ programmeId, beneficiaryId: chuId, title: 'Grand projet' });
		const order = await as(chu).orders.get({ orderId });
		const big = {
			orderId,
			expectedVersion: order.version,
			workStartDate: '2026-02-02',
			deliverableDelayDays: 10 as const,
			lines: [{ priceLineId: expertLine, phase: 'Tout', deliverable: null, quantityHundredths: 4_500 }]
		};
		const error = await expectAppError(as(manager).orders.quote(big), 'PRECONDITION_FAILED', 'OVER_CAP');
		expect(error.message.replace(/[\u202f\u00a0]/g, ' ')).toContain('de 2 000,00 €');
		expect((await as(chu).orders.get({ orderId })).status).toBe('REQUESTED');
		await as(manager).orders.quote({ ...big, confirmOverEnvelope: true, overEnvelopeReason: 'Avenant en cours' });
		const page = await as(manager).programmes.get({ programmeId });
		expect(page.overruns).toEqual([expect.objectContaining({ overCents: 2_000_00, reason: 'Avenant en cours' })]);
	});

	it('reports the period: totals equal the sum of the orders', async () => {
		const report = await as(manager, '2026-01-10').programmes.report({
			programmeId,
			from: '2025-07-01',
			to: '2025-12-31'
		});
		const orders = await as(manager).orders.list({ programmeId });
		const committed = orders.filter((o) => o.status === 'VALIDATED' || o.status === 'ORDERED');
		expect(report.totalHtCents).toBe(committed.reduce((s, o) => s + o.totalHtCents, 0));
		expect(report.totalHtCents).toBe(7_000_00);
		expect(report.orders).toHaveLength(orders.length);
		expect(report.priceLines.reduce((s, l) => s + l.htCents, 0)).toBe(report.totalHtCents);
		expect(report.beneficiaries.find((b) => b.id === chuId)).toMatchObject({
			siret: '73282932000074',
			totalHtCents: 7_000_00
		});
		expect(report.overruns).toHaveLength(1);
		// The workbook is built from the same figures: its orders sheet adds up to the same total.
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await programmeReportWorkbook(report)) as unknown as ArrayBuffer);
		const sheet = workbook.getWorksheet('Commandes')!;
		let counted = 0;
		sheet.eachRow((row, n) => {
			if (n > 1 && row.getCell(11).value === 'oui') counted += Math.round(Number(row.getCell(10).value) * 100);
		});
		expect(counted).toBe(report.totalHtCents);
		expect(workbook.getWorksheet('Synthèse')!.getCell('B4').value).toBe(7_000);
		expect(workbook.getWorksheet('Dépassements')!.getCell('E2').value).toBe('Avenant en cours');
		const pdf = await programmeReportPdf(report);
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf.toString('latin1')).toMatch(/\/Type \/Page\b/);
		// Beneficiaries do not read the holder's report.
		await expectAppError(
			as(chu).programmes.report({ programmeId, from: '2025-07-01', to: '2025-12-31' }),
			'FORBIDDEN',
			'FORBIDDEN'
		);
	});
	it('reports late deliverables in the PDF and the workbook, and the totals still equal the sum of the orders', async () => {
		const order = (await as(manager).orders.list({ programmeId })).find((o) => o.title === 'Schéma directeur')!;
		const plan = await as(manager).missions.get({ missionId: order.missionId! });
		const [first, second] = plan.deliverables;
		// Due 06/02/2026 and 09/02/2026: the first is handed in 4 days late, the second is still awaited.
		await as(manager, '2026-02-10').deliverables.transition({
			deliverableId: first!.id,
			action: 'SUBMIT',
			expectedVersion: first!.version
		});
		const year = await as(manager, '2026-02-20').programmes.report({
			programmeId,
			from: '2025-07-01',
			to: '2026-06-30'
		});
		expect(year.lateDeliverables.map((d) => [d.orderNumber, d.number, d.dueDate, d.doneOn, d.lateDays])).toEqual([
			[order.number, first!.number, '2026-02-06', '2026-02-10', 4],
			[order.number, second!.number, '2026-02-09', null, 11]
		]);
		expect(year.orders.find((o) => o.id === order.id)!.lateDeliverables).toEqual([
			'Livrable 1 (remis avec 4 j de retard)',
			'Livrable 2 (échéance dépassée de 11 j)'
		]);
		const orders = await as(manager).orders.list({ programmeId });
		const committed = orders.filter((o) => o.status === 'VALIDATED' || o.status === 'ORDERED');
		expect(year.totalHtCents).toBe(committed.reduce((s, o) => s + o.totalHtCents, 0));
		expect(year.totalHtCents).toBe(year.orders.filter((o) => o.counted).reduce((s, o) => s + o.totalHtCents, 0));
		expect(year.beneficiaries.reduce((s, b) => s + b.totalHtCents, 0)).toBe(year.totalHtCents);
		// A period that ends before the deadlines has none; one that starts after the hand-in keeps only the second.
		const before = await as(manager, '2026-02-20').programmes.report({
			programmeId,
			from: '2025-07-01',
			to: '2025-12-31'
		});
		expect(before.lateDeliverables).toEqual([]);
		const after = await as(manager, '2026-02-20').programmes.report({
			programmeId,
			from: '2026-02-11',
			to: '2026-06-30'
		});
		expect(after.lateDeliverables.map((d) => d.number)).toEqual([second!.number]);
		// The order is listed for its late deliverable, outside the period's volume.
		expect(after.orders.find((o) => o.id === order.id)).toMatchObject({ counted: false });
		expect(after.totalHtCents).toBe(0);

		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await programmeReportWorkbook(year)) as unknown as ArrayBuffer);
		const late = workbook.getWorksheet('Livrables en retard')!;
		expect(late.rowCount).toBe(3);
		expect(late.getRow(3).getCell(5).value).toBe(second!.title);
		expect(late.getRow(3).getCell(9).value).toBe(11);
		const ordersSheet = workbook.getWorksheet('Commandes')!;
		let sum = 0;
		let lateCell = '';
		ordersSheet.eachRow((row, n) => {
			if (n === 1) return;
			if (row.getCell(11).value === 'oui') sum += Math.round(Number(row.getCell(10).value) * 100);
			if (row.getCell(1).value === order.number) lateCell = String(row.getCell(13).value);
		});
		expect(sum).toBe(year.totalHtCents);
		expect(lateCell).toContain('Livrable 2 (échéance dépassée de 11 j)');

		const dir = mkdtempSync(join(tmpdir(), 'rapport-'));
		const file = join(dir, 'rapport.pdf');
		writeFileSync(file, await programmeReportPdf(year));
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		rmSync(dir, { recursive: true });
		expect(text).toContain('Livrables en retard');
		expect(text).toContain('échéance dépassée de 11 j');
		expect(text).toContain('remis avec 4 j de retard');
		expect(text.replace(/[\u202f\u00a0]/g, ' ')).toContain('Volume d’affaires de la période : 7 000,00 € HT');
	});
	it('drops a refused quote’s overrun from « Dépassements confirmés » and dates the others the French way', async () => {
		const period = { programmeId, from: '2025-07-01', to: '2026-06-30' };
		const quoted = await as(manager, '2026-02-20').programmes.report(period);
		expect(quoted.overruns.map((o) => o.reason)).toEqual(['Avenant en cours']);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await programmeReportWorkbook(quoted)) as unknown as ArrayBuffer);
		expect(String(workbook.getWorksheet('Dépassements')!.getCell('A2').value)).toMatch(
			/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/
		);
		// The beneficiary refuses the quote: nothing of it was committed, so no overrun stands.
		const order = (await as(chu).orders.list({ programmeId })).find((o) => o.title === 'Grand projet')!;
		await as(chu).orders.decide({
			orderId: order.id,
			expectedVersion: order.version,
			decision: 'REFUSE',
			reason: 'Hors volume'
		});
		const refused = await as(manager, '2026-02-20').programmes.report(period);
		expect(refused.overruns).toEqual([]);
		expect((await as(manager).programmes.get({ programmeId })).overruns).toEqual([]);
		const after = new ExcelJS.Workbook();
		await after.xlsx.load((await programmeReportWorkbook(refused)) as unknown as ArrayBuffer);
		expect(after.getWorksheet('Dépassements')!.rowCount).toBe(1);
		const dir = mkdtempSync(join(tmpdir(), 'rapport-'));
		const file = join(dir, 'rapport.pdf');
		writeFileSync(file, await programmeReportPdf(refused));
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		rmSync(dir, { recursive: true });
		expect(text).not.toContain('Avenant en cours');
		expect(text).not.toContain('Dépassements de l’enveloppe confirmés');
	});

	it('filters the supervisors’ dashboard like the portfolio: programme, beneficiary, status, period', async () => {
		const order = (await as(manager).orders.list({ programmeId })).find((o) => o.title === 'Schéma directeur')!;
		const ids = async (filters: Parameters<ReturnType<typeof as>['dashboard']['overview']>[0]) =>
			(await as(manager).dashboard.overview(filters)).missions.map((m) => m.id);
		const all = await as(manager).dashboard.overview();
		expect(all.missions.map((m) => m.id)).toContain(order.missionId);
		expect(all.programmes).toEqual([{ id: programmeId, title: 'Accord-cadre CANUT' }]);
		expect(all.beneficiaries.map((b) => b.id)).toContain(chuId);
		expect(await ids({ programmeId })).toEqual([order.missionId]);
		expect(await ids({ beneficiaryId: chuId })).toEqual([order.missionId]);
		expect(await ids({ beneficiaryId: univId })).toEqual([]);
		expect(await ids({ status: 'ACTIVE' })).toEqual([order.missionId]);
		expect(await ids({ status: 'COMPLETED' })).toEqual([]);
		// The mission runs from 05/01/2026 (work) to its deliverables in February.
		expect(await ids({ to: '2026-01-04' })).toEqual([]);
		expect(await ids({ to: '2026-01-05' })).toEqual([order.missionId]);
		expect(await ids({ from: '2026-02-09' })).toEqual([order.missionId]);
		expect(await ids({ from: '2026-02-10' })).toEqual([]);
		// The portfolio answers the same filters with the same missions.
		const portfolio = await as(manager).programmes.portfolio({ from: '2026-02-10' });
		expect(portfolio.rows).toEqual([]);
		await expectAppError(as(manager).dashboard.overview({ from: '31/02/2026' }), 'BAD_REQUEST');
	});
	it('edits and removes beneficiaries and price lines from their version, refusing what orders use', async () => {
		const api = as(manager);
		const { id, version } = await api.programmes.saveBeneficiary({ programmeId, name: 'Lycée', siret: null });
		// An edit without the version, from a stale one, or with a SIRET whose key is wrong changes nothing.
		await expectAppError(api.programmes.saveBeneficiary({ programmeId, beneficiaryId: id, name: 'X' }), 'BAD_REQUEST');
		const stale = await expectAppError(
			api.programmes.saveBeneficiary({ programmeId, beneficiaryId: id, expectedVersion: version + 1, name: 'X' }),
			'CONFLICT',
			'CONFLICT'
		);
		expectFrench(stale.message);
		const bad = await expectAppError(
			api.programmes.saveBeneficiary({
				programmeId,
				beneficiaryId: id,
				expectedVersion: version,
				name: 'X',
				siret: '73282932000075'
			}),
			'BAD_REQUEST'
		);
		expect(bad.message).toContain('SIRET invalide');
		expect(await t.db.beneficiary.findUnique({ where: { id } })).toMatchObject({ name: 'Lycée', version: 1 });
		const edited = await api.programmes.saveBeneficiary({
			programmeId,
			beneficiaryId: id,
			expectedVersion: version,
			name: 'Lycée Ampère',
			siret: '732 829 320 00082',
			isMember: true,
			contactName: 'M. Roux',
			contactEmail: 'roux@ampere.fr'
		});
		expect(edited.version).toBe(version + 1);
		expect(await t.db.beneficiary.findUnique({ where: { id } })).toMatchObject({
			name: 'Lycée Ampère',
			siret: '73282932000082',
			isMember: true,
			contactEmail: 'roux@ampere.fr'
		});
		await expectAppError(
			api.programmes.deleteBeneficiary({ programmeId, beneficiaryId: id, expectedVersion: version }),
			'CONFLICT'
		);
		await api.programmes.deleteBeneficiary({ programmeId, beneficiaryId: id, expectedVersion: edited.version });
		expect(await t.db.beneficiary.findUnique({ where: { id } })).toBeNull();
		// The CHU has orders: it stays, and the message says why.
		const chuRow = await t.db.beneficiary.findUniqueOrThrow({ where: { id: chuId } });
		const used = await expectAppError(
			api.programmes.deleteBeneficiary({ programmeId, beneficiaryId: chuId, expectedVersion: chuRow.version }),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
		expect(used.message).toMatch(
			/^« CHU de Lyon » a 1 personne qui le représente, \d+ commandes \(n° [\d, ]+\) et 1 mission : il ne peut pas être supprimé\.$/
		);

		// Price lines: the expert day is on orders' quotes, a new line is not.
		const expert = await t.db.priceLine.findUniqueOrThrow({ where: { id: expertLine } });
		const inUse = await expectAppError(
			api.programmes.deletePriceLine({ programmeId, priceLineId: expertLine, expectedVersion: expert.version }),
			'BAD_REQUEST',
			'INVALID_OPERATION'
		);
		expect(inUse.message).toMatch(
			/^La ligne EXP est utilisée par les commandes n° [\d, ]+ : elle ne peut pas être supprimée\.$/
		);
		const repriced = await api.programmes.savePriceLine({
			programmeId,
			priceLineId: expertLine,
			expectedVersion: expert.version,
			code: 'EXP',
			label: 'Consultant expert',
			kind: 'PROFILE_DAY',
			unit: 'jour',
			unitPriceHtCents: 1_100_00
		});
		expect(repriced.version).toBe(expert.version + 1);
		// Quotes already made keep their price.
		const order = (await api.orders.list({ programmeId })).find((o) => o.title === 'Schéma directeur')!;
		expect(order.totalHtCents).toBe(7_000_00);
		const line = await api.programmes.savePriceLine({
			programmeId,
			code: 'JUN',
			label: 'Consultant junior',
			kind: 'PROFILE_DAY',
			unit: 'jour',
			unitPriceHtCents: 500_00
		});
		await expectAppError(
			api.programmes.savePriceLine({
				programmeId,
				priceLineId: line.id,
				expectedVersion: line.version,
				code: 'EXP',
				label: 'Doublon',
				kind: 'OTHER',
				unit: 'u',
				unitPriceHtCents: 1
			}),
			'CONFLICT'
		);
		await api.programmes.deletePriceLine({ programmeId, priceLineId: line.id, expectedVersion: line.version });
		expect(await t.db.priceLine.findUnique({ where: { id: line.id } })).toBeNull();
	});
	it('starts a mission from « Commande sur accord-cadre » under the agreement’s rules, across Christmas', async () => {
		const { id: missionId } = await as(manager).programmes.createMission({
			programmeId,
			beneficiaryId: univId,
			templateId: 'builtin:framework-order',
			title: 'Commande de formation',
			kickoffDate: '2025-12-15',
			amountCents: 1_000_00,
			confirmOverEnvelope: true,
			overEnvelopeReason: 'Avenant en cours'
		});
		const plan = await as(manager).missions.get({ missionId });
		expect(plan.mission).toMatchObject({ programmeId, beneficiaryId: univId, contractAmountHtCents: 1_000_00 });
		// The order's steps from J in working days, by the same rule as an order's (25/12 and 01/01 skipped).
		const steps = orderSteps(
			{ status: 'REQUESTED', requestedOn: '2025-12-15', quoteSentOn: null, decidedOn: null, purchaseOrderOn: null },
			'2025-12-15'
		);
		expect(steps.map((x) => x.dueDate)).toEqual(['2025-12-30', '2026-01-14', '2026-02-04']);
		const milestone = (start: string) => plan.milestones.find((m) => m.name.startsWith(start))!.date;
		expect([milestone('Devis'), milestone('Validation'), milestone('Bon de commande')]).toEqual(
			steps.map((x) => x.dueDate)
		);
		// The work from the purchase order; the reports 10 and 20 working days after it, tied to it.
		const work = plan.tasks.find((x) => x.kind === 'TASK')!;
		expect(work.startDate).toBe('2026-02-04');
		expect(milestone('Fin des travaux')).toBe(work.endDate);
		const reports = plan.deliverables.filter((d) => d.title.startsWith('Rapport'));
		expect(reports.map((d) => [d.contractualDeadline, d.plannedDate, d.anchorTaskId])).toEqual(
			DELIVERABLE_DELAYS.map((days) => [
				addWorkingDays(work.endDate, days),
				addWorkingDays(work.endDate, days),
				work.id
			])
		);
		const templates = await as(manager).documents.templates();
		expect(templates.map((x) => x.name)).toContain('Commande sur accord-cadre');
	});
});

describe('support scheme', () => {
	it('funds an attached mission by the rule and refuses a service above the ceiling', async () => {
		const { missionId } = await seededMission(t.db);
		const admin = callerFor(t.db, TODAY);
		const { id: schemeId } = await admin.programmes.create({
			kind: 'SCHEME',
			title: 'Dispositif CUF',
			owner: 'Cités Unies France',
			envelopeCents: 100_000_00,
			envelopeBasis: 'TTC',
			startDate: '2025-01-01',
			endDate: '2025-12-31',
			serviceCeilingCents: 15_000_00
		});
		const { id: town } = await admin.programmes.saveBeneficiary({
			programmeId: schemeId,
			name: 'Ville de Lyon',
			isMember: true
		});
		// The CUF mission: 20 000 € TTC cap, above the 15 000 € ceiling: it cannot come in.
		await expectAppError(
			admin.programmes.attachMission({ programmeId: schemeId, missionId, beneficiaryId: town }),
			'PRECONDITION_FAILED',
			'OVER_CAP'
		);
		// Signed at 10 000 € HT (12 000 € TTC), it comes in.
		await admin.finance.updateTerms({
			missionId,
			contractAmountHtCents: 10_000_00,
			paymentDelayDays: 30,
			expectedVersion: await storedVersion(admin, 'mission', missionId)
		});
		// A mission belongs to at most one programme.
		await admin.programmes.attachMission({ programmeId: schemeId, missionId, beneficiaryId: town });
		await expectAppError(admin.programmes.attachMission({ programmeId, missionId }), 'CONFLICT', 'CONFLICT');
		// A ceiling lowered later, under the mission's price: its funding says so and is not applied.
		const scheme = await admin.programmes.get({ programmeId: schemeId });
		await admin.programmes.update({
			programmeId: schemeId,
			expectedVersion: scheme.programme.version,
			serviceCeilingCents: 10_000_00
		});
		const funding = await admin.programmes.funding({ missionId });
		expect(funding!.plan).toBeNull();
		expect(funding!.problem!.replace(/[\u202f\u00a0]/g, ' ')).toContain('plafond de 10 000,00 € TTC');
		const page = await admin.programmes.get({ programmeId: schemeId });
		expect(page.funding).toEqual([{ missionId, funding: expect.objectContaining({ plan: null }) }]);
		const before = await t.db.funder.findMany({ where: { missionId } });
		await expectAppError(admin.programmes.applyFunding({ missionId }), 'PRECONDITION_FAILED', 'OVER_CAP');
		expect(await t.db.funder.findMany({ where: { missionId } })).toEqual(before);
		await admin.programmes.update({
			programmeId: schemeId,
			expectedVersion: scheme.programme.version + 1,
			serviceCeilingCents: 15_000_00
		});
		// 80 / 20, per tranche 30 / 40 / 30.
		const applied = await admin.programmes.applyFunding({ missionId });
		expect(applied.plan!.funders.map((f) => [f.name, f.totalCents])).toEqual([
			['Dispositif CUF', 9_600_00],
			['Ville de Lyon', 2_400_00]
		]);
		expect(applied.plan!.funders[0]!.perTranche).toEqual([2_880_00, 3_840_00, 2_880_00]);
		// An avance is cash ahead of the price, recovered on it: the shares stay over the price's tranches.
		const cuf = await admin.missions.get({ missionId });
		const signature = cuf.tranches.find((x) => x.triggerKind === 'MILESTONE')!.triggerMilestoneId!;
		await admin.finance.setTranches({
			missionId,
			expectedVersion: cuf.mission.version,
			tranches: [
				{ label: 'Avance', kind: 'AVANCE', percentBp: 2000, triggerKind: 'MILESTONE', triggerMilestoneId: signature },
				...cuf.tranches.map((x) => ({
					label: x.label,
					kind: x.kind,
					percentBp: x.percentBp,
					triggerKind: x.triggerKind,
					triggerMilestoneId: x.triggerMilestoneId,
					triggerDeliverableId: x.triggerDeliverableId
				}))
			]
		});
		const withAdvance = await admin.programmes.funding({ missionId });
		expect(withAdvance!.tranches).toEqual(cuf.tranches.map((x) => x.label));
		expect(withAdvance!.plan!.funders[0]!.perTranche).toEqual([2_880_00, 3_840_00, 2_880_00]);
		// A service started from the scheme's template: refused above the ceiling, else funded by the rule.
		const service = {
			programmeId: schemeId,
			beneficiaryId: town,
			templateId: 'builtin:support-service' as const,
			title: 'Stratégie internationale',
			kickoffDate: '2026-01-05'
		};
		const above = await expectAppError(
			admin.programmes.createMission({ ...service, amountCents: 15_000_01 }),
			'PRECONDITION_FAILED',
			'OVER_CAP'
		);
		expect(above.message.replace(/[\u202f\u00a0]/g, ' ')).toContain('de 0,01 €');
		const { id: serviceId } = await admin.programmes.createMission({ ...service, amountCents: 15_000_00 });
		const servicePlan = await admin.missions.get({ missionId: serviceId });
		expect(servicePlan.mission).toMatchObject({ programmeId: schemeId, clientOrganisation: 'Ville de Lyon' });
		expect(servicePlan.tranches.map((x) => x.label)).toEqual(['Prestation réalisée et acceptée']);
		const serviceFunders = await t.db.funder.findMany({
			where: { missionId: serviceId },
			orderBy: { sortOrder: 'asc' }
		});
		expect(serviceFunders.map((f) => [f.name, f.shareBp])).toEqual([
			['Dispositif CUF', 8000],
			['Ville de Lyon', 2000]
		]);
		const funders = await t.db.funder.findMany({ where: { missionId }, orderBy: { sortOrder: 'asc' } });
		expect(funders.map((f) => [f.name, f.shareBp])).toEqual([
			['Dispositif CUF', 8000],
			['Ville de Lyon', 2000]
		]);
	});
});
