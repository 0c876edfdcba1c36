// A programme's envelope against what its missions commit, invoice and pay, on the envelope's
// basis (HT or TTC), and the SIRET of its beneficiaries.
import { contractAmounts } from './finance';
import { htFromTtc, type BasisPoints, type Cents } from './money';
import type { TrancheKind } from './tranche-kinds';

export type Basis = 'HT' | 'TTC';

export interface MissionMoney {
	status: 'DRAFT' | 'ACTIVE' | 'COMPLETED' | 'CANCELLED';
	budgetCapCents: Cents;
	capBasis: Basis;
	vatRateBp: BasisPoints;
	contractAmountHtCents: Cents | null;
	tranches: { percentBp: BasisPoints; kind?: TrancheKind; status: 'PLANNED' | 'DUE' | 'INVOICED' | 'PAID' }[];
	/** Payments received, TTC (as tranche payments are recorded). */
	paidTtcCents: Cents;
}

export interface Consumption {
	committedCents: Cents;
	invoicedCents: Cents;
	paidCents: Cents;
}

/** A mission is committed once it is signed (active or completed); drafts and cancellations are not. */
export function isCommitted(status: MissionMoney['status']): boolean {
	return status === 'ACTIVE' || status === 'COMPLETED';
}

/**
 * The contract amount HT as the mission's finance page shows it (the signed amount, or the cap
 * until the offer is signed, as its tranches' invoices add up): see contractAmounts.
 */
export function contractHt(
	m: Pick<MissionMoney, 'contractAmountHtCents' | 'budgetCapCents' | 'capBasis' | 'vatRateBp'> & {
		tranches?: readonly { percentBp: BasisPoints; kind?: TrancheKind }[];
	}
) {
	return contractAmounts(m, m.tranches ?? []).contract.htCents;
}

/** A mission's price as a service of the programme, on its basis, signed or not. */
export function missionServiceCents(
	m: Pick<MissionMoney, 'contractAmountHtCents' | 'budgetCapCents' | 'capBasis' | 'vatRateBp'> & {
		tranches: readonly { percentBp: BasisPoints; kind?: TrancheKind }[];
	},
	basis: Basis
): Cents {
	const { contract } = contractAmounts(m, m.tranches);
	return basis === 'HT' ? contract.htCents : contract.ttcCents;
}

/** What one mission consumes of the envelope, on the envelope's basis. */
export function missionConsumption(m: MissionMoney, basis: Basis): Consumption {
	// The same contract and invoices as the mission's finance page.
	const { contract, schedule } = contractAmounts(m, m.tranches);
	const sums = schedule?.split.invoices ?? null;
	let invoiced = 0;
	m.tranches.forEach((t, i) => {
		if (sums && (t.status === 'INVOICED' || t.status === 'PAID'))
			invoiced += basis === 'HT' ? sums[i]!.htCents : sums[i]!.ttcCents;
	});
	return {
		committedCents: isCommitted(m.status) ? (basis === 'HT' ? contract.htCents : contract.ttcCents) : 0,
		invoicedCents: invoiced,
		paidCents: basis === 'HT' ? htFromTtc(m.paidTtcCents, m.vatRateBp) : m.paidTtcCents
	};
}

export interface EnvelopeSummary extends Consumption {
	envelopeCents: Cents;
	/** Envelope minus committed; negative when over. */
	leftCents: Cents;
	overCents: Cents;
}

export function envelopeSummary(envelopeCents: Cents, missions: readonly Consumption[]): EnvelopeSummary {
	const sum = (key: keyof Consumption) => missions.reduce((s, m) => s + m[key], 0);
	const committedCents = sum('committedCents');
	return {
		envelopeCents,
		committedCents,
		invoicedCents: sum('invoicedCents'),
		paidCents: sum('paidCents'),
		leftCents: envelopeCents - committedCents,
		overCents: Math.max(0, committedCents - envelopeCents)
	};
}

/** A SIRET: 14 digits whose Luhn key is right (La Poste's establishments: digit sum multiple of 5). */
export function isValidSiret(value: string): boolean {
	if (!/^\d{14}$/.test(value)) return false;
	if (value.startsWith('356000000')) {
		return [...value].reduce((s, d) => s + Number(d), 0) % 5 === 0;
	}
	let sum = 0;
	for (let i = 0; i < 14; i += 1) {
		let digit = Number(value[13 - i]);
		if (i % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return sum % 10 === 0;
}

/** "732 829 320 00074": spaces users type are dropped. */
export function normaliseSiret(value: string): string {
	return value.replace(/[\s\u00a0\u202f]/g, '');
}
