// Outline levels, as MS Project and GanttProject have them: any task can hold sub-tasks, and a
// row with children is a summary row (stored as a phase, whatever its depth). A summary's dates
// are the span of its children (task-schedule.ts keeps them so); its progress is computed here,
// never typed: the average of its children weighted by their working-day durations.
import { countWorkingDays } from './calendar';
import type { IsoDate } from './dates';

/** Deepest level a row may sit at (1 = top level): deeper plans are unreadable and refused. */
export const MAX_OUTLINE_DEPTH = 10;

export interface OutlineRow {
	id: string;
	parentId: string | null;
}

/** Every row's level: 1 at the top, 2 below a top-level row, and so on. */
export function outlineDepths(rows: readonly OutlineRow[]): Map<string, number> {
	const parentOf = new Map<string, string | null>();
	for (const row of rows) parentOf.set(row.id, row.parentId);
	const depths = new Map<string, number>();
	// Iterative climb to the nearest known row: a file's deep (or looping) tree must not
	// overflow the stack, and one array serves every row (this runs on every plan load).
	const chain: string[] = [];
	for (const row of rows) {
		if (depths.has(row.id)) continue;
		chain.length = 0;
		let cursor: string | null = row.id;
		while (cursor !== null && !depths.has(cursor) && chain.length <= rows.length) {
			chain.push(cursor);
			cursor = parentOf.get(cursor) ?? null;
		}
		const base = cursor === null ? 0 : (depths.get(cursor) ?? 0);
		for (let i = chain.length - 1; i >= 0; i -= 1) {
			if (!depths.has(chain[i]!)) depths.set(chain[i]!, base + chain.length - i);
		}
	}
	return depths;
}

/** Levels a row and its subtree take: 1 for a row without children. */
export function subtreeHeight(rows: readonly OutlineRow[], id: string): number {
	const depths = outlineDepths(rows);
	const own = depths.get(id) ?? 1;
	let deepest = own;
	const inside = new Set([id]);
	// Rows come in outline order: a child always follows its parent.
	for (const row of rows) {
		if (row.parentId && inside.has(row.parentId)) {
			inside.add(row.id);
			deepest = Math.max(deepest, depths.get(row.id) ?? own);
		}
	}
	return deepest - own + 1;
}

/**
 * Why `taskId` (with its subtree) cannot go under `parentId` (null: the top level), in French,
 * or null when it can: a row cannot go inside itself, nor below MAX_OUTLINE_DEPTH levels.
 */
export function nestingProblem(
	rows: readonly OutlineRow[],
	taskId: string,
	parentId: string | null
): { code: 'INSIDE_ITSELF' | 'TOO_DEEP'; message: string } | null {
	if (parentId === null) return null;
	const parentOf = new Map(rows.map((r) => [r.id, r.parentId]));
	for (let cursor: string | null = parentId; cursor; cursor = parentOf.get(cursor) ?? null) {
		if (cursor === taskId) {
			return {
				code: 'INSIDE_ITSELF',
				message: 'Une ligne ne peut pas être placée sous elle-même ni sous une de ses sous-tâches.'
			};
		}
	}
	const depth = (outlineDepths(rows).get(parentId) ?? 1) + subtreeHeight(rows, taskId);
	if (depth > MAX_OUTLINE_DEPTH) {
		return {
			code: 'TOO_DEEP',
			message: `Le plan est limité à ${MAX_OUTLINE_DEPTH} niveaux : cette ligne et ses sous-tâches iraient jusqu’au niveau ${depth}.`
		};
	}
	return null;
}

export interface ProgressRow extends OutlineRow {
	startDate: IsoDate;
	endDate: IsoDate;
	progress: number;
}

/**
 * The progress of every summary row (a row with children): the average of its children's,
 * weighted by their working-day durations (a child summary counts with its span and its own
 * rolled-up progress), as MS Project weighs by duration. Rounded to the percent.
 */
