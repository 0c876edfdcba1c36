// The iCalendar feed, read back with a calendar library (ical.js): events, all-day dates, UIDs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { buildMissionPlan } from '$lib/domain/mission-plan';
import { hashToken } from '$lib/server/auth/sessions';
import { missionCalendar } from '$lib/server/calendar-feed';
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

async function feed(today: string) {
	const plan = buildMissionPlan((await loadMissionRows(t.db, missionId))!, today);
	const finance = (await loadFinanceView(t.db, missionId, today))!;
	const component = new ICAL.Component(ICAL.parse(missionCalendar(plan, finance, 'https://jalon.example/missions/x')));
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
