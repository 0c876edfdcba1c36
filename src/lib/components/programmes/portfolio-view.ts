// Where the portfolio chart opens, and the names shown beside its bars (pure: tested on its own).
import { addCalendarDays, type IsoDate } from '$lib/domain/dates';
import { missionOfRow } from './portfolio-rows';

/**
 * The date the chart scrolls to first: a little before today when today is within the missions'
 * span, else the start of that span (the first bar), so that the first view always shows bars.
 */
export function portfolioOpening(spans: readonly { start: IsoDate; end: IsoDate }[], today: IsoDate): IsoDate | null {
	if (spans.length === 0) return null;
	let first = spans[0]!.start;
	let last = spans[0]!.end;
	for (const span of spans) {
		if (span.start < first) first = span.start;
		if (span.end > last) last = span.end;
	}
	if (today < first || today > last) return first;
	// A month of context before today, never before the first bar.
	const before = addCalendarDays(today, -30);
	return before < first ? first : before;
}

/** A row's name for the column beside the chart (the chart's names are escaped HTML). */
export interface NameRow {
	id: string;
	/** Set on a mission's own row. */
	missionId: string | null;
	name: string;
}

const unescape = (html: string) => html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

export function nameRows(
	rows: readonly { id: string; name: string }[],
	titles: ReadonlyMap<string, string>
): NameRow[] {
	return rows.map((row) => {
		const missionId = missionOfRow(row.id);
		return { id: row.id, missionId, name: missionId ? (titles.get(missionId) ?? '') : unescape(row.name) };
	});
}