export function rolledUpProgress(rows: readonly ProgressRow[]): Map<string, number> {
	const children = new Map<string, ProgressRow[]>();
	for (const row of rows) {
		if (!row.parentId) continue;
		const list = children.get(row.parentId);
		if (list) list.push(row);
		else children.set(row.parentId, [row]);
	}
	const depths = outlineDepths(rows);
	const exact = new Map<string, number>();
	// Deepest summaries first, so a summary reads its child summaries' rolled-up figures.
	const summaries = [...children.keys()].filter((id) => depths.has(id));
	summaries.sort((a, b) => depths.get(b)! - depths.get(a)!);
	for (const id of summaries) {
		let weighted = 0;
		let total = 0;
		for (const child of children.get(id)!) {
			// A child over a weekend only still weighs one day (MS Project's minimum duration).
			const weight = Math.max(1, countWorkingDays(child.startDate, child.endDate));
			weighted += weight * (exact.get(child.id) ?? child.progress);
			total += weight;
		}
		exact.set(id, weighted / total);
	}
	return new Map([...exact].map(([id, value]) => [id, Math.round(value)]));
}

/** The rows with their summaries' progress rolled up (the same array when nothing changes). */
export function withRolledUpProgress<T extends ProgressRow>(rows: T[]): T[] {
	const rolled = rolledUpProgress(rows);
	let changed = false;
	const out = rows.map((row) => {
		const progress = rolled.get(row.id);
		if (progress === undefined || progress === row.progress) return row;
		changed = true;
		return { ...row, progress };
	});
	return changed ? out : rows;
}

/** Cost figures of one row (cost-plan.ts's CostFigures). */
export interface RowCosts {
	plannedHtCents: number;
	spentHtCents: number;
	remainingHtCents: number;
	estimateAtCompletionHtCents: number;
}

/**
 * Costs by phase, rolled up the outline as MS Project rolls up a summary's cost: each phase's
 * figures are its own lines plus those of every phase below it. One entry per phase that has
 * costs in its subtree, in outline order with its level (1 = top), then the lines tied to no
 * phase (key ''), then any whose phase is unknown. The mission's total is not their sum (a
 * sub-phase counts in each of its ancestors): it stays costFigures' total.
 */
export function costsByOutline<F extends RowCosts>(
	own: ReadonlyMap<string, F>,
	rowsInOrder: readonly OutlineRow[]
): { phaseId: string; level: number; figures: RowCosts }[] {
	const depths = outlineDepths(rowsInOrder);
	const parentOf = new Map(rowsInOrder.map((r) => [r.id, r.parentId]));
	const rolled = new Map<string, RowCosts>();
	const add = (id: string, f: RowCosts) => {
		const into = rolled.get(id) ?? {
			plannedHtCents: 0,
			spentHtCents: 0,
			remainingHtCents: 0,
			estimateAtCompletionHtCents: 0
		};
		into.plannedHtCents += f.plannedHtCents;
		into.spentHtCents += f.spentHtCents;
		into.remainingHtCents += f.remainingHtCents;
		into.estimateAtCompletionHtCents += f.estimateAtCompletionHtCents;
		rolled.set(id, into);
	};
	const elsewhere: { phaseId: string; level: number; figures: RowCosts }[] = [];
	for (const [phaseId, f] of own) {
		if (phaseId === '' || !parentOf.has(phaseId)) {
			elsewhere.push({ phaseId, level: 1, figures: { ...f } });
			continue;
		}
		for (let cursor: string | null = phaseId; cursor; cursor = parentOf.get(cursor) ?? null) add(cursor, f);
	}
	elsewhere.sort((a, b) => (a.phaseId === '' ? -1 : b.phaseId === '' ? 1 : 0));
	return [
		...rowsInOrder
			.filter((r) => rolled.has(r.id))
			.map((r) => ({ phaseId: r.id, level: depths.get(r.id)!, figures: rolled.get(r.id)! })),
		...elsewhere
	];
}
