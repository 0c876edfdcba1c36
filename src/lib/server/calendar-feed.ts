// The iCalendar feed of a mission: contractual deadlines and planned dates of deliverables,
// milestones (a week as a five-day event, a milestone with a time as a timed event in
// Europe/Paris), and payment tranches at their due dates. Stable UIDs, so Outlook, Thunderbird
// and Google Calendar update rather than duplicate.
import { addCalendarDays } from '$lib/domain/dates';
import type { FinanceView } from '$lib/domain/finance-view';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { formatEuros } from '$lib/domain/money';
import { writeCalendar, type CalendarEvent } from './exchange/icalendar';

/**
 * The origin links in the feed point to. adapter-node without $ORIGIN (nor $PROTOCOL_HEADER)
 * reports https for a server it serves over plain HTTP; the configured origin wins, else the
 * request's own scheme.
 */
export function publicOrigin(url: URL, env: Record<string, string | undefined> = process.env): string {
	const configured = env.ORIGIN?.trim();
	if (configured) return configured.replace(/\/+$/, '');
	if (url.protocol === 'https:' && !env.PROTOCOL_HEADER) return `http://${url.host}`;
	return url.origin;
}

export function missionCalendar(
	plan: MissionPlan,
	finance: FinanceView,
	publicUrl: string,
	now: Date = new Date()
): string {
	const events: CalendarEvent[] = [];
	const day = (date: string, endExclusive: string, id: string, summary: string, description: string) =>
		events.push({ uid: `${id}@jalon`, allDay: true, start: date, endExclusive, summary, description, url: publicUrl });
	for (const d of plan.deliverables) {
		day(
			d.contractualDeadline,
			addCalendarDays(d.contractualDeadline, 1),
			`deliverable-${d.id}-deadline`,
			`Échéance du livrable ${d.number} — ${d.title}`,
			`Échéance contractuelle (${d.ruleLabel}).`
		);
		if (d.plannedDate !== d.contractualDeadline) {
			day(
				d.plannedDate,
				addCalendarDays(d.plannedDate, 1),
				`deliverable-${d.id}-planned`,
				`Livrable ${d.number} prévu — ${d.title}`,
				'Date prévue au planning.'
			);
		}
	}
	for (const m of plan.milestones) {
		if (m.timeOfDay && !m.isWeek) {
			events.push({
				uid: `milestone-${m.id}@jalon`,
				allDay: false,
				start: m.date,
				time: m.timeOfDay,
				summary: `Jalon — ${m.name}`,
				description: m.dateLabel,
				url: publicUrl
			});
		} else day(m.date, addCalendarDays(m.endDate, 1), `milestone-${m.id}`, `Jalon — ${m.name}`, m.dateLabel);
	}
	for (const t of finance.tranches) {
		const due = t.dueDate ?? t.expectedDate;
		if (!due) continue;
		day(
			due,
			addCalendarDays(due, 1),
			`tranche-${t.id}`,
			`Paiement — ${t.label} (${formatEuros(t.amountTtcCents)} TTC)`,
			`${t.statusLabel}. ${t.dueDate ? 'Échéance de paiement de la facture.' : 'Date attendue du déclencheur.'}`
		);
	}
	return writeCalendar({
		name: `Jalon — ${plan.mission.title}`,
		productId: '-//Jalon//jalon//FR',
		stamp: now,
		events
	});
}
