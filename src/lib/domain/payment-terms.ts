// A change of the payment delay: the legal maximum it must respect, and the invoices already issued
// whose due date it would move. An issued invoice keeps the delay it was issued under unless the
// user confirms re-dating it: a due date is part of an invoice sent to the buyer.
import { addCalendarDays, formatDateFr, type IsoDate } from './dates';
import type { BuyerKind } from './late-payment';

export interface LegalDelay {
	maxDays: number;
	/** The rule in French, with its article. */
	rule: string;
}

/**
 * The longest payment delay the law allows the buyer, counted from the invoice. Public buyers:
 * 30 days (Code de la commande publique, L. 2192-10 and R. 2192-10, 1°; public health
 * establishments 50 days and public companies 60 days, R. 2192-10, 2° and 3°, are not modelled).
 * Between companies: 60 days from the invoice, or 45 days end of month if the contract says so
 * (Code de commerce, L. 441-10, I).
 */
export function legalPaymentDelay(buyerKind: BuyerKind): LegalDelay {
	return buyerKind === 'PUBLIC'
		? {
				maxDays: 30,
				rule: 'un acheteur public paie sous 30 jours au plus (Code de la commande publique, art. L. 2192-10 et R. 2192-10)'
			}
		: {
				maxDays: 60,
				rule: 'entre entreprises, le délai ne peut dépasser 60 jours à compter de la facture, ou 45 jours fin de mois si le contrat le prévoit (Code de commerce, art. L. 441-10)'
			};
}

/** The French warning when `delayDays` is over the legal maximum for the buyer; null when within. */
export function delayOverLegal(buyerKind: BuyerKind, delayDays: number): string | null {
	const legal = legalPaymentDelay(buyerKind);
	return delayDays > legal.maxDays
		? `Délai de paiement de ${delayDays} jours : au-delà du maximum légal, ${legal.rule}.`
		: null;
}

export interface IssuedInvoice {
	id: string;
	label: string;
	invoiceNumber: string | null;
	invoiceDate: IsoDate;
	/** The delay it was issued under; null: the mission's (issued before delays were recorded). */
	paymentDelayDays: number | null;
}

export interface RedatedInvoice {
	id: string;
	label: string;
	invoiceNumber: string | null;
	dueBefore: IsoDate;
	dueAfter: IsoDate;
}

export interface TermsChange {
	/** Issued invoices whose due date the new delay would move (only if the user confirms). */
	redated: RedatedInvoice[];
	/** The legal rule the new terms break (only when the delay or the buyer changes); null: none. */
	overLegal: string | null;
}

/** What changing the terms from `current` to `next` would do, before it is done. */
export function termsChange(
	current: { delayDays: number; buyerKind: BuyerKind },
	next: { delayDays: number; buyerKind: BuyerKind },
	invoices: readonly IssuedInvoice[]
): TermsChange {
	const redated = invoices
		.map((invoice) => {
			const dueBefore = addCalendarDays(invoice.invoiceDate, invoice.paymentDelayDays ?? current.delayDays);
			const dueAfter = addCalendarDays(invoice.invoiceDate, next.delayDays);
			return { id: invoice.id, label: invoice.label, invoiceNumber: invoice.invoiceNumber, dueBefore, dueAfter };
		})
		.filter((r) => r.dueBefore !== r.dueAfter);
	const changed = current.delayDays !== next.delayDays || current.buyerKind !== next.buyerKind;
	return { redated, overLegal: changed ? delayOverLegal(next.buyerKind, next.delayDays) : null };
}

/** The question asked before re-dating issued invoices, listing each move. */
export function describeRedating(redated: readonly RedatedInvoice[]): string {
	const moves = redated
		.map((r) => `${r.invoiceNumber ?? r.label} : ${formatDateFr(r.dueBefore)} → ${formatDateFr(r.dueAfter)}`)
		.join(' ; ');
	return redated.length === 1
		? `1 facture déjà émise changerait d’échéance (${moves}).`
		: `${redated.length} factures déjà émises changeraient d’échéance (${moves}).`;
}
