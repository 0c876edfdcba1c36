import { describe, expect, it, vi } from 'vitest';
import { lazyModule, preloadOn } from './lazy-module';

/** An importer whose load the test ends by hand. */
function deferredImporter<T>() {
	let resolve!: (module: T) => void;
	let reject!: (error: Error) => void;
	const importer = vi.fn(
		() =>
			new Promise<T>((res, rej) => {
				resolve = res;
				reject = rej;
			})
	);
	return { importer, resolve: (m: T) => resolve(m), reject: (e: Error) => reject(e) };
}

describe('a lazily imported module', () => {
	it('is imported once, however many callers ask before and after it is loaded', async () => {
		const { importer, resolve } = deferredImporter<{ answer: number }>();
		const lazy = lazyModule(importer);
		expect(importer).not.toHaveBeenCalled();
		expect(lazy.loaded).toBeUndefined();
		const first = lazy.load();
		const second = lazy.load();
		resolve({ answer: 42 });
		expect(await first).toEqual({ answer: 42 });
		expect(await second).toBe(await first);
		expect(await lazy.load()).toBe(await first);
		expect(lazy.loaded).toBe(await first);
		expect(importer).toHaveBeenCalledTimes(1);
	});

	it('does not lose a call made before the load ends: it runs once the module is there', async () => {
		const { importer, resolve } = deferredImporter<{ save: (x: string) => string }>();
		const lazy = lazyModule(importer);
		const saved: string[] = [];
		const call = lazy.load().then((m) => m.save('drag'));
		await Promise.resolve();
		expect(saved).toEqual([]);
		resolve({ save: (x) => (saved.push(x), `saved ${x}`) });
		expect(await call).toBe('saved drag');
		expect(saved).toEqual(['drag']);
	});

	it('tries again after a failed load instead of failing forever', async () => {
		let attempt = 0;
		const lazy = lazyModule(async () => {
			attempt += 1;
			if (attempt === 1) throw new Error('network down');
			return { ok: true };
		});
		await expect(lazy.load()).rejects.toThrow('network down');
		expect(await lazy.load()).toEqual({ ok: true });
		expect(attempt).toBe(2);
	});
});

describe('preloading on the first interaction', () => {
	it('starts the load at the first announced event, once, and not before', async () => {
		const { importer, resolve } = deferredImporter<object>();
		const lazy = lazyModule(importer);
		const target = new EventTarget();
		preloadOn([lazy], ['pointerdown', 'keydown'], target);
		target.dispatchEvent(new Event('scroll'));
		expect(importer).not.toHaveBeenCalled();
		target.dispatchEvent(new Event('pointerdown'));
		target.dispatchEvent(new Event('keydown'));
		target.dispatchEvent(new Event('pointerdown'));
		expect(importer).toHaveBeenCalledTimes(1);
		resolve({});
		await lazy.load();
		expect(importer).toHaveBeenCalledTimes(1);
	});

	it('does nothing once removed, and swallows a failed preload (the caller that needs it retries)', async () => {
		const failing = lazyModule(() => Promise.reject(new Error('offline')));
		const target = new EventTarget();
		const remove = preloadOn([failing], ['keydown'], target);
		target.dispatchEvent(new Event('keydown'));
		await new Promise((r) => setTimeout(r, 0));
		const unused = vi.fn(() => Promise.resolve({}));
		preloadOn([lazyModule(unused)], ['keydown'], target)();
		remove();
		target.dispatchEvent(new Event('keydown'));
		expect(unused).not.toHaveBeenCalled();
	});
});
