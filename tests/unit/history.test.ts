// History values in French: amounts, dates, statuses, percentages; no JSON, no database codes.
import { describe, expect, it } from 'vitest';
import { describeStoredValue, fieldLabel } from '$lib/domain/history';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('history values', () => {
	it('reads amounts, dates and statuses in French', () => {
		expect(plain(describeStoredValue('paidCents', '600000', 'tranche'))).toBe('6 000,00 €');
		expect(describeStoredValue('invoiceDate', '2025-12-15', 'tranche')).toBe('15/12/2025');
		expect(describeStoredValue('status', 'SUBMITTED', 'deliverable')).toBe('« remis »');
		expect(describeStoredValue('status', 'INVOICED', 'tranche')).toBe('« facturée »');
		expect(plain(describeStoredValue('vatRateBp', '550', 'mission'))).toBe('5,5 %');
		expect(describeStoredValue('invoiceNumber', '2025001', 'tranche')).toBe('2025001');
		expect(describeStoredValue('invoiceNumber', null, 'tranche')).toBe('—');
	});

	it('turns a recorded request into labelled French values, without ids or JSON', () => {
		const stored = JSON.stringify({
			missionId: 'cm123',
			profileId: 'cp1',
			label: 'Audit',
			dayHundredths: 250,
			fixedAmountHtCents: 0,
			confirmOverCap: false
		});
		const text = plain(describeStoredValue('saveCostLine', stored, 'costPlan'));
		expect(text).toBe('Libellé : Audit, Jours : 2,5 j, Coût fixe HT : 0,00 €');
		expect(text).not.toMatch(/[{}"]/);
		expect(fieldLabel('saveCostLine')).toBe('Ligne du plan de charge enregistrée');
		expect(fieldLabel('paidCents')).toBe('Montant payé');
	});

	it('names a tranche’s type in French (avance, acompte, solde)', () => {
		const stored = JSON.stringify({
			missionId: 'cm123',
			tranches: [
				{ label: 'Avance', percentBp: 2000, kind: 'AVANCE', triggerKind: 'MILESTONE', triggerMilestoneId: 'm1' },
				{ label: 'Fin', percentBp: 10_000, kind: 'SOLDE', triggerKind: 'MILESTONE', triggerMilestoneId: 'm2' }
			]
		});
		expect(plain(describeStoredValue('setTranches', stored, 'tranche'))).toBe(
			'Tranches : Libellé : Avance, Part : 20 %, Type : Avance, Déclencheur : un jalon ; ' +
				'Libellé : Fin, Part : 100 %, Type : Solde, Déclencheur : un jalon'
		);
	});
});
