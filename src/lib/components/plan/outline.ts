// The task table's outline numbers (1, 1.2, 1.2.3) and predecessor notation, French MS Project
// style: "3", "2.4FD+2j", several separated by ";". Today's links are finish-to-start with a lag in
// days; the other link types are recognised and refused until the scheduler supports them.
import type { DependencyRow, TaskRow } from '$lib/domain/mission-plan';

/** Outline number of every task, from the tree in the plan's order. */
export function outlineNumbers(tasks: readonly TaskRow[]): Map<string, string> {
	const numbers = new Map<string, string>();
	const childCount = new Map<string | null, number>();
	for (const task of tasks) {
		const parent = task.parentId && numbers.has(task.parentId) ? task.parentId : null;
		const n = (childCount.get(parent) ?? 0) + 1;
		childCount.set(parent, n);
		numbers.set(task.id, parent ? `${numbers.get(parent)}.${n}` : String(n));
	}
	return numbers;
}

/** "3", "3FD+2j": the finish-to-start type is implicit when there is no lag. */
export function formatLink(number: string, lagDays: number): string {
	if (lagDays === 0) return number;
	return `${number}FD${lagDays > 0 ? '+' : '-'}${Math.abs(lagDays)}j`;
}

export function formatPredecessors(
	taskId: string,
	links: readonly DependencyRow[],
	numbers: ReadonlyMap<string, string>
): string {
	return links
		.filter((l) => l.successorId === taskId)
		.map((l) => ({ number: numbers.get(l.predecessorId) ?? '?', lag: l.lagDays }))
		.sort((a, b) => a.number.localeCompare(b.number, 'fr', { numeric: true }))
		.map((l) => formatLink(l.number, l.lag))
		.join(';');
}

export interface WantedLink {
	predecessorId: string;
	lagDays: number;
}

const ITEM = /^(\d+(?:\.\d+)*)\s*(?:(FD|DD|FF|DF)\s*(?:([+-])\s*(\d+)\s*(jé|j)?)?)?$/i;

/** Reads a predecessor cell; a French message for anything it cannot accept. */
export function parsePredecessors(
	text: string,
	numbers: ReadonlyMap<string, string>
): { ok: true; links: WantedLink[] } | { ok: false; message: string } {
	const byNumber = new Map([...numbers].map(([id, number]) => [number, id]));
	const links: WantedLink[] = [];
	for (const raw of text.split(/[;,]/)) {
		const item = raw.trim();
		if (!item) continue;
		const match = ITEM.exec(item);
		if (!match) {
			return { ok: false, message: `« ${item} » n’est pas compris : écrivez par exemple 3, 2.4 ou 2.4FD+2j.` };
		}
		const [, number, type, sign, amount] = match;
		if (type && type.toUpperCase() !== 'FD') {
			return {
				ok: false,
				message: `Les liens ${type.toUpperCase()} ne sont pas encore disponibles : seuls les liens fin-début (FD) sont acceptés.`
			};
		}
		const predecessorId = byNumber.get(number!);
		if (!predecessorId) return { ok: false, message: `Aucune ligne ne porte le numéro ${number}.` };
		const lagDays = amount ? (sign === '-' ? -1 : 1) * Number(amount) : 0;
		if (Math.abs(lagDays) > 365) return { ok: false, message: 'Le décalage doit rester entre -365 et 365 jours.' };
		if (links.some((l) => l.predecessorId === predecessorId)) {
			return { ok: false, message: `La ligne ${number} est citée deux fois.` };
		}
		links.push({ predecessorId, lagDays });
	}
	return { ok: true, links };
}
