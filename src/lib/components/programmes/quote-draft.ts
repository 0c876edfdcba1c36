// The quote a coordinator is writing: lines picked from the price list (BPU), quantities typed in
// French ("1,5"), the total computed as the server will (domain/programme-orders.ts).
import { lineAmountCents } from '$lib/domain/programme-orders';
import type { Cents } from '$lib/domain/money';

export interface DraftLine {
	priceLineId: string;
	phase: string;
	deliverable: string;
	quantity: string;
}

export interface PriceListLine {
	id: string;
	code: string;
	label: string;
	unit: string;
	unitPriceHtCents: Cents;
}

/** "1,5" → 150 hundredths; null when it is not a positive quantity with two decimals at most. */
export function parseQuantity(text: string): number | null {
	const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
	if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
	const hundredths = Math.round(Number(cleaned) * 100);
	return hundredths > 0 ? hundredths : null;
}

/** Each line's amount (null while its quantity or price line is missing) and the total. */
export function draftAmounts(lines: readonly DraftLine[], priceList: readonly PriceListLine[]) {
	const amounts = lines.map((line) => {
		const price = priceList.find((p) => p.id === line.priceLineId);
		const quantityHundredths = parseQuantity(line.quantity);
		return price && quantityHundredths !== null
			? lineAmountCents({ quantityHundredths, unitPriceHtCents: price.unitPriceHtCents })
			: null;
	});
	return { amounts, totalHtCents: amounts.reduce<number>((sum, a) => sum + (a ?? 0), 0) };
}

/** The API's lines, or the French problem of the first incomplete line. */
export function draftToInput(lines: readonly DraftLine[]):
	| {
			ok: true;
			lines: { priceLineId: string; phase: string; deliverable: string | null; quantityHundredths: number }[];
	  }
	| { ok: false; message: string } {
	const out = [];
	for (const [i, line] of lines.entries()) {
		const quantityHundredths = parseQuantity(line.quantity);
		if (!line.priceLineId) return { ok: false, message: `Ligne ${i + 1} : choisissez une ligne du bordereau.` };
		if (quantityHundredths === null)
			return { ok: false, message: `Ligne ${i + 1} : quantité invalide (exemple : 2 ou 1,5).` };
		if (!line.phase.trim()) return { ok: false, message: `Ligne ${i + 1} : indiquez la phase.` };
		out.push({
			priceLineId: line.priceLineId,
			phase: line.phase.trim(),
			deliverable: line.deliverable.trim() || null,
			quantityHundredths
		});
	}
	if (out.length === 0) return { ok: false, message: 'Le devis doit avoir au moins une ligne.' };
	return { ok: true, lines: out };
}
