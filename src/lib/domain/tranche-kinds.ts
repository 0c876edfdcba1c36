// Tranche types as French contracts name them, and the advance's recovery on the later tranches.
//
// - avance: paid before any work, 5 % to 30 % of the contract; it is not part of the price, so
//   the other tranches' percentages still add up to 100 % and the advance is taken back from them.
// - acompte: an instalment against work done; solde: the balance, the last tranche.
//
// Recovery follows the public-procurement default (Code de la commande publique, R. 2191-11 and
// R. 2191-12): deducted from the payments due ("précompte"), starting when the work done reaches
// 65 % of the contract and finished when it reaches 80 %, in proportion in between. The work done
// when a tranche is invoiced is the sum of the percentages of the tranches up to it. A tranche is
// never invoiced below zero: what it cannot absorb moves to the next ones.
import type { BasisPoints, Cents } from './money';
import { BASIS_POINTS_PER_UNIT, formatPercent } from './money';
import {
	htForTtcAtMost,
	invoiceFromHt,
	invoicesForShares,
	splitByPercentages,
	type InvoiceAmounts,
	type InvoiceSplit
} from './tranches';

export type TrancheKind = 'AVANCE' | 'ACOMPTE' | 'SOLDE';
export const TRANCHE_KINDS: readonly TrancheKind[] = ['AVANCE', 'ACOMPTE', 'SOLDE'];

export const trancheKindLabels: Record<TrancheKind, string> = {
	AVANCE: 'Avance',
	ACOMPTE: 'Acompte',
	SOLDE: 'Solde'
};

export const ADVANCE_MIN_BP: BasisPoints = 500;
export const ADVANCE_MAX_BP: BasisPoints = 3000;
/** Work done (share of the contract) at which recovery starts, and by which it is finished. */
export const RECOVERY_START_BP: BasisPoints = 6500;
export const RECOVERY_END_BP: BasisPoints = 8000;

/** The CUF schedule: 30 / 40 / 30, acompte, acompte, solde. */
export function defaultKinds(count: number): TrancheKind[] {
	return Array.from({ length: count }, (_, i) => (i === count - 1 ? 'SOLDE' : 'ACOMPTE'));
}

export type ScheduleProblemCode =
	| 'ADVANCE_OUT_OF_RANGE'
	| 'ADVANCE_TWICE'
	| 'ADVANCE_NOT_FIRST'
	| 'ADVANCE_ALONE'
	| 'SOLDE_NOT_LAST'
	| 'PERCENTAGES_NOT_100';

export interface ScheduleProblem {
	code: ScheduleProblemCode;
	message: string;
}

/**
 * What is wrong with a schedule, in French, or null: an advance of 5 % to 30 %, at most one and
 * first (it is recovered on the later tranches), a solde only last, and the other tranches
 * adding up to 100 %.
 */
export function scheduleProblem(
	tranches: readonly { kind: TrancheKind; percentBp: BasisPoints; label?: string }[]
): ScheduleProblem | null {
	const advances = tranches.filter((t) => t.kind === 'AVANCE');
	if (advances.length > 1)
		return { code: 'ADVANCE_TWICE', message: 'Une seule avance par mission : les autres tranches sont des acomptes.' };
	const advance = advances[0];
	if (advance && (advance.percentBp < ADVANCE_MIN_BP || advance.percentBp > ADVANCE_MAX_BP))
		return {
			code: 'ADVANCE_OUT_OF_RANGE',
			message: `L’avance doit être comprise entre ${formatPercent(ADVANCE_MIN_BP)} et ${formatPercent(ADVANCE_MAX_BP)} du marché (saisie : ${formatPercent(advance.percentBp)}).`
		};
	if (advance && tranches[0] !== advance)
		return {
			code: 'ADVANCE_NOT_FIRST',
			message: 'L’avance doit être la première tranche : elle est récupérée sur les suivantes.'
		};
	if (advance && tranches.length === 1)
		return {
			code: 'ADVANCE_ALONE',
			message: 'Une avance doit être suivie d’au moins un acompte ou un solde, sur lesquels elle est récupérée.'
		};
	const soldeIndex = tranches.findIndex((t) => t.kind === 'SOLDE');
	if (soldeIndex >= 0 && soldeIndex !== tranches.length - 1)
		return {
			code: 'SOLDE_NOT_LAST',
			message: `Le solde doit être la dernière tranche (« ${tranches[soldeIndex]!.label ?? 'solde'} » ne l’est pas).`
		};
	const sum = tranches.filter((t) => t.kind !== 'AVANCE').reduce((s, t) => s + t.percentBp, 0);
	if (sum !== BASIS_POINTS_PER_UNIT)
		return {
			code: 'PERCENTAGES_NOT_100',
			message: advance
				? `Hors avance, les tranches totalisent ${formatPercent(sum)} au lieu de ${formatPercent(BASIS_POINTS_PER_UNIT)}.`
				: `Les tranches totalisent ${formatPercent(sum)} au lieu de ${formatPercent(BASIS_POINTS_PER_UNIT)}.`
		};
	return null;
}

/**
 * The advance recovered on each tranche after it (the advance itself: 0), in cents, adding up
 * exactly to the advance. `grossCents`: each later tranche's share of the contract;
 * `percentBp`: its percentage, which sets the work done when it is invoiced.
 */
