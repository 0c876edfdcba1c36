// Where to send the browser after log-in: only a path of this site (no open redirect).
const BASE = 'http://jalon.invalid';

/**
 * The same-origin path `target` names, or `fallback`. Browsers read `\` as `/` and drop tabs and
 * line breaks, so `/\evil.example` or `/\t/evil.example` would leave the site: any backslash or
 * control character refuses the target, and the URL parser has the last word on the origin.
 */
export function safeRedirectPath(target: string | null | undefined, fallback = '/'): string {
	if (!target || !target.startsWith('/') || target.startsWith('//')) return fallback;
	// eslint-disable-next-line no-control-regex
	if (/[\\\u0000-\u001f\u007f]/.test(target)) return fallback;
	try {
		const url = new URL(target, BASE);
		if (url.origin !== BASE) return fallback;
		return url.pathname + url.search + url.hash;
	} catch {
		return fallback;
	}
}
