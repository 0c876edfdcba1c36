// Where each table stores a date rule: deliverables as due* columns, milestones as their own.
import { dateRuleToColumns, type DateRule } from '$lib/domain/date-rules';

export function deliverableRuleColumns(rule: DateRule) {
	const c = dateRuleToColumns(rule);
	return { dueRuleKind: c.kind, dueFixedDate: c.fixedDate, dueOffset: c.offset, dueOffsetUnit: c.offsetUnit };
}

export function milestoneRuleColumns(rule: DateRule) {
	const c = dateRuleToColumns(rule);
	return { dateRuleKind: c.kind, fixedDate: c.fixedDate, offset: c.offset, offsetUnit: c.offsetUnit };
}
