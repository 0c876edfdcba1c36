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
	return () => {
		child.kill();
		fs.rmSync(dir, { recursive: true, force: true });
	};
}
