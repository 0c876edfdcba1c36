import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// precompress: the built JS and CSS are served gzipped and brotli'd (hooks compress the rest).
		adapter: adapter({ out: 'build', precompress: true }),
		// SvelteKit's origin check compares with the URL adapter-node builds, which assumes https
		// unless $ORIGIN is set; hooks.server.ts checks the Origin's host against Host instead,
		// for every write (forms and the JSON API alike).
		csrf: { trustedOrigins: ['*'] },
		// Pages get a fresh nonce per response: a hash would be computed over the page's inline
		// script, which carries the load's data (SvelteKit's sha256 in JS: ~4–6 ms a 3 000-task page).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
