// An overdue tranche shows its late-payment interest and fee on the finance page and in the CSV
// export; the ECB rate is entered per half-year; a public buyer's delay over 30 days is flagged.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { financeCsv } from '$lib/server/finance-csv';
import { seededMission } from '../support/api';
import { callerFor, createTestDatabase, type TestDatabase, storedVersion } from '../support/test-database';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(() => t.close());

it('computes the interest of an overdue tranche from the entered ECB rate, shown and exported', async () => {
	const { missionId, api } = await seededMission(t.db);
	const tranche = (await api.missions.get({ missionId })).tranches[0]!;
	await api.finance.invoice({ trancheId: tranche.id, invoiceNumber: 'F-1', invoiceDate: '2025-11-28' });
	const later = callerFor(t.db, '2026-01-27');
	// Due 28/12/2025: no ECB rate yet for the 2nd half of 2025.
	let view = await later.finance.get({ missionId });
	expect(view.tranches[0]!.status).toBe('OVERDUE');
	expect(view.tranches[0]!.lateInterest).toMatchObject({
		daysLate: 30,
		rateBp: null,
		interestCents: 0,
		feeCents: 4000
	});

	await later.finance.setEcbRate({ halfYearStart: '2025-07-01', rateBp: 215 });
	view = await later.finance.get({ missionId });
	expect(view.tranches[0]!.lateInterest).toMatchObject({ daysLate: 30, rateBp: 1015, interestCents: 5005 });
	expect(view.totals.lateInterestCents).toBe(9005);
	const csv = financeCsv(view);
	expect(csv).toContain(';En retard;30;50,05;40,00');

	expect(view.termsWarnings).toEqual([]);
	view = await later.finance.updateTerms({
		missionId,
		contractAmountHtCents: null,
		paymentDelayDays: 45,
		expectedVersion: await storedVersion(later, 'mission', missionId)
	});
	expect(view.termsWarnings).toEqual([
		'Délai de paiement de 45 jours : un acheteur public doit payer sous 30 jours au plus.'
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
	await api.finance.setEcbRate({ halfYearStart: '2025-07-01', rateBp: 215 });
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
