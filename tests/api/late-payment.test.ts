// An overdue tranche shows its late-payment interest and fee on the finance page and in the CSV
// export, from the first day: the ECB's published rates ship with Jalon, an administrator enters
// the next half-year's (or corrects one, and it wins); a public buyer's delay over 30 days is flagged.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { financeCsv } from '$lib/server/finance-csv';
import { seededMission } from '../support/api';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(() => t.close());

it('computes the interest of the CUF late tranche from the published ECB rate, with no rate entered', async () => {
	const { missionId, api } = await seededMission(t.db);
	expect(await t.db.ecbRate.count()).toBe(0);
	const tranche = (await api.missions.get({ missionId })).tranches[0]!;
	await api.finance.invoice({ trancheId: tranche.id, invoiceNumber: 'F-1', invoiceDate: '2025-11-28' });
	const later = callerFor(t.db, '2026-01-27');
	// Due 28/12/2025, late from 29/12/2025: the ECB's 2,15 % in force on 1 July 2025 + 8 points.
	let view = await later.finance.get({ missionId });
	expect(view.tranches[0]!.status).toBe('OVERDUE');
	expect(view.tranches[0]!.lateInterest).toMatchObject({
		daysLate: 30,
		rateBp: 1015,
		interestCents: 5005,
		feeCents: 4000
	});
	expect(view.tranches[0]!.lateInterest!.explanation.replace(/[\u00a0\u202f]/g, ' ')).toBe(
		'BCE 2,15 % (2d semestre 2025) + 8 points'
	);
	expect(view.ecbRateMissing).toBeNull();
	expect(view.totals.lateInterestCents).toBe(9005);
	const csv = financeCsv(view);
	expect(csv).toContain(';En retard;30;50,05;40,00');

	expect(view.termsWarnings).toEqual([]);
	view = await later.finance.updateTerms({
		missionId,
		contractAmountHtCents: null,
		paymentDelayDays: 45,
		expectedVersion: await storedVersion(later, 'mission', missionId),
		confirmDelayOverLegal: true
	});
	expect(view.termsWarnings).toEqual([
		'Délai de paiement de 45 jours : au-delà du maximum légal, un acheteur public paie sous 30 jours au plus (Code de la commande publique, art. L. 2192-10 et R. 2192-10).'
	]);
	// Between companies, with a contract rate: no warning, the contract's rate.
	view = await later.finance.updateTerms({
		missionId,
		contractAmountHtCents: null,
		paymentDelayDays: 20,
		buyerKind: 'COMPANY',
		latePaymentRateBp: 1200,
		expectedVersion: await storedVersion(later, 'mission', missionId)
	});
	expect(view.termsWarnings).toEqual([]);
	expect(view.tranches[0]!.lateInterest).toMatchObject({ rateBp: 1200 });
});

it('refuses an ECB rate for a day that does not start a half-year', async () => {
	await expect(callerFor(t.db).finance.setEcbRate({ halfYearStart: '2026-03-01', rateBp: 200 })).rejects.toThrow(
		'Semestre : le 1er janvier ou le 1er juillet.'
	);
});

it('computes the interest per stretch between partial payments, and keeps it once paid late', async () => {
	const { missionId, api } = await seededMission(t.db);
	const tranche = (await api.missions.get({ missionId })).tranches[0]!;
	// 6 000 € TTC invoiced 28/11/2025, due 28/12/2025 (30 days).
	await api.finance.invoice({ trancheId: tranche.id, invoiceNumber: 'F-7', invoiceDate: '2025-11-28' });
	await callerFor(t.db, '2026-01-07').finance.recordPayment({
		trancheId: tranche.id,
		paidOn: '2026-01-07',
		amountCents: 200_000
	});
	let view = await callerFor(t.db, '2026-01-27').finance.get({ missionId });
	expect(view.tranches[0]!.status).toBe('OVERDUE');
	// 10 days on 6 000 € then 20 days on 4 000 €, at 10,15 %: 38,93 € (today's 4 000 € over the
	// 30 days would say 33,37 €).
	expect(view.tranches[0]!.lateInterest).toMatchObject({ daysLate: 30, interestCents: 3893 });
	await callerFor(t.db, '2026-01-30').finance.recordPayment({
		trancheId: tranche.id,
		paidOn: '2026-01-30',
		amountCents: 400_000
	});
	view = await callerFor(t.db, '2026-02-15').finance.get({ missionId });
	expect(view.tranches[0]!.status).toBe('PAID');
	// Paid in full on 30/01/2026: 10 days on 6 000 €, 23 on 4 000 €, nothing after.
	expect(view.tranches[0]!.lateInterest).toMatchObject({ daysLate: 33, interestCents: 4227, feeCents: 4000 });
});

it('uses the rate an administrator entered over the published one, and asks for the half-year nobody knows', async () => {
	const { missionId, api } = await seededMission(t.db);
	const tranche = (await api.missions.get({ missionId })).tranches[0]!;
	await api.finance.invoice({ trancheId: tranche.id, invoiceNumber: 'F-9', invoiceDate: '2025-11-28' });
	const later = callerFor(t.db, '2026-01-27');
	const rates = await later.finance.setEcbRate({ halfYearStart: '2025-07-01', rateBp: 300 });
	expect(rates.find((r) => r.halfYearStart === '2025-07-01')).toEqual({
		halfYearStart: '2025-07-01',
		rateBp: 300,
		source: 'ENTERED'
	});
	expect(rates.find((r) => r.halfYearStart === '2025-01-01')).toMatchObject({ rateBp: 315, source: 'PUBLISHED' });
	const view = await later.finance.get({ missionId });
	// 6 000 € × 11 % × 30 / 365 = 54,25 €.
	expect(view.tranches[0]!.lateInterest).toMatchObject({ daysLate: 30, rateBp: 1100, interestCents: 5425 });

	// In December 2026 the 2nd half of 2026 is past the table: the page asks for it, and it counts once entered.
	const december = callerFor(t.db, '2026-12-08');
	expect((await december.finance.get({ missionId })).ecbRateMissing).toBe('2026-07-01');
	await december.finance.setEcbRate({ halfYearStart: '2026-07-01', rateBp: 215 });
	expect((await december.finance.get({ missionId })).ecbRateMissing).toBeNull();
	await t.db.ecbRate.deleteMany();
});
