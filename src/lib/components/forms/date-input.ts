// Reading a date typed the French way ("15/12/2025", "5/1/2026", or "2025-12-15" pasted), with the
// French reason when it cannot be accepted. Only called once the field is left or on Enter.
import { EARLIEST_DATE, LATEST_DATE, formatDateFr, isDateInRange, isIsoDate, type IsoDate } from '$lib/domain/dates';

export type DateReading = { ok: true; date: IsoDate | null } | { ok: false; message: string };

const FRENCH = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function readFrenchDate(text: string, label = 'Date'): DateReading {
	const value = text.trim();
	if (!value) return { ok: true, date: null };
	let iso: string | null = null;
	const french = FRENCH.exec(value);
	if (french) iso = `${french[3]}-${french[2]!.padStart(2, '0')}-${french[1]!.padStart(2, '0')}`;
	else if (ISO.test(value)) iso = value;
	if (!iso)
		return { ok: false, message: `${label} : écrivez la date sous la forme JJ/MM/AAAA (par exemple 15/12/2025).` };
	if (!isIsoDate(iso)) return { ok: false, message: `${label} : le ${value} n’existe pas dans le calendrier.` };
	if (!isDateInRange(iso)) {
		return {
			ok: false,
			message: `${label} : la date doit être entre le ${formatDateFr(EARLIEST_DATE)} et le ${formatDateFr(LATEST_DATE)}.`
		};
	}
	return { ok: true, date: iso };
}
