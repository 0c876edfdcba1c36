#!/usr/bin/env node
// `npm run restore -- <backup.db> [--force]`: puts a backup made by `npm run backup` in place of the
// database. Stop Jalon first (only one process may use the file). The current database and its
// -wal / -shm files are moved aside (…before-restore-<time>), never deleted: a stale -wal left
// beside the restored file would be replayed into it.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { databasePath } from './database-url.js';

const backup = process.argv.slice(2).find((arg) => arg !== '--force');
if (!backup || !fs.existsSync(backup)) {
	console.error('Usage : npm run restore -- <fichier de sauvegarde> [--force]');
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
// A -wal file means a connection is open (SQLite removes it when the last one closes) or the
// server crashed: refuse unless told that Jalon is stopped.
if (fs.existsSync(`${target}-wal`) && !process.argv.includes('--force')) {
	console.error(
		'Jalon: la base semble en cours d’utilisation (fichier -wal présent) ; arrêtez Jalon avant de restaurer, ' +
			'puis relancez avec --force si le fichier est toujours là (arrêt brutal).'
	);
	process.exit(1);
}
const aside = `before-restore-${new Date().toISOString().replace(/[:.]/g, '')}`;
for (const suffix of ['', '-wal', '-shm']) {
	if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, `${target}.${aside}${suffix}`);
}
fs.copyFileSync(backup, target);
console.log(`Jalon: ${backup} restaurée dans ${target} (l’ancienne base : ${target}.${aside}).`);
