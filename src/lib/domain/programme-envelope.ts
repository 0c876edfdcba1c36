// A programme's envelope against what its missions commit, invoice and pay, on the envelope's
// basis (HT or TTC), and the SIRET of its beneficiaries.
import { trancheAmounts, capInHt } from './finance';
import { htFromTtc, ttcFromHt, type BasisPoints, type Cents } from './money';

export type Basis = 'HT' | 'TTC';

export interface MissionMoney {
	status: 'DRAFT' | 'ACTIVE' | 'COMPLETED' | 'CANCELLED';
	budgetCapCents: Cents;
	capBasis: Basis;
	vatRateBp: BasisPoints;
	contractAmountHtCents: Cents | null;
	tranches: { percentBp: BasisPoints; status: 'PLANNED' | 'DUE' | 'INVOICED' | 'PAID' }[];
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

/** The contract amount HT: the signed amount, or the cap in HT until the offer is signed. */
export function contractHt(
	m: Pick<MissionMoney, 'contractAmountHtCents' | 'budgetCapCents' | 'capBasis' | 'vatRateBp'>
) {
	return m.contractAmountHtCents ?? capInHt({ cents: m.budgetCapCents, basis: m.capBasis }, m.vatRateBp);
}

/** What one mission consumes of the envelope, on the envelope's basis. */
export function missionConsumption(m: MissionMoney, basis: Basis): Consumption {
	const ht = contractHt(m);
	const percents = m.tranches.map((t) => t.percentBp);
	// The same invoice-valid split as the mission's finance page (contract in HT).
	const sums =
		percents.reduce((a, b) => a + b, 0) === 10_000
			? trancheAmounts({ cents: ht, basis: 'HT' }, m.vatRateBp, percents).invoices
			: null;
	let invoiced = 0;
	m.tranches.forEach((t, i) => {
		if (sums && (t.status === 'INVOICED' || t.status === 'PAID'))
			invoiced += basis === 'HT' ? sums[i]!.htCents : sums[i]!.ttcCents;
	});
	return {
		committedCents: isCommitted(m.status) ? (basis === 'HT' ? ht : ttcFromHt(ht, m.vatRateBp)) : 0,
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
