// Starts Jalon the way a user does (`node scripts/start.js`: build, migrate, seed on first
// start) on a fresh temporary database and a free port, for the browser tests.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		/** The CUF mission's JSON backup as seeded, before any test changed it. */
		cufBackup: unknown;
	}
}

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

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`Jalon exited with code ${child.exitCode}`);
		try {
			const response = await fetch(`${url}/api/health`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`Jalon did not answer ${url}/api/health within ${timeoutMs} ms`);
}

/**
 * The seeded CUF mission's backup, read once before any test runs: test files that copy it start
 * from the same plan whatever the files before them did to the shared mission.
 */
async function seededCufBackup(baseUrl: string): Promise<unknown> {
	const login = await fetch(`${baseUrl}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: 'coordination@demo.jalon.fr', password: 'demo-jalon-2025' })
	});
	const cookie = login.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	if (!cookie) throw new Error(`log-in for the CUF backup failed (${login.status})`);
	const list = (await (await fetch(`${baseUrl}/api/trpc/missions.list`, { headers: { cookie } })).json()) as {
		result: { data: { id: string; clientOrganisation: string }[] };
	};
	const cuf = list.result.data.find((m) => m.clientOrganisation === 'Cités Unies France');
	if (!cuf) throw new Error('The seeded CUF mission is missing');
	const backup = await fetch(`${baseUrl}/missions/${cuf.id}/export.json`, { headers: { cookie } });
	if (!backup.ok) throw new Error(`CUF backup: ${backup.status}`);
	return backup.json();
}

export default async function setup(project: TestProject) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalon-e2e-'));
	const port = await freePort();
	const log = fs.openSync(path.join(dir, 'server.log'), 'w');
	const child = spawn(process.execPath, ['scripts/start.js'], {
		cwd: path.resolve('.'),
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: `file:${path.join(dir, 'e2e.db')}`,
			// One demo account per role on the CUF mission, and a known administrator password.
			JALON_DEMO_USERS: '1',
			JALON_ADMIN_EMAIL: 'admin@e2e.jalon.fr',
			JALON_ADMIN_PASSWORD: 'admin-e2e-password'
		},
		stdio: ['ignore', log, log]
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	try {
		await waitForHealth(baseUrl, child, 170_000);
	} catch (error) {
		child.kill();
		console.error(fs.readFileSync(path.join(dir, 'server.log'), 'utf8'));
		throw error;
	}
	project.provide('baseUrl', baseUrl);
	project.provide('cufBackup', await seededCufBackup(baseUrl));
	return () => {
		child.kill();
		fs.rmSync(dir, { recursive: true, force: true });
	};
}
