// The iCalendar feed, read back with a calendar library (ical.js): events, all-day dates, UIDs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { buildMissionPlan } from '$lib/domain/mission-plan';
import { hashToken } from '$lib/server/auth/sessions';
import { missionCalendar, publicOrigin } from '$lib/server/calendar-feed';
import { foldLine } from '$lib/server/exchange/icalendar';
import { loadFinanceView } from '$lib/server/finance-data';
import { loadMissionRows } from '$lib/server/mission-data';
import { seedCufMission } from '$lib/server/seed';
import { callerFor, createTestDatabase, type TestDatabase } from '../support/test-database';

let t: TestDatabase;
let missionId: string;

beforeAll(async () => {
	t = await createTestDatabase();
	missionId = await seedCufMission(t.db);
});

afterAll(async () => {
	await t.close();
});

async function feedText(today: string, title?: string) {
	const plan = buildMissionPlan((await loadMissionRows(t.db, missionId))!, today);
	const finance = (await loadFinanceView(t.db, missionId, today))!;
	const titled = title === undefined ? plan : { ...plan, mission: { ...plan.mission, title } };
	return missionCalendar(titled, finance, 'https://jalon.example/missions/x', new Date('2025-12-01T10:15:30+01:00'));
}

async function feed(today: string) {
	const component = new ICAL.Component(ICAL.parse(await feedText(today)));
	return component.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
}

