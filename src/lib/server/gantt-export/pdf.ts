// The Gantt chart as a vector PDF (pdfkit): A4 or A3 landscape, title, export date, legend, page
// numbers; text stays text (searchable, copyable) in the embedded DejaVu font. Each page replays
// the scene the SVG export draws.
import PDFDocument from 'pdfkit';
import { formatDateFr, type IsoDate } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { registerFonts } from './fonts';
import { buildScene, chartLinks, chartRows, lastDayOf, PAPER, paginate, type PaperSize, type Scene } from './layout';

function drawScene(doc: PDFKit.PDFDocument, scene: Scene): void {
	for (const s of scene.shapes) {
		switch (s.type) {
			case 'rect':
				doc.rect(s.x, s.y, s.w, s.h);
				if (s.fill && s.stroke) doc.lineWidth(s.lineWidth ?? 1).fillAndStroke(s.fill, s.stroke);
				else if (s.fill) doc.fillColor(s.fill).fill();
				else if (s.stroke)
					doc
						.lineWidth(s.lineWidth ?? 1)
						.strokeColor(s.stroke)
						.stroke();
				break;
			case 'line':
				doc.moveTo(s.x1, s.y1).lineTo(s.x2, s.y2).lineWidth(s.lineWidth).strokeColor(s.stroke).stroke();
				break;
			case 'polyline': {
				const [first, ...rest] = s.points;
				doc.moveTo(first![0], first![1]);
				for (const [a, b] of rest) doc.lineTo(a, b);
				if (s.dash) doc.dash(s.dash[0], { space: s.dash[1] });
				doc.lineWidth(s.lineWidth).strokeColor(s.stroke).stroke();
				if (s.dash) doc.undash();
				break;
			}
			case 'polygon':
				doc
					.polygon(...s.points)
					.fillColor(s.fill)
					.fill();
				break;
			case 'circle':
				doc.circle(s.cx, s.cy, s.r).fillColor(s.fill).fill();
				break;
			case 'text':
				// Clipped to its box as well as fitted: nothing runs over the next column.
				doc.save();
				doc.rect(s.x, s.y - 1, s.width, s.size * 1.4).clip();
				doc
					.font(s.bold ? 'bold' : 'regular')
					.fontSize(s.size)
					.fillColor(s.color)
					.text(s.text, s.x, s.y, { lineBreak: false });
				doc.restore();
				break;
		}
	}
}

/** The scene of each PDF page, in order. */
export function ganttPdfScenes(
	plan: MissionPlan,
	options: { paper: PaperSize; includeTranches: boolean; exportedOn: IsoDate }
): Scene[] {
	const size = PAPER[options.paper];
	const rows = chartRows(plan, options.includeTranches);
	const links = chartLinks(plan);
	const { pages, dayWidth } = paginate(rows, options.paper, links);
	return pages.map((page) =>
		buildScene({
			title: plan.mission.title,
			subtitle: `${plan.mission.clientOrganisation} — exporté le ${formatDateFr(options.exportedOn)} — du ${formatDateFr(page.from)} au ${formatDateFr(lastDayOf(page))} — page ${page.index}/${page.count}`,
			from: page.from,
			to: page.to,
			rows: page.rows,
			allRows: rows,
			firstRow: page.firstRow,
			dayWidth,
			links,
			includeTranches: options.includeTranches,
			size
		})
	);
}

export async function ganttPdf(
	plan: MissionPlan,
	options: { paper: PaperSize; includeTranches: boolean; exportedOn: IsoDate }
): Promise<Buffer> {
	const size = PAPER[options.paper];
	const doc = new PDFDocument({
		size: [size.width, size.height],
		margin: 0,
		autoFirstPage: false,
		info: { Title: plan.mission.title, Creator: 'Jalon' }
	});
	registerFonts(doc);
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
	for (const scene of ganttPdfScenes(plan, options)) {
		doc.addPage({ size: [size.width, size.height], margin: 0 });
		drawScene(doc, scene);
	}
	doc.end();
	return done;
}
