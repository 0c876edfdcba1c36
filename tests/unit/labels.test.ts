import { describe, expect, it } from 'vitest';
import { describeDateRule } from '$lib/domain/date-rules';
import {
	contactRoleLabels,
	deliverableStatusLabels,
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
