// The one lock of the connection: every statement and transaction waits for it (see README.md).
export type Release = () => void;

/** Lock waits longer than this are logged: something held the database that long. */
const LONG_WAIT_MS = 1000;

/** A FIFO lock: one holder at a time. Knows since when it is held, for /api/health. */
export class Lock {
	#tail: Promise<void> = Promise.resolve();
	/** When the current holder got the lock (performance.now()), or null when free. */
	#heldSince: number | null = null;
	#waiting = 0;

	acquire(): Promise<Release> {
		let release!: Release;
		const next = new Promise<void>((resolve) => (release = resolve));
		const asked = performance.now();
		this.#waiting += 1;
		const ready = this.#tail.then(() => {
			this.#waiting -= 1;
			const now = performance.now();
			this.#heldSince = now;
			if (now - asked > LONG_WAIT_MS) {
				console.warn(`Jalon: attente du verrou SQLite de ${Math.round(now - asked)} ms`);
			}
			// Released once only, whatever path calls it (commit, rollback, a failed COMMIT).
			let released = false;
			return () => {
				if (released) return;
				released = true;
				this.#heldSince = null;
				release();
			};
		});
		this.#tail = this.#tail.then(() => next);
		return ready;
	}

	/** How long the current holder has held the lock, in ms (0 when free). */
	heldFor(): number {
		return this.#heldSince === null ? 0 : performance.now() - this.#heldSince;
	}

	/** Callers waiting for the lock. */
	get waiting(): number {
		return this.#waiting;
	}
}
