// A compact form of the plan for the mission page's HTML. A page carries its load's data inline,
// as objects that repeat every key, id and date per row: 3 000 tasks made ~3 MB of HTML. Packed,
// rows become columns; dates become day-number steps; a task's parent and a link's ends become
// row indexes; repeated strings ("TASK", "FS", the mission id) a small dictionary. unpackPlan
// gives back exactly what packPlan got (same keys, same order, same values), so components
// never see the packed form.
import { dateOfDayNumber, dayNumber } from './domain/day-numbers';
import type { MissionPlan } from './domain/mission-plan';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Strings repeated this much at most become a dictionary column. */
const MAX_DICTIONARY = 32;

/** One column of a packed table. */
export type PackedColumn =
	/** Every row holds this value. */
	| { same: unknown }
	/** Calendar dates: the first as a day number, the next ones as steps from the previous. */
	| { days: number[] }
	/** Task ids as row indexes in the plan's tasks (an id not found, or null, kept as is). */
	| { refs: (number | string | null)[] }
	/** Few distinct values: the values once, then an index per row. */
	| { names: unknown[]; at: number[] }
	/** Anything else, one value per row. */
	| { values: unknown[] };

/** Rows of objects with the same keys in the same order, as columns; `rows` when they differ. */
export type PackedRows<T> = { count: number; keys: string[]; columns: PackedColumn[] } | { rows: T[] };

export type PackedPlan = Omit<MissionPlan, 'tasks' | 'dependencies' | 'milestoneLinks'> & {
	packed: 1;
	tasks: PackedRows<MissionPlan['tasks'][number]>;
	dependencies: PackedRows<MissionPlan['dependencies'][number]>;
	milestoneLinks: PackedRows<MissionPlan['milestoneLinks'][number]>;
};

const isDate = (value: unknown): value is string =>
	typeof value === 'string' && ISO_DATE.test(value) && dateOfDayNumber(dayNumber(value)) === value;

function packColumn(values: unknown[], refColumn: boolean, index: Map<string, number> | null): PackedColumn {
	if (values.every((v) => Object.is(v, values[0]))) return { same: values[0] };
	if (refColumn && index)
		return { refs: values.map((v) => (typeof v === 'string' && index.has(v) ? index.get(v)! : (v as string | null))) };
	if (values.every(isDate)) {
		let previous = 0;
		return {
			days: values.map((v) => {
				const day = dayNumber(v as string);
				const step = day - previous;
				previous = day;
				return step;
			})
		};
	}
	if (values.every((v) => typeof v === 'string')) {
		const names = [...new Set(values)];
		if (names.length <= MAX_DICTIONARY && names.length < values.length / 2) {
			const position = new Map(names.map((n, i) => [n, i]));
			return { names, at: values.map((v) => position.get(v)!) };
		}
	}
	return { values };
}

/**
 * One string per calendar day for a whole unpack: a plan's 6 000 dates fall on far fewer days,
 * and every row kept its own copy of the same "YYYY-MM-DD" (~0.1 MiB of the page's heap at
 * 3 000 tasks).
 */
type DateStrings = Map<number, string>;

function dateString(day: number, strings: DateStrings): string {
	let date = strings.get(day);
	if (date === undefined) {
		date = dateOfDayNumber(day);
		strings.set(day, date);
	}
	return date;
}

function unpackColumn(
	column: PackedColumn,
	count: number,
	ids: readonly string[] | null,
	strings: DateStrings = new Map()
): (row: number) => unknown {
	if ('same' in column) return () => column.same;
	if ('refs' in column)
		return (row) => (typeof column.refs[row] === 'number' ? ids![column.refs[row]] : column.refs[row]);
	if ('days' in column) {
		const dates = new Array<string>(count);
		let day = 0;
		for (let i = 0; i < count; i += 1) dates[i] = dateString((day += column.days[i]!), strings);
		return (row) => dates[row];
	}
	if ('names' in column) return (row) => column.names[column.at[row]!];
	return (row) => column.values[row];
}

/** `refs`: the columns holding task ids, packed as indexes into `ids` (the tasks' ids, in order). */
export function packRows<T extends object>(
	rows: T[],
	refs: readonly string[] = [],
	ids?: readonly string[]
): PackedRows<T> {
	if (rows.length === 0) return { rows };
	const keys = Object.keys(rows[0]!);
	const signature = keys.join('\u0000');
	if (!rows.every((row) => Object.keys(row).join('\u0000') === signature)) return { rows };
	const index = ids ? new Map(ids.map((id, i) => [id, i])) : null;
	const columns = keys.map((key) =>
		packColumn(
			rows.map((row) => (row as Record<string, unknown>)[key]),
			refs.includes(key),
			index
		)
	);
	return { count: rows.length, keys, columns };
}

