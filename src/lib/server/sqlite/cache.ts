// Values computed from the database, kept until anything writes (rule 5 of README.md).
const CACHE_ENTRIES = 200;

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const child of Object.values(value)) deepFreeze(child);
	}
	return value;
}

/**
 * The cache's entries, valid for one stamp of the database (see SqliteAccess.cached): any other
 * stamp empties it. Values are frozen, since every caller shares them, except the pending values
 * a write batch produced (keepPending), which the next write of the same kind updates.
 */
export class ValueCache {
	readonly #entries = new Map<string, unknown>();
	#stamp = '';
	/** Values the current write batch produced, cached once it commits; null outside a batch. */
	#pending: Map<string, unknown> | null = null;

	get stamp(): string {
		return this.#stamp;
	}

	/** Empties the cache if the database moved since it was filled; true if it was still valid. */
	sync(stamp: string): boolean {
		if (stamp === this.#stamp) return true;
		this.#entries.clear();
		this.#stamp = stamp;
		return false;
	}

	has(key: string): boolean {
		return this.#entries.has(key);
	}

	get<T>(key: string): T | undefined {
		return this.#entries.get(key) as T | undefined;
	}

	store<T>(key: string, value: T, freeze = true): T {
		const kept = freeze ? deepFreeze(value) : value;
		if (this.#entries.size >= CACHE_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
		this.#entries.set(key, kept);
		return kept;
	}

	pending<T>(key: string): { found: boolean; value: T | undefined } {
		return this.#pending?.has(key)
			? { found: true, value: this.#pending.get(key) as T }
			: { found: false, value: undefined };
	}

	keepPending(key: string, value: unknown): void {
		if (!this.#pending) throw new Error('keepPending() is for batchedTransaction work');
		this.#pending.set(key, value);
	}

	beginBatch(): void {
		this.#pending = new Map();
	}

	/** The batch committed at `stamp`: everything else cached is stale, its own values are fresh. */
	commitBatch(stamp: string): void {
		const produced = this.#pending ?? new Map<string, unknown>();
		this.#pending = null;
		this.#entries.clear();
		this.#stamp = stamp;
		for (const [key, value] of produced) this.store(key, value, false);
	}

	dropBatch(): void {
		this.#pending = null;
	}
}
