// frappe-gantt 1.2.2 builds two Intl.DateTimeFormat objects every time it formats a date, and it
// formats each day of the chart while drawing (holiday highlights, headers): hundreds of
// constructions at ~50 µs each, the largest cost of a first frame (profiled: 155 of ~230 ms on
// the CUF mission). While it draws, constructions with the same arguments share one instance:
// formatters are immutable, so the output is the same.
const shared = new Map<string, Intl.DateTimeFormat>();

const SharedDateTimeFormat = new Proxy(Intl.DateTimeFormat, {
	construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
		const key = JSON.stringify(args);
		let formatter = shared.get(key);
		if (!formatter) {
			formatter = new target(...args);
			shared.set(key, formatter);
		}
		return formatter;
	}
});

/** Runs `draw` with Intl.DateTimeFormat constructions memoised, then puts the original back. */
export function withSharedDateFormats<T>(draw: () => T): T {
	const original = Intl.DateTimeFormat;
	Intl.DateTimeFormat = SharedDateTimeFormat;
	try {
		return draw();
	} finally {
		Intl.DateTimeFormat = original;
	}
}
