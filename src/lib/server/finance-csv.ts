// The finance CSV (tranches and cost plan) for Excel in French: semicolons, decimal commas.
import { centsToCsvNumber, toCsv, type CsvCell } from '$lib/domain/csv';
import { today } from '$lib/domain/dates';
import type { FinanceView } from '$lib/domain/finance-view';

export const OVER_CAP_KIND: Record<string, string> = { COST_PLAN: 'Plan de charge', CONTRACT: 'Montant du marché' };

export function financeCsv(view: FinanceView): string {
	const rows: CsvCell[][] = [
		['Tranches de paiement'],
		[
			'Tranche',
			'Part (%)',
			'Déclencheur',
			'Date attendue',
			'Montant HT (€)',
			'TVA (€)',
			'Montant TTC (€)',
			'N° de facture',
			'Date de facture',
			'Échéance de paiement',
			'Payé (€)',
			'Reste dû (€)',
			'Statut',
			'Jours de retard',
			'Intérêts de retard (€)',
			'Indemnité forfaitaire (€)',
			// Appended so earlier columns keep their place; the amounts above are the net invoiced.
			'Type',
			`Montant brut ${view.contractBasis} (€)`,
			`Avance récupérée ${view.contractBasis} (€)`
		],
		...view.tranches.map((t) => [
			t.label,
			t.percentBp / 100,
			t.triggerLabel,
			t.expectedDate,
			centsToCsvNumber(t.amountHtCents),
			centsToCsvNumber(t.vatCents),
			centsToCsvNumber(t.amountTtcCents),
			t.invoiceNumber,
			t.invoiceDate,
			t.dueDate,
			centsToCsvNumber(t.paidCents),
			centsToCsvNumber(t.outstandingCents),
			t.statusLabel,
			t.lateInterest?.daysLate ?? null,
			t.lateInterest ? centsToCsvNumber(t.lateInterest.interestCents) : null,
			t.lateInterest ? centsToCsvNumber(t.lateInterest.feeCents) : null,
			t.kindLabel,
			t.kind === 'AVANCE' ? null : centsToCsvNumber(t.grossCents),
			t.kind === 'AVANCE' ? null : centsToCsvNumber(t.advanceRecoveredCents)
		]),
		[],
		['Plan de charge'],
		['Phase', 'Ligne', 'Profil', 'Jours', 'Coût fixe HT (€)', 'Montant HT (€)'],
		...view.costPlan.lines.map((l) => [
			l.phaseName,
			l.label,
			l.profileName,
			l.dayHundredths / 100,
			centsToCsvNumber(l.fixedAmountHtCents),
			centsToCsvNumber(l.amountHtCents)
		]),
		['Total', null, null, null, null, centsToCsvNumber(view.costPlan.planned.htCents)],
		[],
		['Dépassements du plafond confirmés'],
		['Date', 'Objet', `Montant ${view.mission.capBasis} (€)`, 'Dépassement (€)', 'Motif', 'Par'],
		...view.overCapApprovals.map((a) => [
			today(new Date(a.createdAt)),
			OVER_CAP_KIND[a.kind] ?? a.kind,
			centsToCsvNumber(a.planAmountCents),
			centsToCsvNumber(a.overCents),
			a.comment,
			a.actorName
		])
	];
	return toCsv(rows);
}
