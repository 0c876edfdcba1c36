// Finance through the API: tranche life cycle (valid and refused transitions), the cost plan
// against the cap with a recorded confirmation, actuals, funders. Refused calls change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, callerFor, type TestDatabase, storedVersion } from '../support/test-database';
import { expectAppError, seededMission, type Caller } from '../support/api';

let database: TestDatabase;
let api: Caller;
let missionId: string;

beforeAll(async () => {
	database = await createTestDatabase();
	({ missionId, api } = await seededMission(database.db));
});

afterAll(async () => {
	await database.close();
});

describe('payment tranches', () => {
	it('derives 30/40/30 of the cap in HT and TTC, adding up to the cent', async () => {
		const view = await api.finance.get({ missionId });
		expect(view.tranches.map((t) => t.amountTtcCents)).toEqual([600_000, 800_000, 600_000]);
		// Each tranche is a valid invoice: 6 666,67 € HT + 1 333,33 € VAT = 8 000,00 € TTC.
		expect(view.tranches.map((t) => t.amountHtCents)).toEqual([500_000, 666_667, 500_000]);
		expect(view.tranches.map((t) => t.vatCents)).toEqual([100_000, 133_333, 100_000]);
		expect(view.contract).toEqual({ htCents: 1_666_667, vatCents: 333_333, ttcCents: 2_000_000 });
		expect(view.contractIsCap).toBe(true);
	});

	it('signature tranche is exigible once its milestone has come; the others wait for validation', async () => {
		const view = await api.finance.get({ missionId });
		expect(view.tranches.map((t) => t.status)).toEqual(['DUE', 'PLANNED', 'PLANNED']);
	});

	it('refuses paying a tranche that is not invoiced, and changes nothing', async () => {
		const before = await api.finance.get({ missionId });
		const error = await expectAppError(
			api.finance.recordPayment({ trancheId: before.tranches[0]!.id, paidOn: '2025-12-05', amountCents: 600_000 }),
			'BAD_REQUEST',
			'TRANCHE_TRANSITION'
		);
		expect(error.message).toBe('Une tranche doit être facturée avant d’être payée.');
		expect(await api.finance.get({ missionId })).toEqual(before);
	});

	it('refuses invoicing a tranche whose trigger is not reached', async () => {
		const before = await api.finance.get({ missionId });
		const error = await expectAppError(
			api.finance.invoice({ trancheId: before.tranches[1]!.id, invoiceNumber: 'F-2', invoiceDate: '2025-12-01' }),
			'BAD_REQUEST',
			'TRANCHE_TRANSITION'
		);
		expect(error.message).toContain('pas encore exigible');
		expect(await api.finance.get({ missionId })).toEqual(before);
	});

	it('invoices, refuses overpaying, takes a partial payment, then the rest', async () => {
		const trancheId = (await api.finance.get({ missionId })).tranches[0]!.id;
		let view = await api.finance.invoice({ trancheId, invoiceNumber: 'F-2025-017', invoiceDate: '2025-11-28' });
		expect(view.tranches[0]).toMatchObject({ status: 'INVOICED', invoiceNumber: 'F-2025-017', dueDate: '2025-12-28' });
		await expectAppError(
			api.finance.recordPayment({ trancheId, paidOn: '2025-12-10', amountCents: 600_001 }),
			'BAD_REQUEST',
			'TRANCHE_TRANSITION'
		);
		view = await api.finance.recordPayment({ trancheId, paidOn: '2025-12-10', amountCents: 250_000 });
		expect(view.tranches[0]).toMatchObject({ status: 'PARTIALLY_PAID', paidCents: 250_000, outstandingCents: 350_000 });
		view = await api.finance.recordPayment({ trancheId, paidOn: '2025-12-20', amountCents: 350_000 });
		expect(view.tranches[0]).toMatchObject({ status: 'PAID', outstandingCents: 0 });
		expect(view.totals.receivedCents).toBe(600_000);
		await expectAppError(
			api.finance.recordPayment({ trancheId, paidOn: '2025-12-21', amountCents: 1 }),
			'BAD_REQUEST',
			'TRANCHE_TRANSITION'
		);
	});

	it('an unpaid invoice is late after invoice date + payment delay', async () => {
		// Validate deliverable 2: the mid-mission tranche becomes exigible.
		const plan = await api.missions.get({ missionId });
		const deliverableId = plan.deliverables[1]!.id;
		await api.deliverables.transition({
			deliverableId,
			action: 'SUBMIT',
			expectedVersion: await storedVersion(api, 'deliverable', deliverableId)
		});
		await api.deliverables.transition({
			deliverableId,
			action: 'VALIDATE',
			expectedVersion: await storedVersion(api, 'deliverable', deliverableId)
		});
		const trancheId = (await api.finance.get({ missionId })).tranches[1]!.id;
		await api.finance.invoice({ trancheId, invoiceNumber: 'F-2026-002', invoiceDate: '2025-10-15' });
		const view = await callerFor(database.db, '2025-12-01').finance.get({ missionId });
		expect(view.tranches[1]).toMatchObject({ status: 'OVERDUE', dueDate: '2025-11-14' });
		expect(view.totals.overdueCents).toBe(800_000);
	});

	it('refuses tranche percentages that do not add up to 100 %', async () => {
		const view = await api.finance.get({ missionId });
		const plan = await api.missions.get({ missionId });
		const error = await expectAppError(
			api.finance.setTranches({
				missionId,
				tranches: [
					{ label: 'A', percentBp: 3300, triggerKind: 'MILESTONE', triggerMilestoneId: plan.milestones[3]!.id },
					{
						label: 'B',
						percentBp: 3300,
						triggerKind: 'DELIVERABLE_VALIDATION',
						triggerDeliverableId: plan.deliverables[2]!.id
					}
				],
				expectedVersion: await storedVersion(api, 'mission', missionId)
			}),
			'BAD_REQUEST',
			'PERCENTAGES_NOT_100'
		);
		expect(error.message).toBe('Les tranches totalisent 66\u00a0% au lieu de 100\u00a0%.');
		expect(await api.finance.get({ missionId })).toEqual(view);
	});
});

