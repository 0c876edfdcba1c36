// What the in-place editor of a deliverable or a milestone sends back.
import type { OffsetUnit } from '$lib/domain/date-rules';

export interface ItemFields {
	title: string;
	rule: { kind: 'FIXED_DATE'; date: string } | { kind: 'OFFSET'; amount: number; unit: OffsetUnit };
	/** Deliverables only. */
	plannedDate?: string;
}
