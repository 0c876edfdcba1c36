// Programme inputs (support schemes, framework agreements, beneficiaries, price list, orders),
// shared by the API and the programme pages, with French messages.
import { z } from 'zod';
import { isValidSiret, normaliseSiret } from './domain/programme-envelope';
import { formatEuros } from './domain/money';
import { id, isoDate, optionalText, text } from './schemas';

/** The most an amount may be: 100 000 000,00 €. */
const MAX_CENTS = 100_000_000_00;

const cents = (label: string) =>
	z
		.number({ error: `${label} : montant attendu.` })
		// Too large first: such a number is no longer a whole number of cents either.
		.max(MAX_CENTS, { error: `${label} : montant trop élevé (${formatEuros(MAX_CENTS)} au plus).`, abort: true })
		.int({ error: `${label} : montant au centime près attendu.` })
		.min(0, { error: `${label} : le montant ne peut pas être négatif.` });

const share = (label: string) =>
	z
		.number({ error: `${label} : pourcentage attendu.` })
		.int({ error: `${label} : pourcentage invalide (deux décimales au plus).` })
		.min(0, { error: `${label} : le pourcentage ne peut pas être négatif.` })
		.max(10_000, { error: `${label} : 100 % au plus.` });

const version = z.number({ error: 'Version attendue.' }).int().min(1);

/** A programme's fields as typed; an edit sends any of them, unset ones stay as they are. */
const programmeShape = {
	kind: z.enum(['SCHEME', 'FRAMEWORK_AGREEMENT'], { error: 'Type de programme inconnu.' }),
	title: text('Le titre', 300),
	owner: text('Le porteur', 200),
	envelopeCents: cents('Enveloppe').min(1, { error: 'Enveloppe : montant positif attendu.' }),
	envelopeBasis: z.enum(['HT', 'TTC'], { error: 'Base HT ou TTC attendue.' }),
	startDate: isoDate('Début de la période'),
	endDate: isoDate('Fin de la période'),
	memberShareBp: share('Part du dispositif (membres)'),
	nonMemberShareBp: share('Part du dispositif (non-membres)'),
	/** Null: no ceiling. */
	serviceCeilingCents: cents('Plafond par prestation').nullable()
};

export const programmeFields = z.object({
	...programmeShape,
	memberShareBp: programmeShape.memberShareBp.default(8000),
	nonMemberShareBp: programmeShape.nonMemberShareBp.default(5000),
	serviceCeilingCents: cents('Plafond par prestation')
		.nullish()
		.transform((v) => v ?? null)
});

const periodInOrder = (value: { startDate?: string; endDate?: string }) =>
	!value.startDate || !value.endDate || value.endDate >= value.startDate;
const PERIOD_MESSAGE = { error: 'La fin de la période ne peut pas précéder son début.', path: ['endDate'] };

export const programmeCreateInput = programmeFields.refine(periodInOrder, PERIOD_MESSAGE);
// No defaults here: a field left out of an edit keeps its value (a default would reset the shares).
export const programmeUpdateInput = z
	.object(programmeShape)
	.partial()
	.extend({ programmeId: id, expectedVersion: version })
	.refine(periodInOrder, PERIOD_MESSAGE);

export const programmeDeleteInput = z.object({ programmeId: id, expectedVersion: version });

export const siret = z
	.string({ error: 'SIRET : texte attendu.' })
	.transform(normaliseSiret)
	.refine((v) => /^\d{14}$/.test(v), { error: 'SIRET : 14 chiffres attendus.', abort: true })
	.refine(isValidSiret, { error: 'SIRET invalide : la clé de contrôle ne correspond pas (vérifiez les chiffres).' });

export const beneficiaryInput = z.object({
	programmeId: id,
	beneficiaryId: id.optional(),
	name: text('Le nom du bénéficiaire', 200),
	siret: siret.nullish().transform((v) => v ?? null),
	isMember: z.boolean().default(false),
	contactName: optionalText('Le contact', 200),
	contactEmail: optionalText('L’e-mail du contact', 200),
	contactPhone: optionalText('Le téléphone du contact', 40),
	/** Required to edit an existing row: the version the edit is based on. */
	expectedVersion: version.optional()
});

