import { describe, expect, it } from 'vitest';
import { missionFlag, missionOfRow, portfolioRows, type PortfolioMission } from './portfolio-rows';

const mission = (id: string, flags: ('RED' | 'AMBER' | 'GREEN')[]): PortfolioMission => ({
	id,
	title: `Mission <${id}>`,
	start: '2026-01-05',
	end: '2026-04-17',
	progress: 20,
	nextMilestone: { name: 'Comité', date: '2026-02-02' },
	phases: [{ id: `${id}-p1`, name: 'Cadrage', start: '2026-01-05', end: '2026-01-09', progress: 100 }],
	deliverables: flags.map((flag, i) => ({
		number: i + 1,
		title: `L${i + 1}`,
		date: '2026-01-23',
		status: 'TODO',
		flag
	})),
	tranches: [{ label: 'Solde', date: '2026-04-17', status: 'PLANNED' }]
});

describe('portfolio rows', () => {
	it('draws one row per mission, coloured by its worst deliverable, with its next milestone', () => {
		const rows = portfolioRows(
			[mission('a', ['GREEN', 'AMBER']), mission('b', ['RED', 'GREEN']), mission('c', [])],
			new Set()
		);
		expect(rows.map((r) => r.id)).toEqual(['m_a', 'm_b', 'm_c']);
		expect(rows.map((r) => r.custom_class)).toEqual(['pf-mission-amber', 'pf-mission-red', 'pf-mission-green']);
		// Escaped: frappe-gantt inserts names as HTML.
		expect(rows[0]!.name).toBe('▸ Mission &#60;a&#62; — prochain jalon : Comité le 02/02/2026');
		expect(missionOfRow(rows[1]!.id)).toBe('b');
		expect(missionFlag({ deliverables: [] })).toBe('GREEN');
	});

	it('unfolds a mission into its phases, deliverables and tranche markers', () => {
		const rows = portfolioRows([mission('a', ['RED']), mission('b', [])], new Set(['a']));
		expect(rows.map((r) => [r.id, r.custom_class])).toEqual([
			['m_a', 'pf-mission-red'],
			['p_a-p1', 'pf-phase'],
			['d_a_1', 'pf-deliverable-red'],
			['t_a_0', 'pf-tranche'],
			['m_b', 'pf-mission-green']
		]);
		expect(rows[0]!.name.startsWith('▾')).toBe(true);
		expect(missionOfRow('p_a-p1')).toBeNull();
	});
});
