// The task table's outline numbers (1, 1.2, 1.2.3) and predecessor cells, French MS Project style
// ("3", "2.4FD+2j", "5DD", "6FF-1jé"): the notation itself is domain/predecessor-text.ts; here rows
// become task ids and back.
import type { DependencyRow, TaskRow } from '$lib/domain/mission-plan';
import { formatPredecessors as formatEntries, parsePredecessors as parseEntries } from '$lib/domain/predecessor-text';
import type { LagUnit, LinkType } from '$lib/domain/schedule';
import { sameTree } from '$lib/components/gantt/gantt-rows';

// The last numbering: an edit that keeps the tree (a drag, a rename) keeps the very same map, so
// that the rows depending on it are not rebuilt.
let last: { tasks: readonly TaskRow[]; numbers: ReadonlyMap<string, string> } | null = null;

/** Outline number of every task, from the tree in the plan's order. */
export function outlineNumbers(tasks: readonly TaskRow[]): ReadonlyMap<string, string> {
	if (last && sameTree(last.tasks, tasks)) {
		last.tasks = tasks;
		return last.numbers;
	}
	const numbers = new Map<string, string>();
	const childCount = new Map<string | null, number>();
	for (const task of tasks) {
		const parent = task.parentId && numbers.has(task.parentId) ? task.parentId : null;
		const n = (childCount.get(parent) ?? 0) + 1;
		childCount.set(parent, n);
		numbers.set(task.id, parent ? `${numbers.get(parent)}.${n}` : String(n));
	}
	last = { tasks, numbers };
	return numbers;
}

// One collator for every cell: localeCompare with options builds one per comparison (most of
// the table's rebuild on a 3 000-task plan).
const byRowNumber = new Intl.Collator('fr', { numeric: true });

/** A task's predecessors as the table writes them: "1.1; 1.2FD+2j; 3DD; 4FF-1jé". */
export function formatPredecessors(
	taskId: string,
	links: readonly DependencyRow[],
	numbers: ReadonlyMap<string, string>
): string {
	return formatEntries(
		links
			.filter((l) => l.successorId === taskId)
			.map((l) => ({ row: numbers.get(l.predecessorId) ?? '?', type: l.type, lag: l.lagDays, lagUnit: l.lagUnit }))
			.sort((a, b) => byRowNumber.compare(a.row, b.row))
	);
}

/** A predecessor as `tasks.setPredecessors` takes it. */
export interface WantedLink {
	predecessorId: string;
	type: LinkType;
	lagDays: number;
	lagUnit: LagUnit;
}

/** Reads a predecessor cell (domain/predecessor-text.ts); a French message for anything it refuses. */
export function parsePredecessors(
	text: string,
	numbers: ReadonlyMap<string, string>
): { ok: true; links: WantedLink[] } | { ok: false; message: string } {
	const parsed = parseEntries(text);
	if (!parsed.ok) return { ok: false, message: parsed.error };
	const byNumber = new Map([...numbers].map(([id, number]) => [number, id]));
	const links: WantedLink[] = [];
	for (const entry of parsed.entries) {
		const predecessorId = byNumber.get(entry.row);
		if (!predecessorId) return { ok: false, message: `Aucune ligne ne porte le numéro ${entry.row}.` };
		links.push({ predecessorId, type: entry.type, lagDays: entry.lag, lagUnit: entry.lagUnit });
	}
	return { ok: true, links };
}
