// A change of payment delay re-dates the invoices already issued only when the user confirms it
// (otherwise it applies to the next invoices); a delay over the legal maximum for the buyer is
// refused until confirmed, with the rule it breaks; 0 days is legal.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectAppError, expectFrench, seededMission } from '../support/api';
import { callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
beforeAll(async () => {
	t = await createTestDatabase();
});
afterAll(() => t.close());

it('keeps the due date of an issued invoice unless re-dating is confirmed, and records it', async () => {
	const { missionId, api } = await seededMission(t.db);
	const first = (await api.missions.get({ missionId })).tranches[0]!;
	let view = await api.finance.invoice({ trancheId: first.id, invoiceNumber: 'F-1', invoiceDate: '2025-12-01' });
	expect(view.tranches[0]).toMatchObject({ dueDate: '2025-12-31', paymentDelayDays: 30 });

	// 0 days is legal: accepted, for the next invoices only.
	view = await api.finance.updateTerms({
		missionId,
		contractAmountHtCents: null,
		paymentDelayDays: 0,
		expectedVersion: view.mission.version
	});
	expect(view.paymentDelayDays).toBe(0);
	expect(view.termsWarnings).toEqual([]);
	expect(view.tranches[0]).toMatchObject({ dueDate: '2025-12-31', paymentDelayDays: 30 });
	const later = callerFor(t.db, '2025-12-15');
	expect((await later.finance.get({ missionId })).tranches[0]!.status).toBe('INVOICED');

	// Confirmed: the issued invoice moves to the new delay, in the history.
	view = await api.finance.updateTerms({
		missionId,
		contractAmountHtCents: null,
		paymentDelayDays: 0,
		redateIssuedInvoices: true,
		expectedVersion: view.mission.version
	});
	expect(view.tranches[0]).toMatchObject({ dueDate: '2025-12-01', paymentDelayDays: 0 });
	expect((await later.finance.get({ missionId })).tranches[0]!.status).toBe('OVERDUE');
	const history = await api.audit.list({ missionId, objectType: 'tranche' });
	expect(history.filter((e) => e.field === 'paymentDelayDays').map((e) => [e.objectId, e.before, e.after])).toEqual([
		[first.id, '30', '0']
	]);
});

it('refuses a delay over the legal maximum until confirmed, naming the rule, and changes nothing', async () => {
	const { missionId, api } = await seededMission(t.db);
	const before = await api.finance.get({ missionId });
	const error = await expectAppError(
		api.finance.updateTerms({
			missionId,
			contractAmountHtCents: null,
			paymentDelayDays: 45,
			expectedVersion: before.mission.version
		}),
		'PRECONDITION_FAILED',
		'CONFIRMATION_REQUIRED'
	);
	expect((error as unknown as { reason: string }).reason).toBe('DELAY_OVER_LEGAL_MAX');
	expect(error.message).toContain('R. 2192-10');
	expect(error.message).toContain('Confirmez');
	expectFrench(error.message);
	const unchanged = await t.db.mission.findUniqueOrThrow({ where: { id: missionId } });
	expect([unchanged.paymentDelayDays, unchanged.version]).toEqual([30, before.mission.version]);

	let view = await api.finance.updateTerms({
		missionId,
		contractAmountHtCents: null,
		paymentDelayDays: 45,
		confirmDelayOverLegal: true,
		expectedVersion: before.mission.version
	});
	expect(view.paymentDelayDays).toBe(45);
	expect(view.termsWarnings[0]).toContain('au-delà du maximum légal');
	// Saved again as it is (nothing changes the delay or the buyer): no new confirmation.
	view = await api.finance.updateTerms({
		missionId,
		contractAmountHtCents: null,
		paymentDelayDays: 45,
		expectedVersion: view.mission.version
	});
	// Between companies: 60 days are allowed, 61 are not (Code de commerce).
	view = await api.finance.updateTerms({
		missionId,
		contractAmountHtCents: null,
		paymentDelayDays: 60,
		buyerKind: 'COMPANY',
		expectedVersion: view.mission.version
	});
	expect(view.termsWarnings).toEqual([]);
	const company = await expectAppError(
		api.finance.updateTerms({
			missionId,
			contractAmountHtCents: null,
			paymentDelayDays: 61,
			buyerKind: 'COMPANY',
			expectedVersion: view.mission.version
		}),
		'PRECONDITION_FAILED',
		'CONFIRMATION_REQUIRED'
	);
	expect(company.message).toContain('L. 441-10');
	// Back to a public buyer at 60 days: the public rule is broken.
	await expectAppError(
		api.finance.updateTerms({
			missionId,
			contractAmountHtCents: null,
			paymentDelayDays: 60,
			buyerKind: 'PUBLIC',
			expectedVersion: view.mission.version
		}),
		'PRECONDITION_FAILED',
		'CONFIRMATION_REQUIRED'
	);
	const audit = await api.audit.list({ missionId, objectType: 'contract' });
	expect(audit.some((e) => e.field === 'delayOverLegalConfirmed')).toBe(true);
});

it('a JSON backup keeps the delay each issued invoice was issued under', async () => {
	const { missionId, api } = await seededMission(t.db);
	const first = (await api.missions.get({ missionId })).tranches[0]!;
	let view = await api.finance.invoice({ trancheId: first.id, invoiceNumber: 'F-9', invoiceDate: '2025-12-01' });
	view = await api.finance.updateTerms({
		missionId,
		contractAmountHtCents: null,
		paymentDelayDays: 10,
		expectedVersion: view.mission.version
	});
	expect(view.tranches[0]).toMatchObject({ dueDate: '2025-12-31', paymentDelayDays: 30 });
	const document = await api.documents.exportMission({ missionId });
	const restored = await api.documents.importMission({ document: JSON.parse(JSON.stringify(document)) });
	const back = await api.finance.get({ missionId: restored.id });
	expect(back.paymentDelayDays).toBe(10);
	expect(back.tranches[0]).toMatchObject({ dueDate: '2025-12-31', paymentDelayDays: 30 });
});
