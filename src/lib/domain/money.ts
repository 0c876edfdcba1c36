// Money is integer cents (never floats); VAT rates are integer basis points (20 % = 2000).

/** An amount in euro cents. */
export type Cents = number;
/** A rate in basis points: 1 % = 100. */
export type BasisPoints = number;

export const BASIS_POINTS_PER_UNIT = 10_000;

/** Rounds half away from zero, as invoices do. */
function roundHalfUp(value: number): number {
	return Math.sign(value) * Math.round(Math.abs(value));
}

export function ttcFromHt(ht: Cents, vatRate: BasisPoints): Cents {
	return roundHalfUp((ht * (BASIS_POINTS_PER_UNIT + vatRate)) / BASIS_POINTS_PER_UNIT);
}

/** 20 000,00 € TTC at 20 % → 16 666,67 € HT. */
export function htFromTtc(ttc: Cents, vatRate: BasisPoints): Cents {
	return roundHalfUp((ttc * BASIS_POINTS_PER_UNIT) / (BASIS_POINTS_PER_UNIT + vatRate));
}

const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const percentFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/**
 * "6 000,00 €". Intl writes a narrow no-break space between thousands and a no-break space
 * before the sign; both stay, so an amount never wraps across two lines.
 */
export function formatEuros(cents: Cents): string {
	return euroFormat.format(cents / 100);
}

/** "20 %" from 2000 basis points, "33,33 %" from 3333. */
export function formatPercent(rate: BasisPoints): string {
	return `${percentFormat.format(rate / 100)}\u00a0%`;
}

/** Parses "20 000", "20000,50", "1 666,67 €" into cents; null when it is not an amount. */
export function parseEurosToCents(text: string): Cents | null {
	const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
	if (!/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return null;
	const [units, decimals = ''] = cleaned.replace('-', '').split('.') as [string, string?];
	const cents = Number(units) * 100 + Number(decimals.padEnd(2, '0'));
	return cleaned.startsWith('-') ? -cents : cents;
}

/** Parses "20", "5,5" or "33.33" (a percentage) into basis points; null when invalid. */
export function parsePercentToBasisPoints(text: string): BasisPoints | null {
	const cleaned = text.replace(/[\s\u00a0\u202f%]/g, '').replace(',', '.');
	if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
	return Math.round(Number(cleaned) * 100);
}
