// Code only needed once the user acts (edits, drag handling, in-place editors) stays out of the
// page's first load: it is imported on first use, or as soon as the user starts interacting (a
// press, a key, a focus), which comes before any edit. One load per module, shared by every caller.

export interface LazyModule<T> {
	/** The module, loading it on the first call; every call before the load ends gets the same one. */
	load(): Promise<T>;
	/** The module if already loaded (for code that must answer synchronously). */
	readonly loaded: T | undefined;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
	let loading: Promise<T> | undefined;
	let loaded: T | undefined;
	return {
		load() {
			if (!loading) {
				loading = importer().then((module) => (loaded = module));
				// A failed load (network down) is retried on the next call instead of failing forever.
				loading.catch(() => (loading = undefined));
			}
			return loading;
		},
		get loaded() {
			return loaded;
		}
	};
}

/** The events that announce an interaction (a press, a key, a focus, a pointer coming over). */
export const INTERACTION_EVENTS = ['pointerdown', 'keydown', 'focusin'] as const;

/**
 * Starts loading `modules` at the first of `types` on `target` (the window by default), without
 * waiting for it; answers a function that removes the listeners. Does nothing on the server.
 */
export function preloadOn(
	modules: readonly LazyModule<unknown>[],
	types: readonly string[] = INTERACTION_EVENTS,
	target: EventTarget | undefined = typeof window === 'undefined' ? undefined : window
): () => void {
	if (!target) return () => {};
	const controller = new AbortController();
	const preload = () => {
		controller.abort();
		// A failure here is retried by the call that needs the module.
		for (const module of modules) module.load().catch(() => {});
	};
	for (const type of types)
		target.addEventListener(type, preload, { capture: true, passive: true, signal: controller.signal });
	return () => controller.abort();
}
