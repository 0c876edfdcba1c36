import { describe, expect, it } from 'vitest';
import { describeDateRule } from '$lib/domain/date-rules';
import {
	contactRoleLabels,
	deliverableStatusLabels,
	lagLabel,
	linkTypeLabels,
	milestoneKindLabels,
	missionStatusLabels,
	offsetUnitLabels,
	trancheStatusLabels
} from '$lib/domain/labels';

describe('labels', () => {
	it('names deliverable statuses in French', () => {
		expect(deliverableStatusLabels).toEqual({
			TODO: 'À faire',
			IN_PROGRESS: 'En cours',
			SUBMITTED: 'Remis',
			VALIDATED: 'Validé',
			REWORK: 'À reprendre'
		});
	});

	it('gives every value of every enumeration a distinct, non-empty label', () => {
		for (const labels of [
			deliverableStatusLabels,
			milestoneKindLabels,
			trancheStatusLabels,
			missionStatusLabels,
			contactRoleLabels,
			offsetUnitLabels
		]) {
			const values: string[] = Object.values(labels);
			expect(values.every((label) => label.trim().length > 0)).toBe(true);
			expect(new Set(values).size).toBe(values.length);
		}
	});

	it('uses the same plural unit names as the date-rule descriptions', () => {
		for (const unit of ['DAYS', 'WEEKS', 'WORKING_DAYS'] as const) {
			expect(describeDateRule({ kind: 'OFFSET', amount: 2, unit })).toBe(`2 ${offsetUnitLabels[unit]} après démarrage`);
		}
	});
});

describe('links in French', () => {
	it('names the four link types the way French planners write them', () => {
		expect(Object.values(linkTypeLabels)).toEqual([
			'Fin → début (FD)',
			'Début → début (DD)',
			'Fin → fin (FF)',
			'Début → fin (DF)'
		]);
	});

	it('says a lag with its sign and unit, a lead with a minus sign', () => {
		expect(lagLabel(0, 'WORKING_DAYS')).toBe('aucun');
		expect(lagLabel(2, 'WORKING_DAYS')).toBe('+2 j ouvrés');
		expect(lagLabel(1, 'WORKING_DAYS')).toBe('+1 j ouvré');
		expect(lagLabel(-1, 'ELAPSED_DAYS')).toBe('−1 j calendaire');
		expect(lagLabel(-3, 'ELAPSED_DAYS')).toBe('−3 j calendaires');
	});
});
