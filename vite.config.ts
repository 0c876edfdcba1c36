import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [sveltekit()],
	build: {
		// Readable CPU profiles: JALON_NO_MINIFY=1 npm run build (never for shipping).
		...(process.env.JALON_NO_MINIFY === '1' ? { minify: false } : {}),
		rollupOptions: {
			// @trpc/client's modules have no side effects, but its package does not say so: without
			// this, the links the browser never uses (WebSocket, logger, local) ship with every page.
			treeshake: { moduleSideEffects: (id: string) => !/node_modules\/@trpc\/client\//.test(id) }
		}
	},
	server: { port: 3000, strictPort: false },
	preview: { port: 3000 },
	ssr: {
		// Native module and generated client stay outside the server bundle.
		external: ['better-sqlite3']
	}
});
