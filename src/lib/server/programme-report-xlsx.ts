// The 6-monthly report as an Excel workbook, from the same figures as the API's answer: volumes
// (overall and per beneficiary, by month, quarter, year), the orders, the BPU split, late steps,
// late deliverables and confirmed envelope overruns; real dates and amounts in euros with a currency format.
import ExcelJS from 'exceljs';
import type { programmeReport } from './programme-report';
import { DATE_FORMAT as DATE, EURO_FORMAT as EURO, euros, excelDate, sheet } from './spreadsheet';

type Report = Awaited<ReturnType<typeof programmeReport>>;

/** When an overrun was confirmed, as read in France: « 07/12/2026 23:52 ». */
const PARIS_DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
	dateStyle: 'short',
	timeStyle: 'short',
	timeZone: 'Europe/Paris'
});

export async function programmeReportWorkbook(report: Report): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Jalon';
	workbook.title = `${report.programme.title} — rapport du ${report.from} au ${report.to}`;
	// The summary first, as the buyer reads it.
	const total = workbook.addWorksheet('Synthèse');
	const volume = [
		{ header: 'Périmètre', key: 'scope', width: 40 },
		{ header: 'SIRET', key: 'siret', width: 18 },
		{ header: 'Période', key: 'period', width: 12 },
		{ header: 'Montant HT', key: 'ht', width: 16, format: EURO }
	];
	const volumeRows = (scope: string, siret: string | null, v: Report['byMonth']) =>
		v.map((r) => ({ scope, siret, period: r.period, ht: euros(r.htCents) }));
	for (const [name, key] of [
		['Volume par mois', 'byMonth'],
		['Volume par trimestre', 'byQuarter'],
		['Volume par année', 'byYear']
	] as const) {
		sheet(workbook, name, volume, [
			...volumeRows('Ensemble', null, report[key]),
			...report.beneficiaries.flatMap((b) => volumeRows(b.name, b.siret, b[key]))
		]);
	}
	sheet(
		workbook,
		'Commandes',
		[
			{ header: 'N°', key: 'number', width: 6 },
			{ header: 'Objet', key: 'title', width: 40 },
			{ header: 'Bénéficiaire', key: 'beneficiary', width: 30 },
			{ header: 'SIRET', key: 'siret', width: 18 },
			{ header: 'Statut', key: 'status', width: 22 },
			{ header: 'Demande (J)', key: 'requestedOn', width: 12, format: DATE },
			{ header: 'Devis', key: 'quoteSentOn', width: 12, format: DATE },
			{ header: 'Décision', key: 'decidedOn', width: 12, format: DATE },
			{ header: 'Bon de commande', key: 'purchaseOrderOn', width: 14, format: DATE },
			{ header: 'Montant HT', key: 'ht', width: 16, format: EURO },
			{ header: 'Compté dans le volume', key: 'counted', width: 12 },
			{ header: 'Étapes en retard', key: 'late', width: 40 },
			{ header: 'Livrables en retard', key: 'lateDeliverables', width: 40 }
		],
		report.orders.map((o) => ({
			...o,
			requestedOn: excelDate(o.requestedOn),
			quoteSentOn: excelDate(o.quoteSentOn),
			decidedOn: excelDate(o.decidedOn),
			purchaseOrderOn: excelDate(o.purchaseOrderOn),
			ht: euros(o.totalHtCents),
			counted: o.counted ? 'oui' : 'non',
			late: o.lateSteps.join(', '),
			lateDeliverables: o.lateDeliverables.join(', ')
		}))
	);
	sheet(
		workbook,
		'Lignes du BPU',
		[
			{ header: 'Code', key: 'code', width: 12 },
			{ header: 'Libellé', key: 'label', width: 40 },
			{ header: 'Quantité', key: 'quantity', width: 12, format: '#,##0.00' },
			{ header: 'Montant HT', key: 'ht', width: 16, format: EURO }
		],
		report.priceLines.map((l) => ({ ...l, quantity: l.quantityHundredths / 100, ht: euros(l.htCents) }))
	);
	sheet(
		workbook,
		'Retards',
		[
			{ header: 'Commande', key: 'orderNumber', width: 10 },
			{ header: 'Étape', key: 'step', width: 30 },
			{ header: 'Échéance', key: 'dueDate', width: 12, format: DATE },
			{ header: 'Réalisée le', key: 'doneOn', width: 12, format: DATE }
		],
		report.lateSteps.map((s) => ({ ...s, dueDate: excelDate(s.dueDate), doneOn: excelDate(s.doneOn) }))
	);
	sheet(
		workbook,
		'Livrables en retard',
		[
			{ header: 'Commande', key: 'orderNumber', width: 10 },
			{ header: 'Objet', key: 'orderTitle', width: 30 },
			{ header: 'Bénéficiaire', key: 'beneficiary', width: 30 },
			{ header: 'Livrable', key: 'number', width: 9 },
			{ header: 'Titre', key: 'title', width: 36 },
			{ header: 'Échéance', key: 'dueDate', width: 12, format: DATE },
			{ header: 'Remis le', key: 'doneOn', width: 12, format: DATE },
			{ header: 'Statut', key: 'status', width: 16 },
			{ header: 'Jours de retard', key: 'lateDays', width: 10 },
			{ header: 'Situation', key: 'standing', width: 36 }
		],
		report.lateDeliverables.map((d) => ({ ...d, dueDate: excelDate(d.dueDate), doneOn: excelDate(d.doneOn) }))
	);
	sheet(
		workbook,
		'Dépassements',
		[
			{ header: 'Le', key: 'at', width: 20 },
			{ header: 'Par', key: 'actorName', width: 24 },
			{ header: 'Engagé', key: 'committed', width: 16, format: EURO },
			{ header: 'Dépassement', key: 'over', width: 16, format: EURO },
			{ header: 'Raison', key: 'reason', width: 60 }
		],
		report.overruns.map((o) => ({
			...o,
			at: PARIS_DATE_TIME.format(new Date(o.at)),
			committed: euros(o.committedCents),
			over: euros(o.overCents)
		}))
	);
	total.addRows([
		['Programme', report.programme.title],
		['Titulaire', report.programme.owner],
		['Période', excelDate(report.from), excelDate(report.to)],
		['Volume HT de la période', euros(report.totalHtCents)]
	]);
	total.getColumn(1).width = 28;
	total.getColumn(2).width = 40;
	total.getCell('B4').numFmt = EURO;
	total.getCell('B3').numFmt = DATE;
	total.getCell('C3').numFmt = DATE;
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
