import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const alias = { $lib: path.resolve('src/lib') };

export default defineConfig({
	resolve: { alias },
	test: {
		projects: [
			{
				// Compiles the runes of state classes (*.svelte.ts) tested beside their components.
				plugins: [svelte()],
				resolve: { alias, conditions: ['browser'] },
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
					environment: 'node',
					benchmark: { include: ['tests/bench/**/*.bench.ts'] }
				}
			},
			{
				resolve: { alias },
				test: {
					name: 'api',
					include: ['tests/api/**/*.test.ts'],
					environment: 'node',
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				resolve: { alias },
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/e2e/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 180_000,
					fileParallelism: false
				}
			}
		]
	}
});