export function unpackRows<T>(
	packed: PackedRows<T>,
	ids: readonly string[] | null = null,
	strings: DateStrings = new Map()
): T[] {
	if ('rows' in packed) return packed.rows;
	const readers = packed.columns.map((column) => unpackColumn(column, packed.count, ids, strings));
	const rows = new Array<T>(packed.count);
	for (let i = 0; i < packed.count; i += 1) {
		const row: Record<string, unknown> = {};
		for (let k = 0; k < packed.keys.length; k += 1) row[packed.keys[k]!] = readers[k]!(i);
		rows[i] = row as T;
	}
	return rows;
}

/** The tasks' ids, read first: a task's parent is packed as an index among them. */
function taskIds(packed: PackedPlan['tasks']): string[] {
	if ('rows' in packed) return packed.rows.map((t) => t.id);
	const column = packed.columns[packed.keys.indexOf('id')];
	if (!column) return [];
	const read = unpackColumn(column, packed.count, null);
	return Array.from({ length: packed.count }, (_, i) => read(i) as string);
}

export function packPlan(plan: MissionPlan): PackedPlan {
	const ids = plan.tasks.map((t) => t.id);
	return {
		...plan,
		packed: 1,
		tasks: packRows(plan.tasks, ['parentId'], ids),
		dependencies: packRows(plan.dependencies, ['predecessorId', 'successorId'], ids),
		milestoneLinks: packRows(plan.milestoneLinks, ['successorId'], ids)
	};
}

export function unpackPlan(packed: PackedPlan): MissionPlan {
	const { packed: _format, ...rest } = packed;
	const ids = taskIds(packed.tasks);
	const strings: DateStrings = new Map();
	const tasks = unpackRows(packed.tasks, ids, strings);
	return {
		...rest,
		tasks,
		dependencies: unpackRows(packed.dependencies, ids, strings),
		milestoneLinks: unpackRows(packed.milestoneLinks, ids, strings)
	};
}

// What the mission page's load sends: the packed plan as one JSON string. SvelteKit writes a
// load's objects into the page as a JavaScript literal (devalue walks every value, ~14 ms at 3 000
// tasks, and the browser compiles the literal); a string is copied as it is and read back with
// JSON.parse, the browser's fastest parser. The plan is the API's (missions.get answers it as JSON
// too), so JSON keeps everything it holds.

/** Packed and serialised once per plan: a cached plan (readMissionPlan) is one frozen object until a write. */
const serialised = new WeakMap<object, string>();

/**
 * Characters past Latin-1 written as JSON escapes (JSON.parse reads them back as they were): the
 * page keeps its string, and one "’" in a 3 000-task plan made all of it two bytes a character
 * in the browser's heap (437 KiB instead of 218).
 */
const latin1Only = (json: string) =>
	json.replace(/[\u0100-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * On the server, the frozen plans last sent, by their string: the page's rendering reads the plan
 * back from its data (planFromPage) right after the load packed it; decoding it again cost ~2 ms
 * and as much garbage a request at 1 000 tasks. A frozen plan (readMissionPlan's) cannot change,
 * so the rendering gets it as it is. Empty in the browser, which never calls planToPage.
 */
const sentPlans = new Map<string, MissionPlan>();
const SENT_PLANS = 8;

/** The plan as the mission page carries it. `plan` must not change afterwards (the cache keys on it). */
export function planToPage(plan: MissionPlan): string {
	let json = serialised.get(plan);
	if (json === undefined) {
		json = latin1Only(JSON.stringify(packPlan(plan)));
		serialised.set(plan, json);
	}
	if (Object.isFrozen(plan) && sentPlans.get(json) !== plan) {
		sentPlans.delete(json);
		if (sentPlans.size >= SENT_PLANS) sentPlans.delete(sentPlans.keys().next().value!);
		sentPlans.set(json, plan);
	}
	return json;
}

/** The plan back from the page's string (a frozen plan sent by this process: that plan). */
export function planFromPage(json: string): MissionPlan {
	return sentPlans.get(json) ?? unpackPlan(JSON.parse(json) as PackedPlan);
}
