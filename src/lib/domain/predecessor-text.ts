// The "Prédécesseurs" cell as French MS Project users type it: `3`, `3FD+2j`, `4DD`, `5FF-1j`,
// `6DF`, `7FD+3jé`, several separated by `;` (or `,`). A number is a row of the table (its
// outline number: `3` or `1.2`); FD / DD / FF / DF are finish-to-start, start-to-start,
// finish-to-finish and start-to-finish (the English FS / SS / SF are read too); `j` counts
// working days, `jé` elapsed (calendar) days. Pure: the table maps rows to task ids.
import type { LagUnit, LinkType } from './schedule';

export interface PredecessorEntry {
	/** The row's outline number, as typed: "3", "1.2". */
	row: string;
	type: LinkType;
	/** Negative for a lead. */
	lag: number;
	lagUnit: LagUnit;
}

export type PredecessorParse = { ok: true; entries: PredecessorEntry[] } | { ok: false; error: string };

/** The largest lag or lead the API accepts, in days. */
export const MAX_LAG_DAYS = 365;

const TYPES: Record<string, LinkType> = { FD: 'FS', DD: 'SS', FF: 'FF', DF: 'SF', FS: 'FS', SS: 'SS', SF: 'SF' };
const FRENCH: Record<LinkType, string> = { FS: 'FD', SS: 'DD', FF: 'FF', SF: 'DF' };

// row, then optionally a type, then optionally a signed lag with its unit.
const ENTRY = /^(\d+(?:\.\d+)*)\s*([a-z]{2})?\s*(?:([+-])\s*(\d+(?:[.,]\d+)?)\s*(jé|je|j)?)?$/i;

export function parsePredecessors(text: string): PredecessorParse {
	const entries: PredecessorEntry[] = [];
	const parts = text
		// A comma separates entries too, except in a decimal lag ("+1,5j", refused below).
		.split(/;|,(?!\d+\s*j)/i)
		.map((part) => part.trim())
		.filter((part) => part !== '');
	for (const part of parts) {
		const match = ENTRY.exec(part.normalize('NFC'));
		if (!match) {
			return {
				ok: false,
				error: `« ${part} » n’est pas un prédécesseur : un numéro de ligne, puis éventuellement FD, DD, FF ou DF et un décalage (ex. 3FD+2j).`
			};
		}
		const [, row, typed, sign, amount, unit] = match as unknown as [string, string, string?, string?, string?, string?];
		const type = typed ? TYPES[typed.toUpperCase()] : 'FS';
		if (!type) return { ok: false, error: `« ${part} » : type de lien inconnu « ${typed} » (FD, DD, FF ou DF).` };
		let lag = 0;
		if (sign && amount) {
			if (!/^\d+$/.test(amount)) return { ok: false, error: `« ${part} » : le décalage se compte en jours entiers.` };
			lag = Number(amount) * (sign === '-' ? -1 : 1);
			if (Math.abs(lag) > MAX_LAG_DAYS) {
				return { ok: false, error: `« ${part} » : décalage de ${MAX_LAG_DAYS} jours au plus.` };
			}
		}
		const lagUnit: LagUnit = unit && unit.toLowerCase() !== 'j' ? 'ELAPSED_DAYS' : 'WORKING_DAYS';
		if (entries.some((entry) => entry.row === row)) {
			return { ok: false, error: `La ligne ${row} figure deux fois parmi les prédécesseurs.` };
		}
		entries.push({ row, type, lag: lag === 0 ? 0 : lag, lagUnit });
	}
	return { ok: true, entries };
}

/** The cell's text for a task's predecessors: "3; 4DD; 5FF-1j; 7FD+3jé". */
export function formatPredecessors(entries: readonly PredecessorEntry[]): string {
	return entries.map(formatPredecessor).join('; ');
}

export function formatPredecessor(entry: PredecessorEntry): string {
	if (entry.lag === 0) return entry.type === 'FS' ? entry.row : `${entry.row}${FRENCH[entry.type]}`;
	const sign = entry.lag > 0 ? '+' : '-';
	const unit = entry.lagUnit === 'WORKING_DAYS' ? 'j' : 'jé';
	return `${entry.row}${FRENCH[entry.type]}${sign}${Math.abs(entry.lag)}${unit}`;
}
