#!/usr/bin/env node
// `npm run restore -- <backup.db>`: puts a backup made by `npm run backup` in place of the
// database. Stop Jalon first (only one process may use the file). The current database and its
// -wal / -shm files are moved aside (…before-restore-<time>), never deleted: a stale -wal left
// beside the restored file would be replayed into it.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { databasePath } from './database-url.js';

const backup = process.argv[2];
if (!backup || !fs.existsSync(backup)) {
	console.error('Usage : npm run restore -- <fichier de sauvegarde>');
	process.exit(1);
}
const check = new Database(backup, { readonly: true, fileMustExist: true });
const integrity = check.pragma('integrity_check', { simple: true });
check.close();
if (integrity !== 'ok') {
	console.error(`Jalon: la sauvegarde ${backup} est incohérente (${integrity}) ; rien n’a été changé.`);
	process.exit(1);
}
const target = databasePath();
// Refuse while a server has the database open: leaving WAL mode needs the only connection.
if (fs.existsSync(target)) {
	const live = new Database(target, { fileMustExist: true, timeout: 0 });
	let alone = false;
	try {
		alone = live.pragma('journal_mode = DELETE', { simple: true }) === 'delete';
	} catch {
		alone = false;
	} finally {
		live.close();
	}
	if (!alone) {
		console.error('Jalon: la base est en cours d’utilisation ; arrêtez Jalon avant de restaurer.');
		process.exit(1);
	}
}
const aside = `before-restore-${new Date().toISOString().replace(/[:.]/g, '')}`;
for (const suffix of ['', '-wal', '-shm']) {
	if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, `${target}.${aside}${suffix}`);
}
fs.copyFileSync(backup, target);
console.log(`Jalon: ${backup} restaurée dans ${target} (l’ancienne base : ${target}.${aside}).`);