export const priceLineInput = z.object({
	programmeId: id,
	priceLineId: id.optional(),
	code: text('Le code', 20),
	label: text('Le libellé', 200),
	kind: z.enum(['PROFILE_DAY', 'TRAINING', 'OTHER'], { error: 'Type de ligne inconnu.' }),
	unit: text('L’unité', 40),
	unitPriceHtCents: cents('Prix unitaire HT').min(1, { error: 'Prix unitaire : montant positif attendu.' }),
	/** Required to edit an existing line: the version the edit is based on. */
	expectedVersion: version.optional()
});

export const deleteBeneficiaryInput = z.object({ programmeId: id, beneficiaryId: id, expectedVersion: version });
export const deletePriceLineInput = z.object({ programmeId: id, priceLineId: id, expectedVersion: version });

export const grantInput = z.object({
	programmeId: id,
	email: text('L’e-mail', 200),
	role: z.enum(['MANAGER', 'VIEWER', 'BENEFICIARY'], { error: 'Rôle inconnu.' }),
	beneficiaryId: id.nullish().transform((v) => v ?? null)
});

export const attachInput = z.object({
	programmeId: id,
	missionId: id,
	beneficiaryId: id.nullish().transform((v) => v ?? null),
	confirmOverEnvelope: z.boolean().default(false),
	overEnvelopeReason: optionalText('La raison du dépassement', 500, true)
});

export const orderRequestInput = z.object({
	programmeId: id,
	beneficiaryId: id,
	title: text('L’objet de la commande', 300),
	need: optionalText('Le besoin', 5000, true)
});

export const quoteInput = z.object({
	orderId: id,
	expectedVersion: version,
	workStartDate: isoDate('Début des travaux'),
	deliverableDelayDays: z.union([z.literal(10), z.literal(20)], {
		error: 'Délai de remise des livrables : 10 ou 20 jours ouvrés.'
	}),
	lines: z
		.array(
			z.object({
				// The holder prices from the BPU only: the line's price comes from the price list.
				priceLineId: id,
				label: optionalText('Le libellé de la ligne', 200),
				phase: text('La phase', 200),
				deliverable: optionalText('Le livrable', 200),
				quantityHundredths: z
					.number({ error: 'Quantité attendue.' })
					.int({ error: 'Quantité : deux décimales au plus.' })
					.min(1, { error: 'Quantité : positive.' })
					.max(100_000, { error: 'Quantité trop élevée.' })
			})
		)
		.min(1, { error: 'Le devis doit avoir au moins une ligne.' })
		.max(200, { error: '200 lignes au plus.' }),
	confirmOverEnvelope: z.boolean().default(false),
	overEnvelopeReason: optionalText('La raison du dépassement', 500, true)
});

export const decideInput = z.object({
	orderId: id,
	expectedVersion: version,
	decision: z.enum(['VALIDATE', 'REFUSE'], { error: 'Décision inconnue.' }),
	reason: optionalText('Le motif', 1000, true)
});

export const purchaseOrderInput = z.object({
	orderId: id,
	expectedVersion: version,
	purchaseOrderRef: text('Le numéro du bon de commande', 60),
	purchaseOrderOn: isoDate('Date du bon de commande')
});

export const portfolioInput = z
	.object({
		programmeId: id.optional(),
		beneficiaryId: id.optional(),
		status: z.enum(['DRAFT', 'ACTIVE', 'COMPLETED', 'CANCELLED']).optional(),
		from: isoDate('Début de la période').optional(),
		to: isoDate('Fin de la période').optional()
	})
	.optional();

export const reportInput = z
	.object({ programmeId: id, from: isoDate('Début de la période'), to: isoDate('Fin de la période') })
	.refine((v) => v.to >= v.from, { error: 'La fin de la période ne peut pas précéder son début.', path: ['to'] });

export const programmeMissionInput = z.object({
	programmeId: id,
	beneficiaryId: id,
	templateId: z.enum(['builtin:support-service', 'builtin:framework-order'], { error: 'Modèle inconnu.' }),
	title: text('Le titre', 300),
	kickoffDate: isoDate('Date de démarrage'),
	/** The service's price on the programme's basis (HT or TTC, as its envelope). */
	amountCents: cents('Montant').min(1, { error: 'Montant : montant positif attendu.' }),
	confirmOverEnvelope: z.boolean().default(false),
	overEnvelopeReason: optionalText('La raison du dépassement', 500, true)
});
