// Avance, acompte, solde: the schedule's rules and the advance's recovery on later tranches, in
// integer cents that add up exactly (advance, recoveries, nets and invoices).
import { describe, expect, it } from 'vitest';
import {
	advanceRecovery,
	defaultKinds,
	scheduleAmounts,
	scheduleProblem,
	type TrancheKind
} from '$lib/domain/tranche-kinds';
import { splitIntoInvoices } from '$lib/domain/tranches';
import { lifecycleStatus } from '$lib/domain/finance';

const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);
const CUF = { cents: 2_000_000, basis: 'TTC' as const };

describe('scheduleAmounts', () => {
	it('keeps the CUF default (acompte, acompte, solde at 30 / 40 / 30) as the plain split', () => {
		const kinds = defaultKinds(3);
		expect(kinds).toEqual(['ACOMPTE', 'ACOMPTE', 'SOLDE']);
		const percents = [3000, 4000, 3000];
		const { split, lines } = scheduleAmounts(
			CUF,
			2000,
			percents.map((percentBp, i) => ({ percentBp, kind: kinds[i]! }))
		);
		expect(split).toEqual(splitIntoInvoices(CUF, 2000, percents));
		expect(lines.map((l) => l.recoveredCents)).toEqual([0, 0, 0]);
		expect(lines.map((l) => l.grossCents)).toEqual([600_000, 800_000, 600_000]);
	});

	it('recovers a 20 % advance between 65 % and 80 % of the work: on the CUF tranches, a third then two thirds', () => {
		const { split, lines } = scheduleAmounts(CUF, 2000, [
			{ kind: 'AVANCE', percentBp: 2000 },
			{ kind: 'ACOMPTE', percentBp: 3000 },
			{ kind: 'ACOMPTE', percentBp: 4000 },
			{ kind: 'SOLDE', percentBp: 3000 }
		]);
		// Work done 30 % (nothing back), 70 % (5 of the 15 points: 1 333,33 €), 100 % (the rest),
		// less a cent moved: no invoice totals 3 333,33 € TTC (2 777,77 € HT gives 3 333,32 €,
		// 2 777,78 € gives 3 333,34 €), so the second acompte takes it and recovers a cent less.
		expect(lines.map((l) => l.grossCents)).toEqual([400_000, 600_000, 800_000, 600_000]);
		expect(lines.map((l) => l.recoveredCents)).toEqual([0, 0, 133_332, 266_668]);
		expect(split.invoices.map((i) => i.ttcCents)).toEqual([400_000, 600_000, 666_668, 333_332]);
		expect(split.invoices[3]).toEqual({ htCents: 277_777, vatCents: 55_555, ttcCents: 333_332 });
		expect(split.total.ttcCents).toBe(2_000_000);
		expect(split.gapCents).toBe(0);
	});

	it('carries to the next tranche what a small tranche cannot absorb, never invoicing below zero', () => {
		const { lines, split } = scheduleAmounts({ cents: 1_000_000, basis: 'HT' }, 2000, [
			{ kind: 'AVANCE', percentBp: 3000 },
			{ kind: 'ACOMPTE', percentBp: 6500 },
			{ kind: 'ACOMPTE', percentBp: 1000 },
			{ kind: 'SOLDE', percentBp: 2500 }
		]);
		// At 75 % of the work two thirds of 3 000 € are due back, but the tranche is only 1 000 €.
		expect(lines.map((l) => l.recoveredCents)).toEqual([0, 0, 100_000, 200_000]);
		expect(split.invoices.map((i) => i.htCents)).toEqual([300_000, 650_000, 0, 50_000]);
	});

	it('settles once invoiced a tranche the recovery brings to 0 €', () => {
		const ledger = {
			status: 'INVOICED' as const,
			amountTtcCents: 0,
			invoiceNumber: 'F-3',
			invoiceDate: '2026-01-05',
			paidCents: 0,
			lastPaymentDate: null
		};
		expect(lifecycleStatus(ledger, true, 30, '2026-06-01')).toBe('PAID');
		expect(lifecycleStatus({ ...ledger, status: 'DUE' }, true, 30, '2026-06-01')).toBe('DUE');
	});

	it('adds up exactly over amounts, rates, advances and splits (rounding)', () => {
		const schedules: TrancheKind[][] = [
			['AVANCE', 'ACOMPTE', 'ACOMPTE', 'SOLDE'],
			['AVANCE', 'SOLDE'],
			['AVANCE', 'ACOMPTE', 'ACOMPTE', 'ACOMPTE', 'ACOMPTE', 'SOLDE']
		];
		const percentsFor = (n: number) =>
			n === 1 ? [10_000] : n === 3 ? [3333, 3333, 3334] : [1700, 2900, 2100, 1900, 1400].slice(0, n);
		const failures: string[] = [];
		for (const kinds of schedules) {
			const later = percentsFor(kinds.length - 1);
			if (sum(later) !== 10_000) continue;
			for (const advanceBp of [500, 1234, 2000, 3000])
				for (const rate of [2000, 1000, 550, 0])
					for (const basis of ['HT', 'TTC'] as const)
						for (const cents of [1_000_001, 2_000_000, 99_999, 1_234_567, 777]) {
							const tranches = kinds.map((kind, i) => ({
								kind,
								percentBp: i === 0 ? advanceBp : later[i - 1]!
							}));
							const { split, lines } = scheduleAmounts({ cents, basis }, rate, tranches);
							const advance = lines[0]!.grossCents;
							const onBasis = split.invoices.map((i) => (basis === 'HT' ? i.htCents : i.ttcCents));
							const tag = `${kinds.length}/${advanceBp}/${rate}/${basis}/${cents}`;
							if (sum(lines.map((l) => l.recoveredCents)) !== advance) failures.push(`${tag}: recovered`);
							if (sum(onBasis) + split.gapCents !== cents) failures.push(`${tag}: total`);
							if (Math.abs(advance - (cents * advanceBp) / 10_000) > 2) failures.push(`${tag}: advance`);
							lines.forEach((l, i) => {
								if (l.grossCents - l.recoveredCents !== onBasis[i]) failures.push(`${tag}: line ${i}`);
								if (onBasis[i]! < 0 || l.recoveredCents < 0) failures.push(`${tag}: negative ${i}`);
								const inv = split.invoices[i]!;
								if (inv.vatCents !== Math.round((inv.htCents * rate) / 10_000)) failures.push(`${tag}: vat ${i}`);
							});
						}
		}
		expect(failures).toEqual([]);
	});
});

