// CSV that Excel in French opens right: UTF-8 with a byte-order mark, ";" between fields,
// decimal comma, dates as dd/mm/yyyy, CRLF line ends.
import { formatDateFr, isIsoDate } from './dates';
import type { Cents } from './money';

export type CsvCell = string | number | null;

/** 600000 → "6000,00": a number Excel parses, without thousands separators or currency sign. */
export function centsToCsvNumber(cents: Cents): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** A number as centsToCsvNumber or a number cell writes it: a value, never a formula. */
const PLAIN_NUMBER = /^-?\d+(,\d+)?$/;
/** What spreadsheets read as the start of a formula (OWASP's list: = + - @ tab CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text typed by users (labels, invoice numbers) must not become a live formula in Excel or
 * LibreOffice (`=HYPERLINK(…)`, `@SUM(…)`): a leading apostrophe makes it plain text.
 */
export function neutraliseFormula(text: string): string {
	return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

function cell(value: CsvCell): string {
	if (value === null) return '';
	const text =
		typeof value === 'number'
			? String(value).replace('.', ',')
			: isIsoDate(value)
				? formatDateFr(value)
				: neutraliseFormula(value);
	return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
	return '\uFEFF' + rows.map((row) => row.map(cell).join(';')).join('\r\n') + '\r\n';
}
