// Whether an amount may come into a programme: the one rule applied on every path that brings an
// amount in (attaching a mission, a service created or edited, an order's quote and its
// validation, a later change of a mission's amount, tranches or status). A scheme's ceiling per
// service is final; the envelope may be exceeded only with a confirmation and its reason.
import { formatEuros, type Cents } from './money';
import type { Basis } from './programme-envelope';

export interface AdmissionProgramme {
	title: string;
	envelopeCents: Cents;
	basis: Basis;
	/** The most one service may cost, on the programme's basis; null: no ceiling. */
	serviceCeilingCents: Cents | null;
}

export interface AdmissionRequest {
	/** The service's price on the programme's basis, after the change. */
	serviceCents: Cents;
	/** Its price before the change; null when it is new to the programme. */
	previousServiceCents: Cents | null;
	/** What it commits of the envelope after and before the change (0 until signed). */
	committedCents: Cents;
	previousCommittedCents: Cents;
	/** What the programme's other missions commit. */
	othersCommittedCents: Cents;
	/**
	 * The confirmation of an overrun, where the screen can ask for one (null where it cannot, e.g.
	 * a mission's finance page: the programme's managers decide on the envelope).
	 */
	confirmation: { confirmed: boolean; reason: string | null } | null;
}

export type Admission =
	| { outcome: 'ADMITTED' }
	| { outcome: 'ADMITTED_OVER_ENVELOPE'; committedCents: Cents; overCents: Cents; reason: string }
	| { outcome: 'REFUSED'; code: 'ABOVE_SERVICE_CEILING' | 'OVER_ENVELOPE'; message: string };

/** The ceiling refusal, saying the ceiling and the excess. */
export function ceilingMessage(serviceCents: Cents, ceilingCents: Cents, basis: Basis): string {
	return `Cette prestation (${formatEuros(serviceCents)} ${basis}) dépasse le plafond de ${formatEuros(ceilingCents)} ${basis} par prestation de ${formatEuros(serviceCents - ceilingCents)} : réduisez-la ou scindez-la.`;
}

/**
 * The verdict. The ceiling first: a service above it is refused whatever is confirmed (a price
 * lowered but still above an old ceiling is let through: it does not make things worse). Then the
 * envelope: a change that raises the commitment above it needs a confirmation with a reason.
 */
export function admitIntoProgramme(programme: AdmissionProgramme, request: AdmissionRequest): Admission {
	const ceiling = programme.serviceCeilingCents;
	const raisesService = request.previousServiceCents === null || request.serviceCents > request.previousServiceCents;
	if (ceiling !== null && request.serviceCents > ceiling && raisesService) {
		return {
			outcome: 'REFUSED',
			code: 'ABOVE_SERVICE_CEILING',
			message: ceilingMessage(request.serviceCents, ceiling, programme.basis)
		};
	}
	const committedCents = request.othersCommittedCents + request.committedCents;
	const overCents = committedCents - programme.envelopeCents;
	if (overCents <= 0 || request.committedCents <= request.previousCommittedCents) return { outcome: 'ADMITTED' };
	const envelope = `${formatEuros(programme.envelopeCents)} ${programme.basis}`;
	if (request.confirmation === null) {
		return {
			outcome: 'REFUSED',
			code: 'OVER_ENVELOPE',
			message: `Ce montant ferait dépasser l’enveloppe de ${envelope} du programme « ${programme.title} » de ${formatEuros(overCents)} : réduisez-le, ou demandez à un gestionnaire du programme d’augmenter l’enveloppe.`
		};
	}
	const reason = request.confirmation.reason?.trim() ?? '';
	if (!request.confirmation.confirmed || reason === '') {
		return {
			outcome: 'REFUSED',
			code: 'OVER_ENVELOPE',
			message: `Cet engagement dépasse l’enveloppe de ${envelope} de ${formatEuros(overCents)}. Confirmez en indiquant la raison pour l’enregistrer malgré tout.`
		};
	}
	return { outcome: 'ADMITTED_OVER_ENVELOPE', committedCents, overCents, reason };
}
