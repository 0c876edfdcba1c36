// Reads a DateRuleFields group into the API's rule shape (strings from inputs, numbers out).
import type { OffsetUnit } from '$lib/domain/date-rules';

export function ruleFromFields(kind: 'FIXED_DATE' | 'OFFSET', date: string, amount: string, unit: OffsetUnit) {
	if (kind === 'FIXED_DATE') return { kind, date };
	const trimmed = amount.trim();
	return { kind, amount: /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN, unit };
}
