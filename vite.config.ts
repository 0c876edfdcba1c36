import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000, strictPort: false },
	preview: { port: 3000 },
	ssr: {
		// Native module and generated client stay outside the server bundle.
		external: ['better-sqlite3']
	}
});