export function advanceRecovery(
	advanceCents: Cents,
	later: readonly { grossCents: Cents; percentBp: BasisPoints }[],
	window: { startBp: BasisPoints; endBp: BasisPoints } = { startBp: RECOVERY_START_BP, endBp: RECOVERY_END_BP }
): Cents[] {
	const span = window.endBp - window.startBp;
	let workDoneBp = 0;
	let recovered = 0;
	const out = later.map((t, i) => {
		workDoneBp += t.percentBp;
		const progress = Math.min(Math.max(workDoneBp - window.startBp, 0), span);
		// The whole advance is due back at the last tranche whatever the percentages say.
		const target = i === later.length - 1 ? advanceCents : Math.round((advanceCents * progress) / span);
		const take = Math.max(0, Math.min(target - recovered, t.grossCents));
		recovered += take;
		return take;
	});
	// Tranches too small to absorb their part push it back onto earlier tranches with room left.
	for (let i = out.length - 1; recovered < advanceCents && i >= 0; i--) {
		const room = later[i]!.grossCents - out[i]!;
		const take = Math.min(room, advanceCents - recovered);
		out[i]! += take;
		recovered += take;
	}
	return out;
}

export interface ScheduleLine {
	kind: TrancheKind;
	/** On the contract's basis (HT or TTC): the tranche's share before the advance is taken back. */
	grossCents: Cents;
	/** The advance taken back on this tranche, on the same basis. */
	recoveredCents: Cents;
}

export interface ScheduleAmounts {
	/** The invoices to send: the advance, then each tranche's net (gross − recovered). */
	split: InvoiceSplit;
	/** Per tranche, in order: gross, recovered; gross − recovered is the invoice on the basis. */
	lines: ScheduleLine[];
}

/**
 * Each tranche's amounts when it is one of a valid schedule (see scheduleProblem): the advance
 * is its percentage of the contract, the other tranches share the contract by their percentages
 * and each gives back its part of the advance. The invoices (advance and nets) add up exactly to
 * the contract amount on its basis, each a valid invoice.
 */
export function scheduleAmounts(
	reference: { cents: Cents; basis: 'HT' | 'TTC' },
	vatRate: BasisPoints,
	tranches: readonly { kind: TrancheKind; percentBp: BasisPoints }[]
): ScheduleAmounts {
	const advanceIndex = tranches.findIndex((t) => t.kind === 'AVANCE');
	const later = tranches.filter((t) => t.kind !== 'AVANCE');
	const gross = splitByPercentages(
		reference.cents,
		later.map((t) => t.percentBp)
	);
	// The advance is an invoice of its own: on a TTC contract, the valid invoice just under its
	// share. What is recovered is what was invoiced.
	const advanceShare =
		advanceIndex < 0 ? 0 : Math.round((reference.cents * tranches[advanceIndex]!.percentBp) / BASIS_POINTS_PER_UNIT);
	const advanceInvoice = invoiceFromHt(
		reference.basis === 'HT' ? advanceShare : htForTtcAtMost(advanceShare, vatRate),
		vatRate
	);
	const advanceCents = reference.basis === 'HT' ? advanceInvoice.htCents : advanceInvoice.ttcCents;
	const recovered = advanceRecovery(
		advanceCents,
		later.map((t, i) => ({ grossCents: gross[i]!, percentBp: t.percentBp }))
	);
	// The later tranches' nets add up to the contract less the advance: valid invoices for them.
	const nets = invoicesForShares(
		gross.map((g, i) => g - recovered[i]!),
		reference.basis,
		vatRate
	);
	// A TTC share no invoice reaches moves by a cent. On a tranche that gives some advance back,
	// the recovery takes the cent and the gross stays its exact share; elsewhere the gross takes
	// it (as without an advance), and never a recovery on a tranche before the threshold. The
	// recoveries still add up to the advance: what the shifts moved goes back on the last
	// recovering tranche that can take it, whose gross then moves too. Either way
	// gross − recovered is the invoice exactly.
	const netOf = (i: number) => (reference.basis === 'HT' ? nets.invoices[i]!.htCents : nets.invoices[i]!.ttcCents);
	const grossShown = [...gross];
	const planned = [...recovered];
	let shifted = 0;
	gross.forEach((g, i) => {
		const d = netOf(i) - (g - recovered[i]!);
		if (d === 0) return;
		if (recovered[i]! > 0 && recovered[i]! - d >= 0) {
			recovered[i]! -= d;
			shifted += d;
		} else grossShown[i]! += d;
	});
	const k = shifted === 0 ? -1 : recovered.findLastIndex((r) => r > 0 && r + shifted >= 0);
	if (k >= 0) {
		recovered[k]! += shifted;
		grossShown[k]! += shifted;
	} else if (shifted !== 0) {
		// No tranche can take it back (never seen): the grosses take every cent instead.
		planned.forEach((r, i) => {
			recovered[i] = r;
			grossShown[i] = netOf(i) + r;
		});
	}
	let laterIndex = 0;
	const invoices: InvoiceAmounts[] = [];
	const lines = tranches.map((t): ScheduleLine => {
		if (t.kind === 'AVANCE') {
			invoices.push(advanceInvoice);
			return { kind: t.kind, grossCents: advanceCents, recoveredCents: 0 };
		}
		const i = laterIndex++;
		const invoice = nets.invoices[i]!;
		invoices.push(invoice);
		return { kind: t.kind, grossCents: grossShown[i]!, recoveredCents: recovered[i]! };
	});
	const total = {
		htCents: nets.total.htCents + (advanceIndex < 0 ? 0 : advanceInvoice.htCents),
		vatCents: nets.total.vatCents + (advanceIndex < 0 ? 0 : advanceInvoice.vatCents),
		ttcCents: nets.total.ttcCents + (advanceIndex < 0 ? 0 : advanceInvoice.ttcCents)
	};
	const onBasis = reference.basis === 'HT' ? total.htCents : total.ttcCents;
	const split: InvoiceSplit = { basis: reference.basis, invoices, total, gapCents: reference.cents - onBasis };
	return { split, lines };
}
