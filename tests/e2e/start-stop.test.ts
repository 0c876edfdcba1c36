// `npm start` stops cleanly: a signal to npm (or to scripts/start.js) stops the server it runs,
// and no process is left listening; a server that dies without being asked to is started again.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterAll(() => {
	for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check()) return true;
		await new Promise((r) => setTimeout(r, 200));
	}
	return false;
}

const answers = (url: string) =>
	fetch(`${url}/api/health`).then(
		(r) => r.ok,
		() => false
	);

/** True while any process of the group is alive. */
function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

async function startJalon(command: string[]) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-stop-'));
	dirs.push(dir);
	const port = await freePort();
	const child = spawn(command[0]!, command.slice(1), {
		cwd: path.resolve('.'),
		// Its own process group, so the test can see every process it started.
		detached: true,
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${path.join(dir, 'stop.db')}` },
		stdio: 'ignore'
	});
	const url = `http://127.0.0.1:${port}`;
	expect(await until(() => answers(url), 170_000)).toBe(true);
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, url, exited };
}

describe('npm start', () => {
	it('stops the server when npm gets SIGTERM', async () => {
		const { child, url } = await startJalon(['npm', 'start']);
		process.kill(child.pid!, 'SIGTERM');
		expect(await until(async () => !(await answers(url)), 15_000)).toBe(true);
		expect(await until(async () => !groupAlive(child.pid!), 15_000)).toBe(true);
	}, 200_000);

	it('forwards SIGINT from scripts/start.js to the server and exits with code 0', async () => {
		const { child, url, exited } = await startJalon([process.execPath, 'scripts/start.js']);
		process.kill(child.pid!, 'SIGINT');
		expect(await exited).toBe(0);
		expect(await answers(url)).toBe(false);
		expect(await until(async () => !groupAlive(child.pid!), 15_000)).toBe(true);
	}, 200_000);

	it('starts the server again when it is killed (kill -9), logs it, and still stops on SIGINT', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-stop-'));
		dirs.push(dir);
		const port = await freePort();
		const child = spawn(process.execPath, ['scripts/start.js'], {
			cwd: path.resolve('.'),
			detached: true,
			env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${path.join(dir, 'k.db')}` },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let log = '';
		child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
		child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
		const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		const url = `http://127.0.0.1:${port}`;
		expect(await until(() => answers(url), 170_000)).toBe(true);
		const pids = () => [...log.matchAll(/serveur démarré \(processus (\d+)\)/g)].map((m) => Number(m[1]));
		const [first] = pids();
		expect(first).toBeGreaterThan(0);

		process.kill(first!, 'SIGKILL');
		expect(await until(async () => pids().length === 2 && (await answers(url)), 60_000)).toBe(true);
		expect(log).toMatch(/le serveur s’est arrêté \(signal SIGKILL\) ; redémarrage/);
		expect(pids()[1]).not.toBe(first);

		process.kill(child.pid!, 'SIGINT');
		expect(await exited).toBe(0);
		expect(await answers(url)).toBe(false);
		expect(await until(async () => !groupAlive(child.pid!), 15_000)).toBe(true);
	}, 300_000);

	// Last: the build it interrupts is stopped long before it would replace build/.
	it('stops the build it is running when it gets SIGTERM, instead of leaving it running', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-stop-'));
		dirs.push(dir);
		const child = spawn(process.execPath, ['scripts/start.js'], {
			cwd: path.resolve('.'),
			detached: true,
			env: {
				...process.env,
				JALON_REBUILD: '1',
				PORT: String(await freePort()),
				DATABASE_URL: `file:${path.join(dir, 'b.db')}`
			},
			stdio: 'ignore'
		});
		const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		await new Promise((r) => setTimeout(r, 2000));
		process.kill(child.pid!, 'SIGTERM');
		expect(await exited).toBe(0);
		expect(await until(async () => !groupAlive(child.pid!), 15_000)).toBe(true);
	}, 60_000);
});
