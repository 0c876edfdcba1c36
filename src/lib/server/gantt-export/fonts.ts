// The chart's font: DejaVu Sans Condensed from the npm package dejavu-fonts-ttf (Bitstream Vera
// licence, free to embed), so every Latin, Greek and Cyrillic letter prints ("Łódź, Timișoara,
// Gdańsk") and text is measured with the very font the PDF embeds.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
export const FONT_FILES = {
	regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf'),
	bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf')
};
export const FONT_FAMILY = 'DejaVu Sans Condensed';

/** Registers the two faces on a pdfkit document as "regular" and "bold". */
export function registerFonts(doc: PDFKit.PDFDocument): void {
	doc.registerFont('regular', FONT_FILES.regular);
	doc.registerFont('bold', FONT_FILES.bold);
}

let measurer: PDFKit.PDFDocument | null = null;
/** Width of a text in points at a size, in the chart's font. */
export function textWidth(text: string, size: number, bold = false): number {
	if (!measurer) {
		measurer = new PDFDocument({ autoFirstPage: false });
		registerFonts(measurer);
	}
	return measurer
		.font(bold ? 'bold' : 'regular')
		.fontSize(size)
		.widthOfString(text);
}

/** The text, cut with an ellipsis to fit `width` points (empty when not even "…" fits). */
export function fitText(text: string, width: number, size: number, bold = false): string {
	if (textWidth(text, size, bold) <= width) return text;
	const chars = [...text];
	let low = 0;
	let high = chars.length;
	while (low < high) {
		const mid = Math.ceil((low + high) / 2);
		if (textWidth(`${chars.slice(0, mid).join('').trimEnd()}…`, size, bold) <= width) low = mid;
		else high = mid - 1;
	}
	if (low === 0) return textWidth('…', size, bold) <= width ? '…' : '';
	return `${chars.slice(0, low).join('').trimEnd()}…`;
}
