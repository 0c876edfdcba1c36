// The Gantt chart as a vector PDF (pdfkit): A4 or A3 landscape, title, export date, legend,
// page numbers; text stays text, so it can be searched and copied.
import PDFDocument from 'pdfkit';
import { addCalendarDays, daysBetween, formatDateFr, type IsoDate } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import {
	chartRows,
	COLORS,
	GEOMETRY as G,
	LEGEND,
	monthsIn,
	PAPER,
	paginate,
	printable,
	type PaperSize
} from './layout';

export async function ganttPdf(
	plan: MissionPlan,
	options: { paper: PaperSize; includeTranches: boolean; exportedOn: IsoDate }
): Promise<Buffer> {
	const { width, height } = PAPER[options.paper];
	const { pages, dayWidth } = paginate(chartRows(plan, options.includeTranches), options.paper);
	const doc = new PDFDocument({
		size: [width, height],
		margin: 0,
		autoFirstPage: false,
		info: { Title: printable(plan.mission.title), Creator: 'Jalon' }
	});
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

	for (const page of pages) {
		doc.addPage({ size: [width, height], margin: 0 });
		const left = G.margin + G.labelWidth;
		const x = (date: IsoDate) => left + daysBetween(page.from, date) * dayWidth;
		const right = x(page.to);
		doc
			.font('Helvetica-Bold')
			.fontSize(13)
			.fillColor('#111827')
			.text(printable(plan.mission.title), G.margin, G.margin, {
				width: width - 2 * G.margin,
				height: 18,
				ellipsis: true
			});
		doc
			.font('Helvetica')
			.fontSize(8)
			.fillColor('#4b5563')
			.text(
				printable(
					`${plan.mission.clientOrganisation} — exporté le ${formatDateFr(options.exportedOn)} — du ${formatDateFr(page.from)} au ${formatDateFr(page.to)} — page ${page.index}/${page.count}`
				),
				G.margin,
				G.margin + 20
			);
		// Time scale: months above, Monday of each week below, light weekly grid.
		const scaleTop = G.headerTop;
		const rowsTop = scaleTop + G.scaleHeight;
		const rowsBottom = rowsTop + page.rows.length * G.rowHeight;
		for (const month of monthsIn(page.from, page.to)) {
			doc
				.rect(x(month.start), scaleTop, x(month.end) - x(month.start), 14)
				.lineWidth(0.5)
				.strokeColor('#9ca3af')
				.stroke();
			doc
				.fontSize(7)
				.fillColor('#111827')
				.text(printable(month.label), x(month.start) + 2, scaleTop + 4, {
					width: x(month.end) - x(month.start) - 4,
					height: 9,
					ellipsis: true
				});
		}
		for (let day = 0; day < daysBetween(page.from, page.to); day += 7) {
			const wx = left + day * dayWidth;
			doc
				.moveTo(wx, scaleTop + 14)
				.lineTo(wx, rowsBottom)
				.lineWidth(0.3)
				.strokeColor('#e5e7eb')
				.stroke();
			if (7 * dayWidth >= 18) {
				doc
					.fontSize(6)
					.fillColor('#6b7280')
					.text(formatDateFr(addCalendarDays(page.from, day)).slice(0, 5), wx + 1, scaleTop + 18, {
						width: 7 * dayWidth - 2,
						height: 8,
						lineBreak: false
					});
			}
		}
		page.rows.forEach((row, i) => {
			const top = rowsTop + i * G.rowHeight;
			if (i % 2 === 1)
				doc
					.rect(G.margin, top, right - G.margin, G.rowHeight)
					.fillColor('#f9fafb')
					.fill();
			doc
				.font(row.kind === 'phase' ? 'Helvetica-Bold' : 'Helvetica')
				.fontSize(7)
				.fillColor(row.kind === 'deliverable-late' ? '#b91c1c' : '#111827');
			doc.text(row.label, G.margin + 2, top + 4, {
				width: G.labelWidth - 6,
				height: 9,
				ellipsis: true,
				lineBreak: false
			});
			const start = x(row.start);
			const end = x(row.end) + dayWidth;
			const mid = top + G.rowHeight / 2;
			const visible = end > left && start < right;
			if (visible) {
				const sx = Math.max(start, left);
				const ex = Math.min(end, right);
				if (row.kind === 'phase' || row.kind === 'task' || row.kind === 'week') {
					doc
						.rect(sx, top + 3, Math.max(1, ex - sx), G.rowHeight - 6)
						.fillColor(COLORS[row.kind])
						.fill();
					if (row.progress > 0 && row.kind === 'task') {
						doc
							.rect(sx, top + 3, Math.max(1, (ex - sx) * (row.progress / 100)), G.rowHeight - 6)
							.fillColor('#2563eb')
							.fill();
					}
				} else if (row.kind === 'tranche') {
					doc
						.circle(start + dayWidth / 2, mid, 4)
						.fillColor(COLORS.tranche)
						.fill();
				} else {
					const cx = start + dayWidth / 2;
					doc
						.polygon([cx, mid - 5], [cx + 5, mid], [cx, mid + 5], [cx - 5, mid])
						.fillColor(COLORS[row.kind])
						.fill();
				}
			}
			if (row.deadline && x(row.deadline) >= left && x(row.deadline) <= right) {
				const dx = x(row.deadline) + dayWidth;
				doc
					.moveTo(dx, top + 1)
					.lineTo(dx, top + G.rowHeight - 1)
					.lineWidth(1.2)
					.strokeColor('#dc2626')
					.stroke();
			}
		});
		doc
			.rect(G.margin, scaleTop, right - G.margin, rowsBottom - scaleTop)
			.lineWidth(0.5)
			.strokeColor('#9ca3af')
			.stroke();
		// Legend.
		let lx = G.margin;
		const ly = height - G.margin - 12;
		for (const [kind, label] of [...LEGEND, ['deadline', 'Échéance contractuelle'] as const]) {
			if (kind === 'deadline') {
				doc
					.moveTo(lx + 4, ly - 1)
					.lineTo(lx + 4, ly + 9)
					.lineWidth(1.2)
					.strokeColor('#dc2626')
					.stroke();
			} else {
				doc.rect(lx, ly, 9, 8).fillColor(COLORS[kind]).fill();
			}
			doc
				.font('Helvetica')
				.fontSize(7)
				.fillColor('#374151')
				.text(label, lx + 12, ly + 1, { lineBreak: false });
			lx += 16 + doc.widthOfString(label) + 10;
		}
	}
	doc.end();
	return done;
}
