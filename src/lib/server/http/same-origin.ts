// Cross-site request forgery: every write (form post or JSON API call) must come from this site's
// own origin, scheme, host and port alike (as SvelteKit's csrf check does). SvelteKit's own check
// is switched off (svelte.config.js): it only covers form posts, and compares with the URL that
// adapter-node builds, whose scheme is https unless $ORIGIN or $PROTOCOL_HEADER say otherwise,
// while Jalon serves plain http and reaches https only through a proxy.

export interface OriginSource {
	/** The URL SvelteKit built for the request. */
	url: URL;
	/** Whether $ORIGIN or $PROTOCOL_HEADER tell adapter-node the public scheme (behind a proxy). */
	configured: boolean;
	/** adapter-node only: whether the connection itself is TLS (undefined under `vite dev`). */
	encrypted?: boolean;
}

/** This server's origin as a browser names it: scheme, host and port. */
export function serverOrigin({ url, configured, encrypted }: OriginSource): string {
	if (configured || encrypted === undefined) return url.origin;
	return `${encrypted ? 'https' : 'http'}://${url.host}`;
}

/** The serialised origin of an Origin header, or null when it is not a URL ("null", garbage). */
function originOf(value: string): string | null {
	try {
		const origin = new URL(value).origin;
		return origin === 'null' ? null : origin;
	} catch {
		return null;
	}
}

/** Whether a request is a write from another origin, to be refused. */
export function isCrossOriginWrite(request: {
	method: string;
	origin: string | null;
	fetchSite: string | null;
	expected: string;
}): boolean {
	if (request.method === 'GET' || request.method === 'HEAD') return false;
	if (request.fetchSite === 'cross-site') return true;
	return request.origin !== null && originOf(request.origin) !== request.expected;
}
