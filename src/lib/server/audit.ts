// The audit trail: one row per field changed, with who and when. Written in the same transaction
// as the change, so a refused edit leaves no trace and an accepted one always does.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { withSqlite, type SqliteAccess } from './db';
import { INSERT_AUDIT, LAST_EDITOR } from './sqlite/queries/audit';
import { get, run } from './sqlite/sql';
import type { Prisma } from './generated/prisma/client';
import type { AuthUser } from './auth/sessions';

type Tx = Prisma.TransactionClient;

export interface AuditChange {
	missionId: string | null;
	objectType: string;
	objectId: string;
	action: 'create' | 'update' | 'delete' | 'workflow' | 'erase';
	/** Field values before and after; only the fields that differ are recorded. */
	before?: Record<string, unknown>;
	after?: Record<string, unknown>;
}

function text(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	return typeof value === 'string' ? value : JSON.stringify(value);
}

type AuditRow = Omit<Prisma.AuditEventCreateManyInput, 'id' | 'at'>;

/** The rows a change writes: one per field whose value differs, or one bare row. */
export function auditRows(actor: AuthUser | null, change: AuditChange): AuditRow[] {
	const base = {
		missionId: change.missionId,
		objectType: change.objectType,
		objectId: change.objectId,
		action: change.action,
		actorId: actor?.id ?? null,
		actorName: actor?.name ?? 'Système'
	};
	const before = change.before ?? {};
	const after = change.after ?? {};
	const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
		(field) => field !== 'version' && text(before[field]) !== text(after[field])
	);
	if (fields.length === 0) return [base];
	return fields.map((field) => ({ ...base, field, before: text(before[field]), after: text(after[field]) }));
}

/** Writes a change's rows in the caller's transaction (the same writer as the drag path). */
export function recordAudit(tx: Tx, actor: AuthUser | null, change: AuditChange): Promise<void> {
	return withSqlite(tx, (sqlite) => recordAuditOn(sqlite, actor, [change]));
}

/** Writes several changes' rows in the caller's transaction. */
export function recordAudits(tx: Tx, actor: AuthUser | null, changes: AuditChange[]): Promise<void> {
	return withSqlite(tx, (sqlite) => recordAuditOn(sqlite, actor, changes));
}

/** The time every row of one procedure call carries, set by its first row. */
const callStamp = new AsyncLocalStorage<{ at?: string }>();

/**
 * Runs one procedure call: all the rows it writes carry the same time, so the history tells one
 * action from the next by it, however close together two actions come.
 */
export function auditedCall<T>(work: () => T): T {
	return callStamp.run({}, work);
}

function auditTime(): string {
	// DateTime as Prisma's adapter writes it, so both kinds of rows sort and read alike.
	const now = () => new Date().toISOString().replace('Z', '+00:00');
	const call = callStamp.getStore();
	if (!call) return now();
	call.at ??= now();
	return call.at;
}

/** The rows of several changes, on a connection held inside a transaction. */
export function recordAuditOn(sqlite: SqliteAccess, actor: AuthUser | null, changes: AuditChange[]): void {
	const at = auditTime();
	for (const change of changes) {
		for (const row of auditRows(actor, change)) {
			run(
				sqlite,
				INSERT_AUDIT,
				// Opaque ids: UUIDs here, where rows written before through Prisma have cuids.
				randomUUID(),
				row.missionId ?? null,
				row.actorId ?? null,
				row.actorName,
				at,
				row.objectType,
				row.objectId,
				row.action,
				row.field ?? null,
				row.before ?? null,
				row.after ?? null
			);
		}
	}
}

/** Who last changed an object, for "modifié entre-temps par …". */
export function lastEditor(tx: Tx, objectType: string, objectId: string): Promise<string> {
	return withSqlite(tx, (sqlite) => lastEditorOn(sqlite, objectType, objectId));
}

export function lastEditorOn(sqlite: SqliteAccess, objectType: string, objectId: string): string {
	const event = get(sqlite, LAST_EDITOR, objectType, objectId);
	return event?.actorName ?? 'un autre utilisateur';
}

/** The listed fields of a row, to record their values before a change. */
export function pick(row: object, fields: readonly string[]): Record<string, unknown> {
	const source = row as Record<string, unknown>;
	return Object.fromEntries(fields.map((f) => [f, source[f]]));
}
