// The one rule deciding whether an amount may come into a programme: the ceiling per service is
// final, the envelope may be exceeded only with a confirmation and a reason.
import { describe, expect, it } from 'vitest';
import { admitIntoProgramme, type AdmissionRequest } from '$lib/domain/programme-admission';

const SCHEME = {
	title: 'Dispositif CUF',
	envelopeCents: 40_000_00,
	basis: 'TTC' as const,
	serviceCeilingCents: 15_000_00
};
const fresh = (cents: number, others = 0): AdmissionRequest => ({
	serviceCents: cents,
	previousServiceCents: null,
	committedCents: cents,
	previousCommittedCents: 0,
	othersCommittedCents: others,
	confirmation: { confirmed: false, reason: null }
});
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('admitIntoProgramme', () => {
	it('refuses a service above the ceiling, saying the ceiling and the excess, even when confirmed', () => {
		const verdict = admitIntoProgramme(SCHEME, {
			...fresh(20_000_00),
			confirmation: { confirmed: true, reason: 'Urgent' }
		});
		expect(verdict).toMatchObject({ outcome: 'REFUSED', code: 'ABOVE_SERVICE_CEILING' });
		const message = plain((verdict as { message: string }).message);
		expect(message).toContain('plafond de 15 000,00 € TTC');
		expect(message).toContain('de 5 000,00 €');
	});

	it('admits a service at the ceiling exactly, and a draft above the envelope (it commits nothing yet)', () => {
		expect(admitIntoProgramme(SCHEME, fresh(15_000_00))).toEqual({ outcome: 'ADMITTED' });
		expect(admitIntoProgramme(SCHEME, { ...fresh(10_000_00, 39_000_00), committedCents: 0 })).toEqual({
			outcome: 'ADMITTED'
		});
	});

	it('lets a price lowered but still above a ceiling set later through; refuses a raise above it', () => {
		const lowered = { ...fresh(16_000_00), previousServiceCents: 18_000_00, previousCommittedCents: 18_000_00 };
		expect(admitIntoProgramme(SCHEME, lowered)).toEqual({ outcome: 'ADMITTED' });
		const raised = { ...fresh(16_000_00), previousServiceCents: 14_000_00, previousCommittedCents: 14_000_00 };
		expect(admitIntoProgramme(SCHEME, raised)).toMatchObject({ outcome: 'REFUSED', code: 'ABOVE_SERVICE_CEILING' });
	});

	it('asks a confirmation with a reason above the envelope, then admits it with the overrun', () => {
		const over = fresh(12_000_00, 30_000_00);
		expect(admitIntoProgramme(SCHEME, over)).toMatchObject({ outcome: 'REFUSED', code: 'OVER_ENVELOPE' });
		expect(admitIntoProgramme(SCHEME, { ...over, confirmation: { confirmed: true, reason: '  ' } })).toMatchObject({
			outcome: 'REFUSED',
			code: 'OVER_ENVELOPE'
		});
		expect(admitIntoProgramme(SCHEME, { ...over, confirmation: { confirmed: true, reason: 'Avenant' } })).toEqual({
			outcome: 'ADMITTED_OVER_ENVELOPE',
			committedCents: 42_000_00,
			overCents: 2_000_00,
			reason: 'Avenant'
		});
	});

	it('where no confirmation can be given, says to lower the amount or ask for a larger envelope', () => {
		const verdict = admitIntoProgramme(SCHEME, { ...fresh(12_000_00, 30_000_00), confirmation: null });
		expect(verdict).toMatchObject({ outcome: 'REFUSED', code: 'OVER_ENVELOPE' });
		expect((verdict as { message: string }).message).toContain('augmenter l’enveloppe');
	});

	it('never refuses a change that lowers the commitment of a programme already over its envelope', () => {
		const lower = {
			...fresh(10_000_00, 35_000_00),
			previousServiceCents: 12_000_00,
			previousCommittedCents: 12_000_00
		};
		expect(admitIntoProgramme(SCHEME, { ...lower, confirmation: null })).toEqual({ outcome: 'ADMITTED' });
	});
});
