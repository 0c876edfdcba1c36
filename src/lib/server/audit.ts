// The audit trail: one row per field changed, with who and when. Written in the same transaction
// as the change, so a refused edit leaves no trace and an accepted one always does.
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

export async function recordAudit(tx: Tx, actor: AuthUser | null, change: AuditChange): Promise<void> {
	const actorFields = { actorId: actor?.id ?? null, actorName: actor?.name ?? 'Système' };
	const base = {
		missionId: change.missionId,
		objectType: change.objectType,
		objectId: change.objectId,
		action: change.action,
		...actorFields
	};
	const before = change.before ?? {};
	const after = change.after ?? {};
	const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
		(field) => field !== 'version' && text(before[field]) !== text(after[field])
	);
	if (fields.length === 0) {
		await tx.auditEvent.create({ data: base });
		return;
	}
	await tx.auditEvent.createMany({
		data: fields.map((field) => ({ ...base, field, before: text(before[field]), after: text(after[field]) }))
	});
}

/** Who last changed an object, for "modifié entre-temps par …". */
export async function lastEditor(tx: Tx, objectType: string, objectId: string): Promise<string> {
	const event = await tx.auditEvent.findFirst({ where: { objectType, objectId }, orderBy: { at: 'desc' } });
	return event?.actorName ?? 'un autre utilisateur';
}

/** The listed fields of a row, to record their values before a change. */
export function pick(row: object, fields: readonly string[]): Record<string, unknown> {
	const source = row as Record<string, unknown>;
	return Object.fromEntries(fields.map((f) => [f, source[f]]));
}
