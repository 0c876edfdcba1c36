// What the in-place editor of a deliverable or a milestone sends back.
import type { OffsetUnit } from '$lib/domain/date-rules';
import type { TaskRow } from '$lib/domain/mission-plan';

export interface ItemFields {
	title: string;
	rule: { kind: 'FIXED_DATE'; date: string } | { kind: 'OFFSET'; amount: number; unit: OffsetUnit };
	/** Deliverables only. */
	plannedDate?: string;
	/** The task it is tied to (null: untied) and the working days after its end. */
	anchorTaskId?: string | null;
	anchorLagDays?: number;
}

/** "rattaché à la fin de « Analyse » + 2 j ouv.": a tie as the tables show it. */
export function tieLabel(tasks: readonly TaskRow[], taskId: string, lagDays: number): string {
	const name = tasks.find((t) => t.id === taskId)?.name ?? '?';
	const lag = lagDays === 0 ? '' : ` ${lagDays > 0 ? '+' : '−'} ${Math.abs(lagDays)} j ouv.`;
	return `rattaché à la fin de « ${name} »${lag}`;
}
