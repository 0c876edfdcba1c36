// What the programme page's beneficiary and price-line forms hold (text as typed), and the API
// input they give: an empty field is "none", a price is read the French way (1 100,50).
import { formatEuros, parseEurosToCents, type Cents } from '$lib/domain/money';

export interface BeneficiaryRow {
	name: string;
	siret: string | null;
	isMember: boolean;
	contactName: string | null;
	contactEmail: string | null;
	contactPhone: string | null;
}

export type BeneficiaryDraft = { [K in keyof BeneficiaryRow]: K extends 'isMember' ? boolean : string };

export function beneficiaryDraft(row?: BeneficiaryRow): BeneficiaryDraft {
	return {
		name: row?.name ?? '',
		siret: row?.siret ?? '',
		isMember: row?.isMember ?? false,
		contactName: row?.contactName ?? '',
		contactEmail: row?.contactEmail ?? '',
		contactPhone: row?.contactPhone ?? ''
	};
}

export function beneficiaryInput(draft: BeneficiaryDraft): BeneficiaryRow {
	const orNull = (text: string) => text.trim() || null;
	return {
		name: draft.name,
		siret: orNull(draft.siret),
		isMember: draft.isMember,
		contactName: orNull(draft.contactName),
		contactEmail: orNull(draft.contactEmail),
		contactPhone: orNull(draft.contactPhone)
	};
}

export type PriceLineKind = 'PROFILE_DAY' | 'TRAINING' | 'OTHER';

export interface PriceLineRow {
	code: string;
	label: string;
	kind: PriceLineKind;
	unit: string;
	unitPriceHtCents: Cents;
}

export interface PriceLineDraft {
	code: string;
	label: string;
	kind: PriceLineKind;
	unit: string;
	price: string;
}

export function priceLineDraft(row?: PriceLineRow): PriceLineDraft {
	return {
		code: row?.code ?? '',
		label: row?.label ?? '',
		kind: row?.kind ?? 'PROFILE_DAY',
		unit: row?.unit ?? 'jour',
		price: row ? formatEuros(row.unitPriceHtCents).replace(/\s*€$/, '') : ''
	};
}

/** The line to send, or the French reason the price cannot be read. */
export function priceLineInput(
	draft: PriceLineDraft
): { ok: true; line: PriceLineRow } | { ok: false; message: string } {
	const unitPriceHtCents = parseEurosToCents(draft.price);
	if (unitPriceHtCents === null || unitPriceHtCents <= 0) {
		return { ok: false, message: 'Prix unitaire HT : montant positif attendu (exemple : 850 ou 1 200,50).' };
	}
	const { price: _price, ...rest } = draft;
	return { ok: true, line: { ...rest, unitPriceHtCents } };
}
