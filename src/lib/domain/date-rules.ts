// Deadlines as the terms of reference state them: either a fixed calendar date, or
// "N jours / semaines / jours ouvrés après démarrage" counted from the mission's kick-off.
import { addWorkingDays } from './calendar';
import { addCalendarDays, formatDateFr, type IsoDate } from './dates';

export type OffsetUnit = 'DAYS' | 'WEEKS' | 'WORKING_DAYS';

export type DateRule = { kind: 'FIXED_DATE'; date: IsoDate } | { kind: 'OFFSET'; amount: number; unit: OffsetUnit };

/** The calendar date a rule gives for a mission that starts on `kickoff`. */
export function resolveDateRule(rule: DateRule, kickoff: IsoDate): IsoDate {
	if (rule.kind === 'FIXED_DATE') return rule.date;
	switch (rule.unit) {
		case 'DAYS':
			return addCalendarDays(kickoff, rule.amount);
		case 'WEEKS':
			return addCalendarDays(kickoff, rule.amount * 7);
		case 'WORKING_DAYS':
			return addWorkingDays(kickoff, rule.amount);
	}
}

const UNIT_LABELS: Record<OffsetUnit, [singular: string, plural: string]> = {
	DAYS: ['jour', 'jours'],
	WEEKS: ['semaine', 'semaines'],
	WORKING_DAYS: ['jour ouvré', 'jours ouvrés']
};

/** "3 semaines après démarrage", "le 13/11/2025" */
export function describeDateRule(rule: DateRule): string {
	if (rule.kind === 'FIXED_DATE') return `le ${formatDateFr(rule.date)}`;
	const [singular, plural] = UNIT_LABELS[rule.unit];
	const unit = Math.abs(rule.amount) > 1 ? plural : singular;
	if (rule.amount === 0) return 'au démarrage';
	return rule.amount > 0 ? `${rule.amount} ${unit} après démarrage` : `${-rule.amount} ${unit} avant démarrage`;
}

/** Builds a rule from the flat columns the database stores; null when they are inconsistent. */
export function dateRuleFromColumns(columns: {
	kind: 'FIXED_DATE' | 'OFFSET';
	fixedDate: string | null;
	offset: number | null;
	offsetUnit: OffsetUnit | null;
}): DateRule | null {
	if (columns.kind === 'FIXED_DATE') {
		return columns.fixedDate ? { kind: 'FIXED_DATE', date: columns.fixedDate } : null;
	}
	if (columns.offset === null || columns.offsetUnit === null) return null;
	return { kind: 'OFFSET', amount: columns.offset, unit: columns.offsetUnit };
}

/** The flat columns a rule is stored in (the inverse of dateRuleFromColumns). */
export function dateRuleToColumns(rule: DateRule): {
	kind: DateRule['kind'];
	fixedDate: string | null;
	offset: number | null;
	offsetUnit: OffsetUnit | null;
} {
	return rule.kind === 'FIXED_DATE'
		? { kind: rule.kind, fixedDate: rule.date, offset: null, offsetUnit: null }
		: { kind: rule.kind, fixedDate: null, offset: rule.amount, offsetUnit: rule.unit };
}
