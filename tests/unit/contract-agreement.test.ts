// One contract amount: a programme's committed amount (programme-envelope's contractHt and
// missionConsumption) is the contract the mission's finance page shows, to the cent, whatever
// the cap, its basis, the VAT rate, the signed amount and the schedule (advance included).
import { describe, expect, it } from 'vitest';
import { buildMissionPlan } from '$lib/domain/mission-plan';
import { contractHt, missionConsumption } from '$lib/domain/programme-envelope';
import type { TrancheKind } from '$lib/domain/tranche-kinds';

const SCHEDULES: { percentBp: number; kind?: TrancheKind; status: 'PLANNED' | 'INVOICED' }[][] = [
	[
		{ percentBp: 3000, status: 'INVOICED' },
		{ percentBp: 4000, status: 'PLANNED' },
		{ percentBp: 3000, status: 'PLANNED' }
	],
	[
		{ percentBp: 3333, status: 'INVOICED' },
		{ percentBp: 3333, status: 'INVOICED' },
		{ percentBp: 3334, status: 'PLANNED' }
	],
	[
		{ percentBp: 2000, kind: 'AVANCE', status: 'INVOICED' },
		{ percentBp: 7000, kind: 'ACOMPTE', status: 'INVOICED' },
		{ percentBp: 3000, kind: 'SOLDE', status: 'PLANNED' }
	],
	[]
];

describe('the contract amount, for the finance page and the programmes', () => {
	it('is the same on both, HT and TTC, and so is what is invoiced', () => {
		const failures: string[] = [];
		for (const capBasis of ['HT', 'TTC'] as const)
			for (const vatRateBp of [2000, 1000, 550, 0])
				for (const budgetCapCents of [2_000_000, 1_234_567, 999_999])
					for (const contractAmountHtCents of [null, 1_000_001, 777_777])
						for (const tranches of SCHEDULES) {
							const mission = { budgetCapCents, capBasis, vatRateBp, contractAmountHtCents };
							const plan = buildMissionPlan(
								{
									mission: {
										...mission,
										id: 'm',
										title: 'M',
										clientOrganisation: 'C',
										reference: null,
										kickoffDate: '2026-01-05',
										plannedEndDate: null,
										status: 'ACTIVE',
										version: 1
									},
									tasks: [],
									dependencies: [],
									deliverables: [],
									milestones: [],
									contacts: [],
									tranches: tranches.map((t, i) => ({
										id: `t${i}`,
										label: `T${i}`,
										percentBp: t.percentBp,
										kind: t.kind ?? (i === tranches.length - 1 ? 'SOLDE' : 'ACOMPTE'),
										sortOrder: i,
										triggerKind: 'MILESTONE',
										triggerMilestoneId: null,
										triggerDeliverableId: null,
										status: t.status,
										version: 1
									}))
								},
								'2026-01-05'
							);
							const money = { ...mission, status: 'ACTIVE' as const, tranches, paidTtcCents: 0 };
							const tag = `${capBasis}/${vatRateBp}/${budgetCapCents}/${contractAmountHtCents}/${tranches.length}`;
							const invoiced = plan.tranches.filter((t) => t.storedStatus === 'INVOICED');
							const expected = {
								HT: [plan.contract.htCents, invoiced.reduce((s, t) => s + t.amountHtCents, 0)],
								TTC: [plan.contract.ttcCents, invoiced.reduce((s, t) => s + t.amountTtcCents, 0)]
							};
							if (contractHt(money) !== plan.contract.htCents) failures.push(`${tag}: contractHt`);
							for (const basis of ['HT', 'TTC'] as const) {
								const c = missionConsumption(money, basis);
								if (c.committedCents !== expected[basis][0]) failures.push(`${tag}: committed ${basis}`);
								if (c.invoicedCents !== expected[basis][1]) failures.push(`${tag}: invoiced ${basis}`);
							}
						}
		expect(failures).toEqual([]);
	});
});
