// What the task pickers search: a plan's tasks by outline number ("2.3") or by name, without
// minding case or accents, showing a screenful of matches instead of thousands of <option>s.
import type { TaskRow } from '$lib/domain/mission-plan';
import { outlineNumbers } from '$lib/components/plan/outline';

/** A choice in a task picker. */
export interface TaskChoice {
	id: string;
	/** Outline number, as the task table shows it: "2.3". */
	number: string;
	name: string;
	/** What the picker's field shows once the task is chosen: "2.3 Analyse". */
	label: string;
	/** Lower case, without accents, for searching. */
	key: string;
}

/** Matches shown at most: enough to scroll through, few enough to draw at once. */
export const MAX_MATCHES = 50;

const fold = (text: string) =>
	text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();

/** The plan's tasks (those `keep` accepts) as choices, in the plan's order, numbered as the table does. */
export function taskChoices(tasks: readonly TaskRow[], keep: (task: TaskRow) => boolean = () => true): TaskChoice[] {
	const numbers = outlineNumbers(tasks);
	return tasks.filter(keep).map((task) => {
		const number = numbers.get(task.id) ?? '';
		return { id: task.id, number, name: task.name, label: `${number} ${task.name}`, key: fold(task.name) };
	});
}

const OUTLINE = /^\d+(\.\d+)*\.?$/;

/**
 * The choices matching what was typed, best first, at most `limit`, and how many matched in all.
 * Every word typed must match: an outline number matches that row and the rows under it ("2"
 * finds 2, 2.1, 2.1.3, not 12); other words match anywhere in the name. Rows whose number is the
 * one typed come first, then names starting with what was typed, then the rest in plan order.
 */
export function searchTasks(
	choices: readonly TaskChoice[],
	query: string,
	limit = MAX_MATCHES
): { matches: TaskChoice[]; total: number } {
	const words = fold(query).split(/\s+/).filter(Boolean);
	if (words.length === 0) return { matches: choices.slice(0, limit), total: choices.length };
	const whole = words.join(' ');
	const ranked: { choice: TaskChoice; rank: number; order: number }[] = [];
	choices.forEach((choice, order) => {
		let rank = 2;
		for (const word of words) {
			const outline = OUTLINE.test(word) ? word.replace(/\.$/, '') : null;
			if (outline !== null && (choice.number === outline || choice.number.startsWith(`${outline}.`))) {
				if (choice.number === outline) rank = 0;
				continue;
			}
			if (!choice.key.includes(word)) return;
		}
		if (rank === 2 && choice.key.startsWith(whole)) rank = 1;
		ranked.push({ choice, rank, order });
	});
	ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
	return { matches: ranked.slice(0, limit).map((r) => r.choice), total: ranked.length };
}