describe('cost plan against the cap', () => {
	let mission2: string;

	beforeAll(async () => {
		({ id: mission2 } = await api.missions.create({
			title: 'Mission au plafond',
			clientOrganisation: 'Commune test',
			reference: null,
			kickoffDate: '2026-01-05',
			plannedEndDate: null,
			budgetCapCents: 2_000_000,
			capBasis: 'TTC',
			vatRateBp: 2000
		}));
	});

	it('a plan exactly at the cap saves without confirmation', async () => {
		await api.finance.saveProfile({ missionId: mission2, name: 'Expert', dayRateHtCents: 100_000 });
		let view = await api.finance.get({ missionId: mission2 });
		const expert = view.costPlan.profiles[0]!;
		view = await api.finance.saveCostLine({
			missionId: mission2,
			profileId: expert.id,
			label: 'Audit',
			dayHundredths: 1_600
		});
		// 16 000 € + a fixed 666,67 € = 16 666,67 € HT = 20 000,00 € TTC.
		view = await api.finance.saveCostLine({ missionId: mission2, label: 'Déplacements', fixedAmountHtCents: 66_667 });
		expect(view.costPlan.planned).toEqual({ htCents: 1_666_667, vatCents: 333_333, ttcCents: 2_000_000 });
		expect(view.costPlan.gauge).toMatchObject({ remainingCents: 0, overCents: 0, usedBp: 10_000 });
		expect(view.costPlan.approvals).toEqual([]);
	});

	it('one cent over the cap is refused without confirmation and saved, recorded, with it', async () => {
		const before = await api.finance.get({ missionId: mission2 });
		const error = await expectAppError(
			api.finance.saveCostLine({ missionId: mission2, label: 'Licence', fixedAmountHtCents: 1 }),
			'PRECONDITION_FAILED',
			'OVER_CAP'
		);
		// The cap is compared in TTC: one cent HT is two cents TTC once VAT is rounded.
		expect(error.message.replace(/[\u00a0\u202f]/g, ' ')).toContain('dépasse le plafond de 0,02 € TTC');
		expect(await api.finance.get({ missionId: mission2 })).toEqual(before);

		const view = await api.finance.saveCostLine({
			missionId: mission2,
			label: 'Licence',
			fixedAmountHtCents: 1,
			confirmOverCap: true,
			overCapComment: 'Validé par la direction'
		});
		expect(view.costPlan.gauge.overCents).toBe(2);
		expect(view.costPlan.approvals).toHaveLength(1);
		expect(view.costPlan.approvals[0]).toMatchObject({ overCents: 2, comment: 'Validé par la direction' });
		// The cap itself never moves.
		expect(view.mission.budgetCapCents).toBe(2_000_000);
	});

	it('actuals give spent, remaining and estimate at completion', async () => {
		const expert = (await api.finance.get({ missionId: mission2 })).costPlan.profiles[0]!;
		await api.finance.setTimeEntry({
			missionId: mission2,
			profileId: expert.id,
			weekStart: '2026-01-07',
			dayHundredths: 500
		});
		const view = await api.finance.addExpense({
			missionId: mission2,
			label: 'Train Paris–Lyon',
			incurredOn: '2026-01-08',
			amountHtCents: 10_000
		});
		// Stored on the week's Monday.
		expect(view.timeEntries[0]!.weekStart).toBe('2026-01-05');
		expect(view.costPlan.total.spentHtCents).toBe(500_000 + 10_000);
		expect(view.costPlan.total.remainingHtCents).toBe(1_100_000 + 66_667 + 1 - 10_000);
		expect(view.costPlan.total.estimateAtCompletionHtCents).toBe(1_666_668);
	});

	it('funders must add up to 100 % and share each tranche', async () => {
		await expectAppError(
			api.finance.setFunders({
				missionId: mission2,
				funders: [
					{ name: 'Dispositif', shareBp: 8000 },
					{ name: 'Commune', shareBp: 1000 }
				]
			}),
			'BAD_REQUEST',
			'PERCENTAGES_NOT_100'
		);
		const view = await api.finance.setFunders({
			missionId: mission2,
			funders: [
				{ name: 'Dispositif', shareBp: 8000 },
				{ name: 'Commune', shareBp: 2000 }
			]
		});
		expect(view.funderTotals).toEqual([1_600_000, 400_000]);
	});
});
