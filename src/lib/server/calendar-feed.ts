// The iCalendar feed of a mission: contractual deadlines and planned dates of deliverables,
// milestones (a week as a five-day event), and payment tranches at their due dates. All-day
// events with stable UIDs, so Outlook, Thunderbird and Google Calendar update rather than duplicate.
import ical from 'ical-generator';
import { addCalendarDays, toDate } from '$lib/domain/dates';
import type { FinanceView } from '$lib/domain/finance-view';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { formatEuros } from '$lib/domain/money';

export function missionCalendar(plan: MissionPlan, finance: FinanceView, publicUrl: string): string {
	const calendar = ical({
		name: `Jalon — ${plan.mission.title}`,
		prodId: { company: 'Jalon', product: 'jalon', language: 'FR' },
		timezone: 'Europe/Paris'
	});
	const day = (date: string, endExclusive: string, id: string, summary: string, description: string) =>
		calendar.createEvent({
			id: `${id}@jalon`,
			start: toDate(date),
			end: toDate(endExclusive),
			allDay: true,
			summary,
			description,
			url: publicUrl
		});
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
		day(m.date, addCalendarDays(m.endDate, 1), `milestone-${m.id}`, `Jalon — ${m.name}`, m.dateLabel);
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
	return calendar.toString();
}
