import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// precompress: the built JS and CSS are served gzipped and brotli'd (hooks compress the rest).
		adapter: adapter({ out: 'build', precompress: true }),
		// SvelteKit's origin check compares with the URL adapter-node builds, which assumes https
		// unless $ORIGIN is set; hooks.server.ts checks the whole Origin itself (http/same-origin.ts),
		// for every write (forms and the JSON API alike).
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'hash',
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