describe('rounding cents', () => {
	it('never shows a recovery on a tranche before 65 % of the work, and keeps the sums exact', () => {
		const failures: string[] = [];
		for (const rate of [2000, 1000, 550])
			for (const advanceBp of [500, 2000, 3000])
				for (const later of [
					[3000, 4000, 3000],
					[3333, 3333, 3334],
					[2000, 2000, 2000, 2000, 2000]
				])
					for (let cents = 100_000; cents < 1_500_000; cents += 7_919) {
						const tranches = [
							{ kind: 'AVANCE' as const, percentBp: advanceBp },
							...later.map((percentBp, i) => ({
								kind: i === later.length - 1 ? ('SOLDE' as const) : ('ACOMPTE' as const),
								percentBp
							}))
						];
						const { lines, split } = scheduleAmounts({ cents, basis: 'TTC' }, rate, tranches);
						let work = 0;
						const tag = `${rate}/${advanceBp}/${later.length}/${cents}`;
						lines.slice(1).forEach((l, i) => {
							work += later[i]!;
							if (work <= 6500 && l.recoveredCents !== 0) failures.push(`${tag}: tranche ${i + 2}`);
							if (l.grossCents - l.recoveredCents !== split.invoices[i + 1]!.ttcCents) failures.push(`${tag}: net`);
						});
						if (sum(lines.slice(1).map((l) => l.recoveredCents)) !== lines[0]!.grossCents)
							failures.push(`${tag}: recovered`);
					}
		expect(failures).toEqual([]);
	});
});

describe('advanceRecovery', () => {
	it('takes nothing before 65 % and everything by 80 %', () => {
		const later = [3000, 3000, 1000, 1000, 2000].map((percentBp) => ({ percentBp, grossCents: percentBp * 10 }));
		// Work done 30, 60, 70, 80, 100 %: a third at 70 %, the rest at 80 %.
		expect(advanceRecovery(3000, later)).toEqual([0, 0, 1000, 2000, 0]);
	});

	it('splits an odd number of cents without losing one', () => {
		const later = [7000, 500, 500, 2000].map((percentBp) => ({ percentBp, grossCents: percentBp * 100 }));
		const out = advanceRecovery(100_001, later);
		expect(sum(out)).toBe(100_001);
		expect(out).toEqual([33_334, 33_333, 33_334, 0]);
	});
});

describe('scheduleProblem', () => {
	const ok = (kind: TrancheKind, percentBp: number, label = kind.toLowerCase()) => ({ kind, percentBp, label });

	it('accepts the CUF default and an advance of 5 % to 30 %', () => {
		expect(scheduleProblem([ok('ACOMPTE', 3000), ok('ACOMPTE', 4000), ok('SOLDE', 3000)])).toBeNull();
		for (const advance of [500, 3000])
			expect(scheduleProblem([ok('AVANCE', advance), ok('ACOMPTE', 7000), ok('SOLDE', 3000)])).toBeNull();
	});

	it('refuses an advance outside 5 % to 30 %, in French', () => {
		expect(scheduleProblem([ok('AVANCE', 499), ok('SOLDE', 10_000)])).toEqual({
			code: 'ADVANCE_OUT_OF_RANGE',
			message: 'L’avance doit être comprise entre 5\u00a0% et 30\u00a0% du marché (saisie : 4,99\u00a0%).'
		});
		expect(scheduleProblem([ok('AVANCE', 3001), ok('SOLDE', 10_000)])?.code).toBe('ADVANCE_OUT_OF_RANGE');
	});

	it('refuses two advances, an advance after a tranche, an advance alone, a solde before the end', () => {
		expect(scheduleProblem([ok('AVANCE', 1000), ok('AVANCE', 1000), ok('SOLDE', 10_000)])?.code).toBe('ADVANCE_TWICE');
		expect(scheduleProblem([ok('ACOMPTE', 5000), ok('AVANCE', 1000), ok('SOLDE', 5000)])?.code).toBe(
			'ADVANCE_NOT_FIRST'
		);
		expect(scheduleProblem([ok('AVANCE', 1000)])?.code).toBe('ADVANCE_ALONE');
		expect(scheduleProblem([ok('SOLDE', 5000, 'Fin'), ok('ACOMPTE', 5000)])).toEqual({
			code: 'SOLDE_NOT_LAST',
			message: 'Le solde doit être la dernière tranche (« Fin » ne l’est pas).'
		});
	});

	it('counts the percentages without the advance', () => {
		expect(scheduleProblem([ok('AVANCE', 2000), ok('ACOMPTE', 3000), ok('SOLDE', 5000)])).toEqual({
			code: 'PERCENTAGES_NOT_100',
			message: 'Hors avance, les tranches totalisent 80\u00a0% au lieu de 100\u00a0%.'
		});
	});
});