describe('calendar feed', () => {
	it('has the deliverables’ deadlines, the milestones and the tranches, as all-day events', async () => {
		const events = await feed('2025-12-01');
		const find = (prefix: string) => events.find((e) => e.summary.startsWith(prefix))!;
		const audit = find('Échéance du livrable 1');
		expect(audit.startDate.isDate).toBe(true);
		expect(audit.startDate.toString()).toBe('2025-12-15');
		expect(find('Échéance du livrable 3').startDate.toString()).toBe('2026-03-09');
		// A "semaine du" milestone spans Monday to Friday (end exclusive: Saturday).
		const diagnostic = find('Jalon — Livraison du diagnostic complet');
		expect([diagnostic.startDate.toString(), diagnostic.endDate.toString()]).toEqual(['2026-02-09', '2026-02-14']);
		const signature = events.find((e) => e.summary.startsWith('Paiement — Signature du contrat'))!;
		expect(signature.summary.replace(/[\u00a0\u202f]/g, ' ')).toContain('6 000,00 € TTC');
		expect(signature.startDate.toString()).toBe('2025-11-24');
		// Stable UIDs: a refreshed feed updates events instead of duplicating them.
		const again = await feed('2025-12-02');
		expect(again.map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort());
	});

	it('follows RFC 5545: UTC stamps, escaped texts, folded lines, CRLF after the last line', async () => {
		// Titles stored before control characters were refused may still hold a line break.
		const title = 'Étude CUF\nLot 2; phase, suite \\ fin';
		const body = await feedText('2025-12-01', title);
		expect(body.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(body.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of body.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		const stamps = [...body.matchAll(/^DTSTAMP:(.*)$/gm)].map((m) => m[1]!.trim());
		expect(new Set(stamps)).toEqual(new Set(['20251201T091530Z']));
		// ical.js reads unknown properties as raw strings; NAME (RFC 7986) and X-WR-CALNAME are TEXT.
		for (const name of ['name', 'x-wr-calname']) ICAL.design.icalendar.property[name] = { defaultType: 'text' };
		const calendar = new ICAL.Component(ICAL.parse(body));
		expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(`Jalon — ${title}`);
		expect(calendar.getFirstPropertyValue('name')).toBe(`Jalon — ${title}`);
		expect(calendar.getAllSubcomponents('vevent').length).toBeGreaterThan(5);
	});

	it('a milestone with a time is a timed event in Europe/Paris', async () => {
		const body = await feedText('2025-12-01');
		const calendar = new ICAL.Component(ICAL.parse(body));
		const zone = calendar.getFirstSubcomponent('vtimezone')!;
		expect(zone.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
		ICAL.TimezoneService.register(zone);
		const bid = calendar
			.getAllSubcomponents('vevent')
			.map((e) => new ICAL.Event(e))
			.find((e) => e.summary === 'Jalon — Soumission des offres')!;
		expect(bid.startDate.isDate).toBe(false);
		expect(bid.startDate.toString()).toBe('2025-11-13T23:59:00');
		expect(bid.startDate.zone?.tzid).toBe('Europe/Paris');
		// 23:59 in Paris in November (UTC+1) is 22:59 UTC.
		expect(bid.startDate.toJSDate().toISOString()).toBe('2025-11-13T22:59:00.000Z');
		// It has an end (it lasted 0 minutes without one): a deadline at 23:59 ends at midnight.
		expect(bid.endDate.toString()).toBe('2025-11-14T00:00:00');
		expect(bid.duration.toSeconds()).toBe(60);
		ICAL.TimezoneService.remove('Europe/Paris');
	});

	it('a timed milestone in the day lasts an hour; every timed event has exactly one end (DURATION, no DTEND)', async () => {
		const api = callerFor(t.db);
		await api.milestones.create({
			missionId,
			name: 'Comité de pilotage',
			kind: 'STEERING',
			dateRule: { kind: 'FIXED_DATE', date: '2026-01-20' },
			timeOfDay: '14:30'
		});
		const body = await feedText('2025-12-01');
		const calendar = new ICAL.Component(ICAL.parse(body));
		ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
		const events = calendar.getAllSubcomponents('vevent');
		const committee = new ICAL.Event(
			events.find((e) => e.getFirstPropertyValue('summary') === 'Jalon — Comité de pilotage')!
		);
		expect([committee.startDate.toString(), committee.endDate.toString()]).toEqual([
			'2026-01-20T14:30:00',
			'2026-01-20T15:30:00'
		]);
		for (const e of events) {
			const timed = !(e.getFirstPropertyValue('dtstart') as ICAL.Time).isDate;
			// RFC 5545 §3.6.1: DTEND and DURATION never together.
			expect(e.hasProperty('dtend') && e.hasProperty('duration')).toBe(false);
			if (timed) expect(e.hasProperty('duration')).toBe(true);
		}
		ICAL.TimezoneService.remove('Europe/Paris');
	});

	it('folds long lines without cutting a character, and links use the configured origin', () => {
		const line = `SUMMARY:${'é'.repeat(100)}`;
		const folded = foldLine(line);
		for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
		expect(folded.replace(/\r\n /g, '')).toBe(line);
		const plain = new URL('https://localhost:4105/calendar/x.ics');
		expect(publicOrigin(plain, {})).toBe('http://localhost:4105');
		expect(publicOrigin(plain, { ORIGIN: 'https://jalon.example.org/' })).toBe('https://jalon.example.org');
		expect(publicOrigin(plain, { PROTOCOL_HEADER: 'x-forwarded-proto' })).toBe('https://localhost:4105');
		expect(publicOrigin(new URL('http://127.0.0.1:3000/calendar/x.ics'), {})).toBe('http://127.0.0.1:3000');
	});

	it('an invoiced tranche moves to its payment due date', async () => {
		const api = callerFor(t.db, '2025-12-01');
		const trancheId = (await api.finance.get({ missionId })).tranches[0]!.id;
		await api.finance.invoice({ trancheId, invoiceNumber: 'F-9', invoiceDate: '2025-11-28' });
		const events = await feed('2025-12-01');
		expect(events.find((e) => e.summary.startsWith('Paiement — Signature'))!.startDate.toString()).toBe('2025-12-28');
	});

	it('a feed token is stored hashed and can be revoked', async () => {
		const api = callerFor(t.db);
		const { path } = await api.calendar.createFeed({ missionId });
		const token = path.replace('/calendar/', '').replace('.ics', '');
		const stored = await t.db.calendarFeed.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
		expect(stored.tokenHash).not.toContain(token);
		const [listed] = await api.calendar.feeds({ missionId });
		await api.calendar.revokeFeed({ missionId, feedId: listed!.id });
		expect((await t.db.calendarFeed.findUniqueOrThrow({ where: { id: stored.id } })).revokedAt).not.toBeNull();
		expect(await api.calendar.feeds({ missionId })).toEqual([]);
	});
});
