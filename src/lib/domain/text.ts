// What text Jalon stores. Control characters and lone UTF-16 surrogates are refused at the door:
// they cannot be written in XML 1.0 (MS Project files), break iCalendar lines and CSV cells, and
// a lone surrogate is not even valid UTF-8 once stored.

// C0 controls, DEL and C1 controls; tab, line feed and carriage return are allowed only in
// multi-line fields. The Unicode line and paragraph separators (U+2028, U+2029) are line breaks
// too: accepted in a name, they printed as one run-on line in the PDF.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type TextKind = 'single-line' | 'multi-line';

export function hasForbiddenCharacters(value: string, kind: TextKind): boolean {
	const controls = kind === 'single-line' ? SINGLE_LINE_FORBIDDEN : MULTI_LINE_FORBIDDEN;
	return controls.test(value) || LONE_SURROGATE.test(value);
}

/** The same text with forbidden characters replaced by a space (imports keep what they can). */
export function withoutForbiddenCharacters(value: string, kind: TextKind): string {
	const controls = kind === 'single-line' ? SINGLE_LINE_FORBIDDEN : MULTI_LINE_FORBIDDEN;
	const global = new RegExp(`${controls.source}|${LONE_SURROGATE.source}`, 'g');
	return value.replace(global, ' ');
}
