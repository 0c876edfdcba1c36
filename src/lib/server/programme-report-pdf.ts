// The 6-monthly report as a PDF for the buyer (pdfkit, A4 portrait), from the same figures as the
// workbook: summary, volume by quarter and by month, per beneficiary (SIRET), the orders, the BPU
// split, late steps, late deliverables and confirmed overruns.
import PDFDocument from 'pdfkit';
import { formatDateFr } from '$lib/domain/dates';
import { formatEuros } from '$lib/domain/money';
import { withoutForbiddenCharacters } from '$lib/domain/text';
import { registerFonts } from './gantt-export/fonts';

/** The report embeds the chart's Unicode font (every letter prints); only control characters go. */
const printable = (text: string) => withoutForbiddenCharacters(text, 'single-line');
import type { programmeReport } from './programme-report';

type Report = Awaited<ReturnType<typeof programmeReport>>;

const MARGIN = 40;
/** printable() drops control characters, line breaks included: keep a cell's lines. */
const cellText = (text: string) => text.split('\n').map(printable).join('\n');
const WIDTH = 595;
const HEIGHT = 842;

export async function programmeReportPdf(report: Report): Promise<Buffer> {
	const doc = new PDFDocument({
		size: 'A4',
		margin: MARGIN,
		info: { Title: printable(`${report.programme.title} — rapport`), Creator: 'Jalon' }
	});
	registerFonts(doc);
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
	const euros = (cents: number) => printable(formatEuros(cents));
	const date = (d: string | null) => (d ? formatDateFr(d) : '—');

	const heading = (text: string) => {
		if (doc.y > HEIGHT - 120) doc.addPage();
		doc.moveDown(0.8).font('bold').fontSize(12).text(printable(text), MARGIN);
		doc.moveDown(0.3).font('regular').fontSize(9);
	};
	/** A simple table: columns with widths, right-aligned amounts, a new page when full. */
	const table = (columns: { label: string; width: number; right?: boolean }[], rows: string[][]) => {
		const line = (cells: string[], bold: boolean) => {
			if (doc.y > HEIGHT - 60) doc.addPage();
			const y = doc.y;
			let x = MARGIN;
			doc.font(bold ? 'bold' : 'regular').fontSize(8.5);
			let height = 0;
			cells.forEach((cell, i) => {
				const c = columns[i]!;
				const options = { width: c.width - 6, align: c.right ? ('right' as const) : ('left' as const) };
				doc.text(cellText(cell), x, y, options);
				height = Math.max(height, doc.heightOfString(cellText(cell), options));
				x += c.width;
			});
			doc.y = y + height + 4;
			doc
				.moveTo(MARGIN, doc.y - 2)
				.lineTo(WIDTH - MARGIN, doc.y - 2)
				.strokeColor('#e5e7eb')
				.stroke();
		};
		line(
			columns.map((c) => c.label),
			true
		);
		if (rows.length === 0) line(['Aucune ligne.'], false);
		for (const row of rows) line(row, false);
		doc.x = MARGIN;
	};

	doc.font('bold').fontSize(16).text(printable(report.programme.title));
	doc
		.font('regular')
		.fontSize(10)
		.text(printable(`Titulaire : ${report.programme.owner}`))
		.text(printable(`Rapport du ${date(report.from)} au ${date(report.to)}`))
		.moveDown(0.5)
		.font('bold')
		.text(printable(`Volume d’affaires de la période : ${euros(report.totalHtCents)} HT`));

	heading('Volume par trimestre et par mois');
	table(
		[
			{ label: 'Période', width: 120 },
			{ label: 'Montant HT', width: 120, right: true }
		],
		[...report.byYear, ...report.byQuarter, ...report.byMonth].map((v) => [v.period, euros(v.htCents)])
	);

	heading('Par bénéficiaire');
	table(
		[
			{ label: 'Bénéficiaire', width: 190 },
			{ label: 'SIRET', width: 100 },
			{ label: 'Par trimestre', width: 125 },
			{ label: 'Total HT', width: 100, right: true }
		],
		report.beneficiaries.map((b) => [
			b.name,
			b.siret ?? '—',
			b.byQuarter.map((q) => `${q.period} : ${euros(q.htCents)}`).join('\n'),
			euros(b.totalHtCents)
		])
	);

	heading('Commandes');
	table(
		[
			{ label: 'N°', width: 25 },
			{ label: 'Objet / bénéficiaire', width: 150 },
			{ label: 'Statut', width: 75 },
			{ label: 'Demande', width: 55 },
			{ label: 'Devis', width: 55 },
			{ label: 'Décision', width: 55 },
			{ label: 'Montant HT', width: 100, right: true }
		],
		report.orders.map((o) => [
			String(o.number),
			[
				o.title,
				o.beneficiary,
				...(o.lateSteps.length ? [`En retard : ${o.lateSteps.join(', ')}`] : []),
				...o.lateDeliverables
			].join('\n'),
			o.status,
			date(o.requestedOn),
			date(o.quoteSentOn),
			date(o.decidedOn),
			`${euros(o.totalHtCents)}${o.counted ? '' : '\n(hors volume)'}`
		])
	);

	heading('Répartition sur le bordereau des prix (BPU)');
	table(
		[
			{ label: 'Code', width: 60 },
			{ label: 'Libellé', width: 250 },
			{ label: 'Quantité', width: 80, right: true },
			{ label: 'Montant HT', width: 125, right: true }
		],
		report.priceLines.map((l) => [
			l.code,
			l.label,
			(l.quantityHundredths / 100).toLocaleString('fr-FR'),
			euros(l.htCents)
		])
	);

	heading('Étapes en retard');
	table(
		[
			{ label: 'Commande', width: 60 },
			{ label: 'Étape', width: 215 },
			{ label: 'Échéance', width: 120 },
			{ label: 'Réalisée le', width: 120 }
		],
		report.lateSteps.map((s) => [`n° ${s.orderNumber}`, s.step, date(s.dueDate), date(s.doneOn)])
	);

	heading('Livrables en retard');
	table(
		[
			{ label: 'Commande', width: 60 },
			{ label: 'Livrable', width: 175 },
			{ label: 'Échéance', width: 60 },
			{ label: 'Remis le', width: 60 },
			{ label: 'Situation', width: 160 }
		],
		report.lateDeliverables.map((d) => [
			`n° ${d.orderNumber}`,
			`${d.number}. ${d.title}\n${d.beneficiary}`,
			date(d.dueDate),
			date(d.doneOn),
			`${d.standing} (${d.status})`
		])
	);

	if (report.overruns.length > 0) {
		heading('Dépassements de l’enveloppe confirmés');
		table(
			[
				{ label: 'Par', width: 120 },
				{ label: 'Dépassement', width: 100, right: true },
				{ label: 'Raison', width: 295 }
			],
			report.overruns.map((o) => [o.actorName, euros(o.overCents), o.reason])
		);
	}
	doc.end();
	return done;
}
