// Copies every row of a Jalon database into an empty, migrated one, through each engine's Prisma
// client (it converts what differs between engines: booleans, enums, timestamps), then proves the
// copy: per table, the row count and a hash of the rows read back from the target equal the source's.
import crypto from 'node:crypto';
import { openDatabase, type Database } from '../sqlite/connection';
import { isPostgresUrl, openPostgres } from './postgres';

type Row = Record<string, unknown>;
type Delegate = {
	findMany(args?: object): Promise<Row[]>;
	createMany(args: { data: Row[] }): Promise<{ count: number }>;
	count(): Promise<number>;
};

export interface ModelShape {
	name: string;
	/** The Prisma client's property for the model (`PaymentTranche` → `paymentTranche`). */
	delegate: string;
	/** Scalar and enum fields, in schema order. */
	fields: string[];
	/** Models it points to (its foreign keys), itself excluded. */
	dependsOn: string[];
	/** Its own fields that point to another row of itself (a tree: `Task.parentId`). */
	selfKeys: string[];
}

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes']);

/** The models of a Prisma schema, parents before children (foreign keys point backwards). */
export function modelsOf(schema: string): ModelShape[] {
	const enums = new Set([...schema.matchAll(/^enum\s+(\w+)\s*\{/gm)].map((m) => m[1]!));
	const models = new Map<string, ModelShape>();
	for (const block of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
		const name = block[1]!;
		const shape: ModelShape = {
			name,
			delegate: name[0]!.toLowerCase() + name.slice(1),
			fields: [],
			dependsOn: [],
			selfKeys: []
		};
		for (const line of block[2]!.split('\n')) {
			const field = /^\s*(\w+)\s+(\w+)(\[\])?(\?)?/.exec(line);
			if (!field || line.trim().startsWith('//') || line.trim().startsWith('@@')) continue;
			const [, fieldName, type, list] = field;
			if (list) continue;
			if (SCALARS.has(type!) || enums.has(type!)) {
				shape.fields.push(fieldName!);
				continue;
			}
			const keys = /@relation\([^)]*fields:\s*\[([^\]]*)\]/.exec(line);
			if (!keys) continue;
			if (type === name) shape.selfKeys.push(...keys[1]!.split(',').map((k) => k.trim()));
			else if (!shape.dependsOn.includes(type!)) shape.dependsOn.push(type!);
		}
		models.set(name, shape);
	}
	const ordered: ModelShape[] = [];
	const state = new Map<string, 'visiting' | 'done'>();
	const visit = (shape: ModelShape) => {
		if (state.get(shape.name) === 'done') return;
		if (state.get(shape.name) === 'visiting') throw new Error(`cycle of foreign keys through ${shape.name}`);
		state.set(shape.name, 'visiting');
		for (const dependency of shape.dependsOn) {
			const target = models.get(dependency);
			if (target) visit(target);
		}
		state.set(shape.name, 'done');
		ordered.push(shape);
	};
	for (const shape of models.values()) visit(shape);
	return ordered;
}

/** Rows whose self keys point to rows listed before them (a parent before its children). */
export function parentsFirst(rows: Row[], selfKeys: string[]): Row[] {
	if (selfKeys.length === 0) return rows;
	const placed = new Set<unknown>();
	const ordered: Row[] = [];
	let pending = rows;
	while (pending.length > 0) {
		const next: Row[] = [];
		for (const row of pending) {
			const ready = selfKeys.every((key) => row[key] == null || placed.has(row[key]));
			if (ready) {
				ordered.push(row);
				placed.add(row.id);
			} else next.push(row);
		}
		if (next.length === pending.length) throw new Error('rows pointing to missing or circular parents');
		pending = next;
	}
	return ordered;
}

function canonical(value: unknown): unknown {
	if (value instanceof Date) return value.toISOString();
	if (typeof value === 'bigint') return value.toString();
	if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
	return value ?? null;
}

/** A hash of a table's rows, independent of the engine and of the order they are read in. */
export function tableHash(rows: Row[], fields: string[]): string {
	const lines = rows.map((row) => JSON.stringify(fields.map((field) => canonical(row[field])))).sort();
	const hash = crypto.createHash('sha256');
	for (const line of lines) hash.update(line).update('\n');
	return hash.digest('hex');
}

export interface TableReport {
	model: string;
	rows: number;
	hash: string;
}

export async function openAny(url: string): Promise<Database> {
	return isPostgresUrl(url) ? openPostgres(url, { max: 4 }) : openDatabase(url);
}

function delegateOf(client: unknown, shape: ModelShape): Delegate {
	return (client as Record<string, Delegate>)[shape.delegate]!;
}

/** Each model's row count and hash, in dependency order. */
export async function databaseHashes(db: Database, schema: string): Promise<TableReport[]> {
	const report: TableReport[] = [];
	for (const shape of modelsOf(schema)) {
		const rows = await delegateOf(db, shape).findMany();
		report.push({ model: shape.name, rows: rows.length, hash: tableHash(rows, shape.fields) });
	}
	return report;
}

const BATCH = 500;

export async function copyDatabase({
	from,
	to,
	schema,
	log = () => {}
}: {
	from: string;
	to: string;
	schema: string;
	log?: (line: string) => void;
}): Promise<TableReport[]> {
	if (from === to) throw new Error('la source et la cible sont la même base');
	const shapes = modelsOf(schema);
	const source = await openAny(from);
	const target = await openAny(to);
	try {
		for (const shape of shapes) {
			if ((await delegateOf(target, shape).count()) > 0) {
				throw new Error(`la base cible n’est pas vide (table ${shape.name}) : copiez dans une base neuve`);
			}
		}
		const expected: TableReport[] = [];
		const tables: { shape: ModelShape; rows: Row[] }[] = [];
		for (const shape of shapes) {
			const rows = await delegateOf(source, shape).findMany();
			expected.push({ model: shape.name, rows: rows.length, hash: tableHash(rows, shape.fields) });
			tables.push({ shape, rows: parentsFirst(rows, shape.selfKeys) });
		}
		await target.$transaction(
			async (tx) => {
				for (const { shape, rows } of tables) {
					const delegate = delegateOf(tx, shape);
					for (let i = 0; i < rows.length; i += BATCH) {
						const data = rows.slice(i, i + BATCH).map((row) => Object.fromEntries(shape.fields.map((f) => [f, row[f]])));
						await delegate.createMany({ data });
					}
					if (rows.length > 0) log(`${shape.name} : ${rows.length} lignes`);
				}
				for (const want of expected) {
					const shape = shapes.find((s) => s.name === want.model)!;
					const rows = await delegateOf(tx, shape).findMany();
					const got = tableHash(rows, shape.fields);
					if (rows.length !== want.rows || got !== want.hash) {
						throw new Error(
							`table ${want.model} : ${rows.length} lignes relues pour ${want.rows} copiées, ou contenu différent (annulé)`
						);
					}
				}
			},
			{ maxWait: 60_000, timeout: 30 * 60_000 }
		);
		return expected;
	} finally {
		await source.$disconnect();
		await target.$disconnect();
	}
}
