// Refusals speak the user's units and French number formatting: euros and percent, not cents and
// basis points; "too large" for a huge whole number; no negative delay for a deliverable.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectAppError, expectHttpError, seededMission, type Caller } from '../support/api';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
let api: Caller;
let missionId: string;
beforeAll(async () => {
	t = await createTestDatabase();
	({ api, missionId } = await seededMission(t.db));
});
afterAll(() => t.close());

const mission = { title: 'Étude', clientOrganisation: 'Commune', kickoffDate: '2026-01-05', capBasis: 'TTC' as const };
// Intl writes a narrow no-break space between thousands and a no-break space before "€" and "%".
const NNBSP = '\u202f';
const NBSP = '\u00a0';
const BAD_INPUT = { status: 400, code: 'BAD_REQUEST', appCode: 'VALIDATION' } as const;

it('a huge cap is too large, in euros, not "not a whole number"', async () => {
	const error = await expectHttpError(
		t.db,
		'missions.create',
		{ ...mission, budgetCapCents: Number('99999999999999999'), vatRateBp: 2000 },
		BAD_INPUT
	);
	expect(error.message).toBe(`Plafond budgétaire : au plus 100${NNBSP}000${NNBSP}000,00${NBSP}€.`);
});

it('a VAT of 150 % is refused in percent', async () => {
	const error = await expectHttpError(
		t.db,
		'missions.create',
		{ ...mission, budgetCapCents: 2_000_000, vatRateBp: 15_000 },
		BAD_INPUT
	);
	expect(error.message).toBe(`Taux de TVA : au plus 100${NBSP}%.`);
});

it('a deliverable due −3 weeks after the kick-off is refused', async () => {
	const error = await expectHttpError(
		t.db,
		'deliverables.create',
		{ missionId, title: 'Note', dueRule: { kind: 'OFFSET', amount: -3, unit: 'WEEKS' } },
		BAD_INPUT
	);
	expect(error.message).toBe(
		'Échéance du livrable : le délai compte à partir du démarrage et ne peut pas être négatif.'
	);
});

it('a refused overpayment writes the amount due as the app writes money', async () => {
	const tranche = (await api.missions.get({ missionId })).tranches[0]!;
	await api.finance.invoice({ trancheId: tranche.id, invoiceNumber: 'F-1', invoiceDate: '2025-11-28' });
	await api.finance.recordPayment({ trancheId: tranche.id, paidOn: '2025-12-01', amountCents: 200_000 });
	const error = await expectAppError(
		api.finance.recordPayment({ trancheId: tranche.id, paidOn: '2025-12-01', amountCents: 500_000 }),
		'BAD_REQUEST',
		'TRANCHE_TRANSITION'
	);
	expect(error.message).toBe(`Le paiement dépasse le reste dû (4${NNBSP}000,00${NBSP}€).`);
});
