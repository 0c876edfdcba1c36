// Builds the SVAR Svelte Gantt baseline page of `npm run bench` (a development-only peer: a
// virtualized Svelte Gantt fed the same tasks as Jalon's chart) in $TMPDIR/jalon-bench-svar, outside
// the repository so that no checker reads the bundle.
import os from 'node:os';
import path from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const here = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
	root: here,
	base: './',
	logLevel: 'warn',
	plugins: [svelte()],
	build: { outDir: path.join(os.tmpdir(), 'jalon-bench-svar'), emptyOutDir: true }
});
