// A small iCalendar (RFC 5545) writer: text escaping (§3.3.11), line folding at 75 octets
// (§3.1), CRLF after every line including the last, UTC DTSTAMP, all-day and timed events with
// the Europe/Paris VTIMEZONE. Written here rather than with ical-generator: version 11 needs
// Node 22 (Jalon supports Node 20.19+) and no version writes a VTIMEZONE without a second package.
import { withoutForbiddenCharacters } from '$lib/domain/text';
import type { IsoDate } from '$lib/domain/dates';

/** A TEXT value: backslash, semicolon, comma and line breaks escaped, control characters dropped. */
export function escapeText(value: string): string {
	return withoutForbiddenCharacters(value.replace(/\r\n?/g, '\n'), 'multi-line')
		.replace(/\t/g, ' ')
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\n/g, '\\n');
}

/** Folds a content line into lines of at most 75 octets, never inside a UTF-8 character. */
export function foldLine(line: string): string {
	const encoder = new TextEncoder();
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = encoder.encode(char).length;
		// Continuation lines start with a space, which counts in their 75 octets.
		const limit = parts.length === 0 ? 75 : 74;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** A UTC DATE-TIME: 20251201T220500Z. */
export function utcDateTime(date: Date): string {
	return date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

const compactDate = (date: IsoDate) => date.replace(/-/g, '');

export const PARIS_TIMEZONE = 'Europe/Paris';

// Central European Time since 1996: summer time from the last Sunday of March at 02:00 to the last
// Sunday of October at 03:00 (EU directive 2000/84/EC).
const PARIS_VTIMEZONE = [
	'BEGIN:VTIMEZONE',
	`TZID:${PARIS_TIMEZONE}`,
	'BEGIN:DAYLIGHT',
	'TZOFFSETFROM:+0100',
	'TZOFFSETTO:+0200',
	'TZNAME:CEST',
	'DTSTART:19700329T020000',
	'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
	'END:DAYLIGHT',
	'BEGIN:STANDARD',
	'TZOFFSETFROM:+0200',
	'TZOFFSETTO:+0100',
	'TZNAME:CET',
	'DTSTART:19701025T030000',
	'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
	'END:STANDARD',
	'END:VTIMEZONE'
];

export type CalendarEvent = {
	uid: string;
	summary: string;
	description?: string;
	url?: string;
} & (
	| { allDay: true; start: IsoDate; /** Exclusive, as RFC 5545 wants. */ endExclusive: IsoDate }
	| { allDay: false; start: IsoDate; /** Paris wall-clock time, HH:MM. */ time: string }
);

/** How long a timed event lasts in the feed: an hour, or until midnight when that comes first. */
export function timedEventMinutes(time: string): number {
	const [hours, minutes] = time.split(':').map(Number) as [number, number];
	return Math.max(1, Math.min(60, 24 * 60 - (hours * 60 + minutes)));
}

export interface CalendarOptions {
	name: string;
	productId: string;
	/** When the feed was built: every DTSTAMP. */
	stamp: Date;
	events: CalendarEvent[];
}

/** The whole VCALENDAR, CRLF-terminated. */
export function writeCalendar(options: CalendarOptions): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		`PRODID:${options.productId}`,
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`NAME:${escapeText(options.name)}`,
		`X-WR-CALNAME:${escapeText(options.name)}`,
		`X-WR-TIMEZONE:${PARIS_TIMEZONE}`
	];
	if (options.events.some((e) => !e.allDay)) lines.push(...PARIS_VTIMEZONE);
	const stamp = utcDateTime(options.stamp);
	for (const event of options.events) {
		lines.push('BEGIN:VEVENT', `UID:${escapeText(event.uid)}`, `DTSTAMP:${stamp}`);
		if (event.allDay) {
			lines.push(
				`DTSTART;VALUE=DATE:${compactDate(event.start)}`,
				`DTEND;VALUE=DATE:${compactDate(event.endExclusive)}`
			);
		} else {
			lines.push(
				`DTSTART;TZID=${PARIS_TIMEZONE}:${compactDate(event.start)}T${event.time.replace(':', '')}00`,
				// Without an end, a timed event lasts no time at all (RFC 5545 §3.6.1) and calendars
				// show nothing: an hour, ending by midnight (a deadline at 23:59 lasts a minute).
				`DURATION:PT${timedEventMinutes(event.time)}M`
			);
		}
		lines.push(`SUMMARY:${escapeText(event.summary)}`);
		if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
		// A URI is not TEXT: it is written as is, without characters that would break the line.
		if (event.url) lines.push(`URL;VALUE=URI:${[...event.url].filter((c) => c > ' ' && c !== '\u007f').join('')}`);
		lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
