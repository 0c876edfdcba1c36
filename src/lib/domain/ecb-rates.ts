// The ECB main refinancing operations (MRO) rate, as published by the ECB, so late-payment interest
// is right without anyone typing a rate. French law takes the rate in force on the first day of
// the half-year (1 January or 1 July) the delay starts in (Code de la commande publique,
// R. 2192-31; Code de commerce, L. 441-10). An administrator enters the rates after the last known
// one (and may correct any half-year): an entered rate wins over this table.
import type { IsoDate } from './dates';
import { halfYearStart } from './late-payment';
import type { BasisPoints } from './money';

/**
 * Every change of the MRO rate since the one in force at the start of 2008: the day it took
 * effect (the settlement of the first operation at the new rate) and the rate. Source: ECB, « Key
 * ECB interest rates ». The fixed-rate tender started on 15 October 2008 (3,75 %).
 */
export const ECB_MRO_CHANGES: readonly (readonly [IsoDate, BasisPoints])[] = [
	['2007-06-13', 400],
	['2008-07-09', 425],
	['2008-10-15', 375],
	['2008-11-12', 325],
	['2008-12-10', 250],
	['2009-01-21', 200],
	['2009-03-11', 150],
	['2009-04-08', 125],
	['2009-05-13', 100],
	['2011-04-13', 125],
	['2011-07-13', 150],
	['2011-11-09', 125],
	['2011-12-14', 100],
	['2012-07-11', 75],
	['2013-05-08', 50],
	['2013-11-13', 25],
	['2014-06-11', 15],
	['2014-09-10', 5],
	['2016-03-16', 0],
	['2022-07-27', 50],
	['2022-09-14', 125],
	['2022-11-02', 200],
	['2022-12-21', 250],
	['2023-02-08', 300],
	['2023-03-22', 350],
	['2023-05-10', 375],
	['2023-06-21', 400],
	['2023-08-02', 425],
	['2023-09-20', 450],
	['2024-06-19', 425],
	['2024-09-18', 365],
	['2024-10-23', 340],
	['2024-12-18', 315],
	['2025-02-05', 290],
	['2025-03-12', 265],
	['2025-04-23', 240],
	['2025-06-11', 215]
];

/** The first half-year the table covers, and the last one it knows the rate of. */
export const PUBLISHED_FROM: IsoDate = '2008-01-01';
/** The ECB kept 2,15 % at its meetings up to December 2025: the rate in force on 1 January 2026. */
export const PUBLISHED_UNTIL: IsoDate = '2026-01-01';

/** The MRO rate in force on `date` (within the table's span), else null. */
export function ecbRateInForce(date: IsoDate): BasisPoints | null {
	if (date < ECB_MRO_CHANGES[0]![0] || date > PUBLISHED_UNTIL) return null;
	let rate: BasisPoints | null = null;
	for (const [from, bp] of ECB_MRO_CHANGES) {
		if (from > date) break;
		rate = bp;
	}
	return rate;
}

/** The published rate of every half-year from PUBLISHED_FROM to PUBLISHED_UNTIL, by its first day. */
export function publishedHalfYearRates(): Map<IsoDate, BasisPoints> {
	const rates = new Map<IsoDate, BasisPoints>();
	for (let year = Number(PUBLISHED_FROM.slice(0, 4)); ; year++) {
		for (const start of [`${year}-01-01`, `${year}-07-01`]) {
			if (start > PUBLISHED_UNTIL) return rates;
			rates.set(start, ecbRateInForce(start)!);
		}
	}
}

export type EcbRateSource = 'PUBLISHED' | 'ENTERED';

export interface HalfYearEcbRate {
	halfYearStart: IsoDate;
	rateBp: BasisPoints;
	/** From the ECB's published table, or entered by an administrator (which wins). */
	source: EcbRateSource;
}

/** The rates late-payment interest uses: the published table, with every entered rate on top. */
export function effectiveEcbRates(
	entered: readonly { halfYearStart: IsoDate; rateBp: BasisPoints }[]
): HalfYearEcbRate[] {
	const byStart = new Map<IsoDate, HalfYearEcbRate>();
	for (const [start, rateBp] of publishedHalfYearRates())
		byStart.set(start, { halfYearStart: start, rateBp, source: 'PUBLISHED' });
	for (const r of entered)
		byStart.set(r.halfYearStart, { halfYearStart: r.halfYearStart, rateBp: r.rateBp, source: 'ENTERED' });
	return [...byStart.values()].sort((a, b) => a.halfYearStart.localeCompare(b.halfYearStart));
}

/** The first half-year after the last known rate: the one an administrator should enter next. */
export function nextMissingHalfYear(rates: readonly HalfYearEcbRate[], today: IsoDate): IsoDate | null {
	const current = halfYearStart(today);
	const known = new Set(rates.map((r) => r.halfYearStart));
	let start = PUBLISHED_UNTIL;
	while (start <= current) {
		if (!known.has(start)) return start;
		start = start.slice(5) === '01-01' ? `${start.slice(0, 4)}-07-01` : `${Number(start.slice(0, 4)) + 1}-01-01`;
	}
	return null;
}
