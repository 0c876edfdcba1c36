// CSV export of a mission's tranches and cost lines, for Excel in French.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { centsToCsvNumber, toCsv, type CsvCell } from '$lib/domain/csv';
import { serverCaller } from '$lib/server/caller';
import { pageError } from '$lib/server/page-error';

export const GET: RequestHandler = async (event) => {
	if (!event.locals.user) error(401, { message: 'Connectez-vous pour continuer.' });
	const caller = await serverCaller(event);
	const view = await caller.finance.get({ missionId: event.params.id }).catch(pageError);
	const rows: CsvCell[][] = [
		['Tranches de paiement'],
		[
			'Tranche',
			'Part (%)',
			'Déclencheur',
			'Date attendue',
			'Montant HT (€)',
			'Montant TTC (€)',
			'N° de facture',
			'Date de facture',
			'Échéance de paiement',
			'Payé (€)',
			'Reste dû (€)',
			'Statut'
		],
		...view.tranches.map((t) => [
			t.label,
			t.percentBp / 100,
			t.triggerLabel,
			t.expectedDate,
			centsToCsvNumber(t.amountHtCents),
			centsToCsvNumber(t.amountTtcCents),
			t.invoiceNumber,
			t.invoiceDate,
			t.dueDate,
			centsToCsvNumber(t.paidCents),
			centsToCsvNumber(t.outstandingCents),
			t.statusLabel
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
		['Total', null, null, null, null, centsToCsvNumber(view.costPlan.planned.htCents)]
	];
	const slug = (view.mission.reference ?? view.mission.id).replace(/[^\w-]+/g, '-');
	return new Response(toCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="jalon-finances-${slug}.csv"`
		}
	});
};
