// The whole Gantt chart as one standalone SVG (no pagination), with its own styles and a legend,
// ready to paste into a report.
import { addCalendarDays, daysBetween, formatDateFr, type IsoDate } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { chartRows, COLORS, GEOMETRY as G, LEGEND, monthsIn } from './layout';

const esc = (text: string) =>
	text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function ganttSvg(
	plan: MissionPlan,
	options: { includeTranches: boolean; exportedOn: IsoDate; dayWidth?: number }
): string {
	const rows = chartRows(plan, options.includeTranches);
	const dates = rows.flatMap((r) => [r.start, r.end, ...(r.deadline ? [r.deadline] : [])]).sort();
	const from = dates[0]!;
	const to = addCalendarDays(dates[dates.length - 1]!, 7);
	const dayWidth = options.dayWidth ?? 6;
	const left = G.margin + G.labelWidth;
	const x = (date: IsoDate) => left + daysBetween(from, date) * dayWidth;
	const rowsTop = G.headerTop + G.scaleHeight;
	const width = Math.ceil(x(to) + G.margin);
	const height = rowsTop + rows.length * G.rowHeight + G.legendHeight + G.margin;
	const parts: string[] = [];
	parts.push(
		`<text x="${G.margin}" y="${G.margin + 12}" font-size="14" font-weight="bold">${esc(plan.mission.title)}</text>`
	);
	parts.push(
		`<text x="${G.margin}" y="${G.margin + 28}" font-size="9" fill="#4b5563">${esc(`${plan.mission.clientOrganisation} — exporté le ${formatDateFr(options.exportedOn)}`)}</text>`
	);
	for (const m of monthsIn(from, to)) {
		parts.push(
			`<rect x="${x(m.start)}" y="${G.headerTop}" width="${x(m.end) - x(m.start)}" height="14" fill="none" stroke="#9ca3af" stroke-width="0.5"/>`
		);
		parts.push(`<text x="${x(m.start) + 3}" y="${G.headerTop + 10}" font-size="8">${esc(m.label)}</text>`);
	}
	rows.forEach((row, i) => {
		const top = rowsTop + i * G.rowHeight;
		const mid = top + G.rowHeight / 2;
		parts.push(
			`<text x="${G.margin}" y="${top + 11}" font-size="8"${row.kind === 'phase' ? ' font-weight="bold"' : ''}>${esc(row.label.trim())}</text>`
		);
		const start = x(row.start);
		const end = x(row.end) + dayWidth;
		if (row.kind === 'phase' || row.kind === 'task' || row.kind === 'week') {
			parts.push(
				`<rect x="${start}" y="${top + 3}" width="${end - start}" height="${G.rowHeight - 6}" fill="${COLORS[row.kind]}"/>`
			);
		} else if (row.kind === 'tranche') {
			parts.push(`<circle cx="${start + dayWidth / 2}" cy="${mid}" r="4" fill="${COLORS.tranche}"/>`);
		} else {
			const cx = start + dayWidth / 2;
			parts.push(
				`<polygon points="${cx},${mid - 5} ${cx + 5},${mid} ${cx},${mid + 5} ${cx - 5},${mid}" fill="${COLORS[row.kind]}"/>`
			);
		}
		if (row.deadline) {
			const dx = x(row.deadline) + dayWidth;
			parts.push(
				`<line x1="${dx}" x2="${dx}" y1="${top + 1}" y2="${top + G.rowHeight - 1}" stroke="#dc2626" stroke-width="1.5"/>`
			);
		}
	});
	let lx = G.margin;
	const ly = rowsTop + rows.length * G.rowHeight + 16;
	for (const [kind, label] of LEGEND) {
		parts.push(
			`<rect x="${lx}" y="${ly}" width="9" height="8" fill="${COLORS[kind]}"/><text x="${lx + 12}" y="${ly + 8}" font-size="8">${esc(label)}</text>`
		);
		lx += 20 + label.length * 4.5;
	}
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">` +
		`<rect width="100%" height="100%" fill="#fff"/>${parts.join('')}</svg>`
	);
}
