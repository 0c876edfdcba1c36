// Runs heavy jobs (imports, PDF, XML, spreadsheets) in worker threads so that the request loop
// keeps answering: a small pool of workers (reused, created on demand), a bounded queue, and a
// time limit per job after which the worker is terminated. Only pure work goes there: the
// caller reads the database first and writes the result afterwards, on the main thread.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HeavyJobName, HeavyJobs } from './jobs';
import { HeavyError } from './limits';
import type { HeavyReply, HeavyRequest } from './worker';

/** $JALON_HEAVY_TIMEOUT_MS: a job running longer is stopped (30 s by default). */
export function heavyTimeoutMs(): number {
	const value = Number(process.env.JALON_HEAVY_TIMEOUT_MS);
	return Number.isFinite(value) && value > 0 ? value : 30_000;
}

/** Workers at once: one core stays for the request loop. */
const MAX_WORKERS = Math.max(1, Math.min(4, os.availableParallelism() - 1));
/** Jobs waiting for a worker beyond which new ones are refused (BUSY). */
const MAX_QUEUED = 16;
/** A job that fills its worker's heap fails alone instead of taking the server down. */
const WORKER_HEAP_MB = 512;

/** Loads the worker module (through tsx when it is TypeScript source). */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
	if (workerData.tsx) (await import('tsx/esm/api')).register();
	await import(workerData.entry);
})().catch((error) => { throw error; });
`;

interface Pending {
	request: Omit<HeavyRequest, 'id'>;
	timeoutMs: number;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

let nextId = 1;
let running = 0;
const idle: Worker[] = [];
const queue: Pending[] = [];

async function spawn(): Promise<Worker> {
	const { workerEntry } = await import('./worker');
	// In development and tests the entry is TypeScript: tsx compiles it (and resolves $lib).
	const worker = new Worker(BOOTSTRAP, {
		eval: true,
		workerData: { jalonHeavy: true, entry: workerEntry, tsx: workerEntry.endsWith('.ts') },
		resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
		stdout: false,
		stderr: false
	});
	await new Promise<void>((resolve, reject) => {
		const ready = (message: unknown) => {
			if ((message as { ready?: boolean }).ready) {
				worker.off('error', reject);
				resolve();
			}
		};
		worker.once('message', ready);
		worker.once('error', reject);
	});
	// A worker that dies while idle is not handed a job.
	worker.once('exit', () => {
		const index = idle.indexOf(worker);
		if (index >= 0) idle.splice(index, 1);
	});
	return worker;
}

function runOn(worker: Worker, pending: Pending): void {
	const id = nextId++;
	let done = false;
	const finish = (keep: boolean) => {
		done = true;
		clearTimeout(timer);
		worker.off('message', onMessage);
		worker.off('error', onError);
		worker.off('exit', onExit);
		running -= 1;
		if (keep) {
			worker.unref();
			idle.push(worker);
		} else void worker.terminate();
		pump();
	};
	const onMessage = (reply: HeavyReply) => {
		if (reply.id !== id || done) return;
		finish(true);
		if (reply.ok) pending.resolve(reply.result);
		else pending.reject(new HeavyError((reply.code as HeavyError['code']) ?? 'VALIDATION', reply.message));
	};
	const onError = (error: Error) => {
		if (done) return;
		finish(false);
		const memory = (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY';
		pending.reject(
			memory
				? new HeavyError('TOO_LARGE', 'Travail trop volumineux pour le serveur : réduisez le plan ou le fichier.')
				: error
		);
	};
	const onExit = () => onError(new Error('Heavy worker exited'));
	const timer = setTimeout(() => {
		if (done) return;
		finish(false);
		pending.reject(
			new HeavyError(
				'TOO_SLOW',
				`Travail interrompu après ${Math.round(pending.timeoutMs / 1000)} s : réduisez le plan ou le fichier.`
			)
		);
	}, pending.timeoutMs);
	worker.on('message', onMessage);
	worker.on('error', onError);
	worker.on('exit', onExit);
	worker.ref();
	try {
		worker.postMessage({ id, ...pending.request } satisfies HeavyRequest);
	} catch {
		// The structured clone refused the arguments (nested too deep for its recursion): this job
		// fails alone; the worker received nothing and stays usable.
		if (done) return;
		finish(true);
		pending.reject(new HeavyError('TOO_LARGE', 'Données trop imbriquées ou trop volumineuses pour être traitées.'));
	}
}

function pump(): void {
	while (queue.length > 0 && running < MAX_WORKERS) {
		const pending = queue.shift()!;
		running += 1;
		const worker = idle.pop();
		if (worker) runOn(worker, pending);
		else
			spawn().then(
				(fresh) => runOn(fresh, pending),
				(error: unknown) => {
					running -= 1;
					pending.reject(error);
					pump();
				}
			);
	}
}

/** Runs the named job in a worker thread; rejects with a HeavyError (French) when refused. */
export function runHeavy<N extends HeavyJobName>(
	job: N,
	args: Parameters<HeavyJobs[N]>,
	options: { timeoutMs?: number } = {}
): Promise<Awaited<ReturnType<HeavyJobs[N]>>> {
	if (queue.length >= MAX_QUEUED) {
		return Promise.reject(
			new HeavyError('BUSY', 'Le serveur prépare déjà beaucoup d’imports et d’exports : réessayez dans un instant.')
		);
	}
	return new Promise((resolve, reject) => {
		queue.push({
			request: { job, args },
			timeoutMs: options.timeoutMs ?? heavyTimeoutMs(),
			resolve: resolve as (value: unknown) => void,
			reject
		});
		pump();
	});
}
