// The worker thread's side of heavy work. This module is also loaded by the main thread, only
// to learn its own URL: in the production build it is a chunk of the server bundle (loaded by
// run.ts through a dynamic import, so it keeps a file of its own), in development and tests
// the TypeScript source.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { HeavyJobName } from './jobs';

export const workerEntry = import.meta.url;

export interface HeavyRequest {
	id: number;
	job: HeavyJobName;
	args: unknown[];
}

export type HeavyReply =
	{ id: number; ok: true; result: unknown } | { id: number; ok: false; code: string | null; message: string };

async function serve(): Promise<void> {
	const port = parentPort!;
	const [{ heavyJobs }, { HeavyError }] = await Promise.all([import('./jobs'), import('./limits')]);
	port.on('message', async ({ id, job, args }: HeavyRequest) => {
		let reply: HeavyReply;
		try {
			const run = heavyJobs[job] as (...a: unknown[]) => unknown;
			reply = { id, ok: true, result: await run(...args) };
		} catch (error) {
			reply = {
				id,
				ok: false,
				code: error instanceof HeavyError ? error.code : null,
				message: error instanceof Error ? error.message : String(error)
			};
		}
		// Bytes (PDF, workbook) are moved to the main thread, not copied there.
		const result = reply.ok ? reply.result : null;
		const owned =
			result instanceof Uint8Array && result.byteOffset === 0 && result.byteLength === result.buffer.byteLength;
		port.postMessage(reply, owned ? [result.buffer as ArrayBuffer] : []);
	});
	port.postMessage({ ready: true });
}

if (!isMainThread && (workerData as { jalonHeavy?: boolean } | null)?.jalonHeavy === true) void serve();
