// The whole Gantt chart as one standalone SVG (no pagination), with a legend, ready to paste into
// a report; the browser draws it on a canvas for the PNG. Drawn from the same scene as the PDF.
import { addCalendarDays, formatDateFr, mondayOf, type IsoDate } from '$lib/domain/dates';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { FONT_FAMILY } from './fonts';
import { buildScene, chartLinks, chartRows, lastDayOf, type Scene } from './layout';

const esc = (text: string) =>
	text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const n = (v: number) => String(Math.round(v * 100) / 100);

/** SVG markup of a scene. Every text is clipped to its box, whatever font the viewer substitutes. */
export function sceneToSvg(scene: Scene): string {
	const defs: string[] = [];
	const body: string[] = [];
	scene.shapes.forEach((s, i) => {
		switch (s.type) {
			case 'rect':
				body.push(
					`<rect x="${n(s.x)}" y="${n(s.y)}" width="${n(s.w)}" height="${n(s.h)}" fill="${s.fill ?? 'none'}"${s.stroke ? ` stroke="${s.stroke}" stroke-width="${s.lineWidth ?? 1}"` : ''}/>`
				);
				break;
			case 'line':
				body.push(
					`<line x1="${n(s.x1)}" y1="${n(s.y1)}" x2="${n(s.x2)}" y2="${n(s.y2)}" stroke="${s.stroke}" stroke-width="${s.lineWidth}"/>`
				);
				break;
			case 'polyline':
				body.push(
					`<polyline points="${s.points.map(([a, b]) => `${n(a)},${n(b)}`).join(' ')}" fill="none" stroke="${s.stroke}" stroke-width="${s.lineWidth}"${s.dash ? ` stroke-dasharray="${s.dash.join(' ')}"` : ''}${s.link ? ` data-link="${esc(s.link)}"` : ''}/>`
				);
				break;
			case 'polygon':
				// Arrowheads are paths, so markers (deliverables, milestones) stay countable as polygons.
				body.push(
					s.role === 'arrow'
						? `<path d="M${s.points.map(([a, b]) => `${n(a)} ${n(b)}`).join(' L')} Z" fill="${s.fill}"${s.link ? ` data-link="${esc(s.link)}"` : ''}/>`
						: `<polygon points="${s.points.map(([a, b]) => `${n(a)},${n(b)}`).join(' ')}" fill="${s.fill}"/>`
				);
				break;
			case 'circle':
				body.push(`<circle cx="${n(s.cx)}" cy="${n(s.cy)}" r="${n(s.r)}" fill="${s.fill}"/>`);
				break;
			case 'text':
				defs.push(
					`<clipPath id="t${i}"><rect x="${n(s.x)}" y="${n(s.y - 1)}" width="${n(s.width)}" height="${n(s.size * 1.4)}"/></clipPath>`
				);
				body.push(
					`<text x="${n(s.x)}" y="${n(s.y + s.size * 0.95)}" font-size="${s.size}"${s.bold ? ' font-weight="bold"' : ''} fill="${s.color}" clip-path="url(#t${i})">${esc(s.text)}</text>`
				);
				break;
		}
	});
	return (
		`<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" font-family="'${FONT_FAMILY}', 'DejaVu Sans', 'Arial Narrow', sans-serif">` +
		`<defs>${defs.join('')}</defs><rect width="100%" height="100%" fill="#fff"/>${body.join('')}</svg>`
	);
}

export function ganttSvg(
	plan: MissionPlan,
	options: { includeTranches: boolean; exportedOn: IsoDate; dayWidth?: number }
): string {
	return sceneToSvg(ganttSvgScene(plan, options));
}

/** The scene the SVG (and so the PNG) draws: the whole chart on one page. */
export function ganttSvgScene(
	plan: MissionPlan,
	options: { includeTranches: boolean; exportedOn: IsoDate; dayWidth?: number }
): Scene {
	const rows = chartRows(plan, options.includeTranches);
	const dates = rows.flatMap((r) => [r.start, r.end, ...(r.deadline ? [r.deadline] : [])]).sort();
	const from = mondayOf(dates[0]!);
	const to = addCalendarDays(mondayOf(dates[dates.length - 1]!), 7);
	return buildScene({
		title: plan.mission.title,
		subtitle: `${plan.mission.clientOrganisation} — exporté le ${formatDateFr(options.exportedOn)} — du ${formatDateFr(from)} au ${formatDateFr(lastDayOf({ to }))}`,
		from,
		to,
		rows,
		dayWidth: options.dayWidth ?? 6,
		links: chartLinks(plan),
		includeTranches: options.includeTranches,
		size: null
	});
}
