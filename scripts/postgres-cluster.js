// A throwaway PostgreSQL cluster from Debian's `postgresql` package, for tests, the soak and the
// bench: `initdb` in a temporary folder, a free port on 127.0.0.1, no service manager. Measured here:
// made and started in about a second. `initdb` refuses to run as root, so as root it runs as the
// `postgres` user (Debian's package creates it).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The folder of `initdb` and `pg_ctl`: $POSTGRES_BIN, else the newest under /usr/lib/postgresql. */
export function postgresBin() {
	if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0) {
		throw new Error(
			'PostgreSQL introuvable : installez le paquet Debian « postgresql » (apt-get install -y postgresql).'
		);
	}
	return path.join(root, /** @type {string} */ (versions[0]), 'bin');
}

/** @returns {Promise<number>} */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Runs a PostgreSQL program as the cluster's owner (the `postgres` user when we are root).
 * @param {string} bin
 * @param {string[]} args
 */
function run(bin, args) {
	const program = path.join(postgresBin(), bin);
	const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
	const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(`${bin} a échoué (${result.status}) : ${result.stderr || result.stdout}`);
	}
	return result.stdout;
}

/**
 * Makes and starts a cluster; `stop()` stops it and removes its folder. Settings favour speed over
 * durability (fsync off): a test cluster holds nothing worth keeping.
 */
export async function startCluster({ durable = false } = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-pg-'));
	const data = path.join(dir, 'data');
	if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
	fs.chmodSync(dir, 0o700);
	run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
	const port = await freePort();
	const options = [
		`-p ${port}`,
		`-k ${dir}`,
		'-c listen_addresses=127.0.0.1',
		'-c max_connections=200',
		...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'])
	].join(' ');
	run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '30', 'start']);
	const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
	return {
		dir,
		port,
		url,
		/** A URL on a new, empty database of this cluster. @param {string} name */
		createDatabase(name) {
			run('psql', [
				'-h',
				dir,
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				'postgres',
				'-qAt',
				'-c',
				`CREATE DATABASE "${name}"`
			]);
			return `postgresql://postgres@127.0.0.1:${port}/${name}`;
		},
		stop() {
			try {
				run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
