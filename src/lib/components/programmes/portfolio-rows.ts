// The portfolio chart's rows: one per mission (its span, its next milestone, coloured by its
// worst deliverable), unfolding into its phases, its deliverables (coloured by status) and its
// tranche markers. frappe-gantt draws one bar per row and inserts names as HTML: names are escaped.
import type { GanttTask } from 'frappe-gantt';
import { formatDateFr } from '$lib/domain/dates';
import { escapeHtml } from '../gantt/gantt-rows';

export type Flag = 'RED' | 'AMBER' | 'GREEN';

export interface PortfolioMission {
	id: string;
	title: string;
	start: string;
	end: string;
	progress: number;
	nextMilestone: { name: string; date: string } | null;
	phases: { id: string; name: string; start: string; end: string; progress: number }[];
	deliverables: { number: number; title: string; date: string; status: string; flag: Flag }[];
	tranches: { label: string; date: string; status: string }[];
}

const MISSION = 'm_';

/** The worst flag of a mission's deliverables. */
export function missionFlag(m: Pick<PortfolioMission, 'deliverables'>): Flag {
	if (m.deliverables.some((d) => d.flag === 'RED')) return 'RED';
	if (m.deliverables.some((d) => d.flag === 'AMBER')) return 'AMBER';
	return 'GREEN';
}

/** The mission a row belongs to (mission rows only). */
export function missionOfRow(rowId: string): string | null {
	return rowId.startsWith(MISSION) ? rowId.slice(MISSION.length) : null;
}

export function portfolioRows(missions: readonly PortfolioMission[], unfolded: ReadonlySet<string>): GanttTask[] {
	const rows: GanttTask[] = [];
	for (const m of missions) {
		const open = unfolded.has(m.id);
		const next = m.nextMilestone
			? ` — prochain jalon : ${m.nextMilestone.name} le ${formatDateFr(m.nextMilestone.date)}`
			: '';
		rows.push({
			id: MISSION + m.id,
			name: escapeHtml(`${open ? '▾' : '▸'} ${m.title}${next}`),
			start: m.start,
			end: m.end,
			progress: m.progress,
			custom_class: `pf-mission-${missionFlag(m).toLowerCase()}`
		});
		if (!open) continue;
		for (const p of m.phases) {
			rows.push({
				id: `p_${p.id}`,
				name: escapeHtml(p.name),
				start: p.start,
				end: p.end,
				progress: p.progress,
				custom_class: 'pf-phase'
			});
		}
		for (const d of m.deliverables) {
			rows.push({
				id: `d_${m.id}_${d.number}`,
				name: escapeHtml(`◆ L${d.number} · ${d.title}`),
				start: d.date,
				end: d.date,
				progress: d.status === 'VALIDATED' ? 100 : 0,
				custom_class: `pf-deliverable-${d.flag.toLowerCase()}`
			});
		}
		m.tranches.forEach((t, i) => {
			rows.push({
				id: `t_${m.id}_${i}`,
				name: escapeHtml(`€ ${t.label}`),
				start: t.date,
				end: t.date,
				progress: t.status === 'PAID' ? 100 : 0,
				custom_class: 'pf-tranche'
			});
		});
	}
	return rows;
}
