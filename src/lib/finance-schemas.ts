// Finance inputs (contract terms, tranches, invoices, payments, cost plan, actuals, funders),
// shared by the API and the finance page, with French messages.
import { z } from 'zod';
import { centsAmount, expectedVersion, id, isoDate, optionalText, percentRate, text } from './schemas';

// Messages in the user's units: euros and percent, not cents and basis points.
const cents = (label: string) => centsAmount(label, 0, 100_000_000_00);

const basisPoints = (label: string) => percentRate(label, 1, 10_000);

const label = (what: string, max = 200) => text(what, max);

const dayHundredths = z
	.number({ error: 'Nombre de jours attendu.' })
	.int({ error: 'Jours : deux décimales au plus.' })
	.min(0, { error: 'Le nombre de jours ne peut pas être négatif.' })
	.max(100_000, { error: 'Nombre de jours trop élevé.' });

export const financeTermsInput = z.object({
	missionId: id,
	contractAmountHtCents: cents('Montant du marché HT').nullable(),
	paymentDelayDays: z
		.number({ error: 'Délai de paiement : nombre de jours attendu.' })
		.refine(Number.isInteger, { error: 'Délai de paiement : nombre entier de jours.' })
		.min(0, { error: 'Délai de paiement : au moins 0 jour.' })
		.max(120, { error: 'Délai de paiement : 120 jours au plus.' }),
	/** Which late-payment law applies, and the contract's own rate (companies). */
	buyerKind: z.enum(['PUBLIC', 'COMPANY'], { error: 'Acheteur : public ou entreprise.' }).optional(),
	latePaymentRateBp: percentRate('Taux des pénalités de retard', 0, 10_000).nullish(),
	/** The mission's version the form was based on: a concurrent change is refused, not overwritten. */
	expectedVersion,
	/** Saving a market amount above the cap needs this confirmation and a reason, both recorded. */
	confirmOverCap: z.boolean().default(false),
	overCapComment: z.string().trim().max(500).nullish(),
	/** A new delay re-dates the invoices already issued only when this is true (else: future ones). */
	redateIssuedInvoices: z.boolean().default(false),
	/** A delay over the legal maximum for the buyer is saved only with this confirmation. */
	confirmDelayOverLegal: z.boolean().default(false)
});

export const tranchesInput = z.object({
	missionId: id,
	tranches: z
		.array(
			z.object({
				label: label('Le libellé de la tranche'),
				percentBp: basisPoints('Part de la tranche'),
				triggerKind: z.enum(['MILESTONE', 'DELIVERABLE_VALIDATION'], { error: 'Déclencheur inconnu.' }),
				triggerMilestoneId: id.nullish().transform((v) => v ?? null),
				triggerDeliverableId: id.nullish().transform((v) => v ?? null),
				/** Avance, acompte or solde; absent: acompte, the last one solde (the CUF default). */
				kind: z
					.enum(['AVANCE', 'ACOMPTE', 'SOLDE'], { error: 'Type de tranche : avance, acompte ou solde.' })
					.optional()
			})
		)
		.min(1, { error: 'Il faut au moins une tranche.' })
		.max(20, { error: '20 tranches au plus.' }),
	/** The mission's version the schedule was based on: a concurrent change is refused. */
	expectedVersion
});

export const invoiceInput = z.object({
	trancheId: id,
	invoiceNumber: label('Le numéro de facture', 60),
	invoiceDate: isoDate('Date de facture')
});

export const paymentInput = z.object({
	trancheId: id,
	paidOn: isoDate('Date de paiement'),
	amountCents: centsAmount('Montant payé', 1, 100_000_000_00)
});

export const profileInput = z.object({
	missionId: id,
	profileId: id.optional(),
	name: label('Le nom du profil', 100),
	dayRateHtCents: centsAmount('Tarif journalier HT', 1, 100_000_000_00),
	confirmOverCap: z.boolean().default(false),
	overCapComment: optionalText('Le commentaire', 500, true)
});

export const costLineInput = z
	.object({
		missionId: id,
		costLineId: id.optional(),
		phaseId: id.nullish().transform((v) => v ?? null),
		profileId: id.nullish().transform((v) => v ?? null),
		label: label('Le libellé de la ligne'),
		dayHundredths: dayHundredths.default(0),
		fixedAmountHtCents: cents('Coût fixe HT').default(0),
		/** Saving a plan above the cap needs this explicit confirmation, which is recorded. */
		confirmOverCap: z.boolean().default(false),
		overCapComment: optionalText('Le commentaire', 500, true)
	})
	.refine((line) => (line.profileId ? line.dayHundredths > 0 : line.fixedAmountHtCents > 0), {
		error: 'Indiquez des jours pour un profil, ou un montant pour un coût fixe.',
		path: ['dayHundredths']
	});

export const timeEntryInput = z.object({
	missionId: id,
	profileId: id,
	phaseId: id.nullish().transform((v) => v ?? null),
	weekStart: isoDate('Semaine'),
	dayHundredths: dayHundredths.max(700, { error: 'Une semaine compte 7 jours au plus.' })
});

export const expenseInput = z.object({
	missionId: id,
	phaseId: id.nullish().transform((v) => v ?? null),
	label: label('Le libellé de la dépense'),
	incurredOn: isoDate('Date de la dépense'),
	amountHtCents: centsAmount('Montant HT', 1, 100_000_000_00)
});

export const fundersInput = z.object({
	missionId: id,
	funders: z
		.array(
			z.object({
				name: label('Le nom du financeur', 100),
				shareBp: basisPoints('Part du financeur'),
				ceilingCents: cents('Plafond du financeur')
					.nullish()
					.transform((v) => v ?? null)
			})
		)
		.max(10, { error: '10 financeurs au plus.' })
});

export const ecbRateInput = z.object({
	halfYearStart: isoDate('Semestre').refine((d) => /-(01|07)-01$/.test(d), {
		error: 'Semestre : le 1er janvier ou le 1er juillet.'
	}),
	rateBp: percentRate('Taux BCE', 0, 10_000)
});
