// The audit trail (audit.ts): written in the caller's transaction, on the connection.
import { column as c, columns, statement, table, type Picked } from '../sql';

type Nullable = string | null;

export const INSERT_AUDIT = statement<
	never,
	[
		id: string,
		missionId: Nullable,
		actorId: Nullable,
		actorName: string,
		at: string,
		objectType: string,
		objectId: string,
		action: string,
		field: Nullable,
		before: Nullable,
		after: Nullable
	]
>(
	`INSERT INTO ${table('AuditEvent')} (${columns('AuditEvent', [
		'id',
		'missionId',
		'actorId',
		'actorName',
		'at',
		'objectType',
		'objectId',
		'action',
		'field',
		'before',
		'after'
	])}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
);

export const LAST_EDITOR = statement<Picked<'AuditEvent', 'actorName'>, [objectType: string, objectId: string]>(
	`SELECT ${c('AuditEvent', 'actorName')} FROM ${table('AuditEvent')}
	WHERE ${c('AuditEvent', 'objectType')} = ? AND ${c('AuditEvent', 'objectId')} = ?
	ORDER BY ${c('AuditEvent', 'at')} DESC LIMIT 1`
);
