// The mission as the Gantt page and the API show it: stored rows plus every derived date
// (contractual deadlines, milestone dates, tranche dates, phase spans, warnings).
import { dateRuleFromColumns, describeDateRule, resolveDateRule, type DateRule, type OffsetUnit } from './date-rules';
import { addCalendarDays, daysBetween, formatDateFr, formatWeekFr, mondayOf, type IsoDate } from './dates';
import { validationDelayDays as validationDelay } from './deliverable-workflow';
import { deliverableSchedule, type DeliverableStatus } from './deliverables';
import type { LagUnit, LinkType } from './schedule';
import type { ContactRole, MilestoneKind, MissionStatus, TrancheStatus } from './labels';
import { htFromTtc, ttcFromHt, type BasisPoints, type Cents } from './money';
import { trancheAmounts } from './finance';
import { percentagesSumTo100 } from './tranches';

export interface MissionRow {
	id: string;
	title: string;
	clientOrganisation: string;
	reference: string | null;
	kickoffDate: IsoDate;
	plannedEndDate: IsoDate | null;
	budgetCapCents: Cents;
	capBasis: 'HT' | 'TTC';
	vatRateBp: BasisPoints;
	status: MissionStatus;
	version: number;
	/** Contract amount HT once signed; until then tranche amounts are shares of the cap. */
	contractAmountHtCents?: Cents | null;
	paymentDelayDays?: number;
}

export interface TaskRow {
	id: string;
	parentId: string | null;
	kind: 'PHASE' | 'TASK';
	name: string;
	startDate: IsoDate;
	endDate: IsoDate;
	progress: number;
	sortOrder: number;
	version: number;
}

export interface DependencyRow {
	id: string;
	predecessorId: string;
	successorId: string;
	/** FS, SS, FF, SF (FD, DD, FF, DF in French). */
	type: LinkType;
	/** Negative for a lead. */
	lagDays: number;
	lagUnit: LagUnit;
}

/** A milestone as the predecessor of a task (a milestone as a successor is a tied milestone). */
export interface MilestoneLinkRow {
	id: string;
	milestoneId: string;
	successorId: string;
	type: LinkType;
	lagDays: number;
	lagUnit: LagUnit;
}

/** A deliverable or milestone tied to a task: planned on its end plus a lag in working days. */
interface AnchorColumns {
	anchorTaskId: string | null;
	anchorLagDays: number;
}

interface RuleColumns {
	fixedDate: string | null;
	offset: number | null;
	offsetUnit: OffsetUnit | null;
}

export interface DeliverableRow extends AnchorColumns {
	id: string;
	number: number;
	title: string;
	description: string | null;
	expectedFormat: string | null;
	dueRuleKind: 'FIXED_DATE' | 'OFFSET';
	dueFixedDate: string | null;
	dueOffset: number | null;
	dueOffsetUnit: OffsetUnit | null;
	plannedDate: IsoDate;
	status: DeliverableStatus;
	version: number;
	/** When a supervisor validated it. */
	validatedOn?: IsoDate | null;
}

export interface MilestoneRow extends RuleColumns, AnchorColumns {
	id: string;
	/** Set while tied to a task: the task's end plus the lag. Stands for the rule's date. */
	plannedDate: IsoDate | null;
	name: string;
	kind: MilestoneKind;
	dateRuleKind: 'FIXED_DATE' | 'OFFSET';
	isWeek: boolean;
	timeOfDay: string | null;
	sortOrder: number;
	version: number;
}

export interface TrancheRow {
	id: string;
	label: string;
	percentBp: BasisPoints;
	sortOrder: number;
	triggerKind: 'MILESTONE' | 'DELIVERABLE_VALIDATION';
	triggerMilestoneId: string | null;
	triggerDeliverableId: string | null;
	status: TrancheStatus;
	version: number;
}

export interface ContactRow {
	id: string;
	name: string;
	organisation: string;
	jobTitle: string | null;
	role: ContactRole;
	email: string | null;
}

export interface MissionRows {
	mission: MissionRow;
	tasks: TaskRow[];
	dependencies: DependencyRow[];
	/** Absent where no milestone leads a task (and in rows built by hand). */
	milestoneLinks?: MilestoneLinkRow[];
	deliverables: DeliverableRow[];
	milestones: MilestoneRow[];
	tranches: TrancheRow[];
	contacts: ContactRow[];
}

export interface PlannedDeliverable extends DeliverableRow {
	rule: DateRule;
	ruleLabel: string;
	contractualDeadline: IsoDate;
	plannedDelayDays: number;
	overdue: boolean;
	/** Days a validation came after the contractual deadline; null until validated. */
	validationDelayDays: number | null;
}

export interface PlannedMilestone extends MilestoneRow {
	rule: DateRule;
	ruleLabel: string;
	/** The date its rule gives (the contract's date). */
	contractualDate: IsoDate;
	/** Days the planned date (when tied to a task) is later than the rule's date; 0 otherwise. */
	plannedDelayDays: number;
	/** The milestone's day, or the Monday of its week: its planned date when tied to a task. */
	date: IsoDate;
	/** Last day shown on the chart: the Friday of a week milestone, else the date itself. */
	endDate: IsoDate;
	dateLabel: string;
}

export interface PlannedTranche extends TrancheRow {
	/** The trigger's date: the milestone's date, or the planned date of the deliverable to validate. */
	expectedDate: IsoDate | null;
	triggerLabel: string;
	amountHtCents: Cents;
	amountTtcCents: Cents;
}

export interface MissionPlan {
	mission: MissionRow & { budgetCapHtCents: Cents; budgetCapTtcCents: Cents };
	tasks: TaskRow[];
	dependencies: DependencyRow[];
	/** Milestones leading tasks. */
	milestoneLinks: MilestoneLinkRow[];
	deliverables: PlannedDeliverable[];
	milestones: PlannedMilestone[];
	tranches: PlannedTranche[];
	contacts: ContactRow[];
	/** Percentages of the tranches add up to 100 %. */
	tranchesBalanced: boolean;
	/** Plain-French warnings: plan later than contract, calendar disagreeing with the rules… */
	warnings: string[];
}

export function milestoneRule(row: MilestoneRow): DateRule {
	const rule = dateRuleFromColumns({ ...row, kind: row.dateRuleKind });
	if (!rule) throw new RangeError(`Milestone ${row.id} has an incomplete date rule`);
	return rule;
}

export function deliverableRule(row: DeliverableRow): DateRule {
	const rule = dateRuleFromColumns({
		kind: row.dueRuleKind,
		fixedDate: row.dueFixedDate,
		offset: row.dueOffset,
		offsetUnit: row.dueOffsetUnit
	});
	if (!rule) throw new RangeError(`Deliverable ${row.id} has an incomplete due rule`);
	return rule;
}

export function planMilestone(row: MilestoneRow, kickoff: IsoDate): PlannedMilestone {
	const rule = milestoneRule(row);
	const contractualDate = resolveDateRule(rule, kickoff);
	const resolved = row.plannedDate ?? contractualDate;
	const date = row.isWeek ? mondayOf(resolved) : resolved;
	return {
		...row,
		rule,
		ruleLabel: describeDateRule(rule),
		contractualDate,
		plannedDelayDays: row.plannedDate ? Math.max(0, daysBetween(contractualDate, row.plannedDate)) : 0,
		date,
		endDate: row.isWeek ? addCalendarDays(date, 4) : date,
		dateLabel: row.isWeek ? formatWeekFr(date) : `${formatDateFr(date)}${row.timeOfDay ? ` à ${row.timeOfDay}` : ''}`
	};
}

export function buildMissionPlan(rows: MissionRows, today: IsoDate): MissionPlan {
	const { mission } = rows;
	const kickoff = mission.kickoffDate;
	const deliverables = rows.deliverables
		.map((row): PlannedDeliverable => {
			const rule = deliverableRule(row);
			const schedule = deliverableSchedule(rule, kickoff, row.plannedDate, row.status, today);
			const validationDelayDays = row.validatedOn
				? validationDelay(schedule.contractualDeadline, row.validatedOn)
				: null;
			return { ...row, rule, ruleLabel: describeDateRule(rule), ...schedule, validationDelayDays };
		})
		.sort((a, b) => a.number - b.number);
	const milestones = rows.milestones
		.map((row) => planMilestone(row, kickoff))
		.sort((a, b) => a.date.localeCompare(b.date) || a.sortOrder - b.sortOrder);

	const capHt =
		mission.capBasis === 'HT' ? mission.budgetCapCents : htFromTtc(mission.budgetCapCents, mission.vatRateBp);
	const capTtc =
		mission.capBasis === 'TTC' ? mission.budgetCapCents : ttcFromHt(mission.budgetCapCents, mission.vatRateBp);
	const sortedTranches = [...rows.tranches].sort((a, b) => a.sortOrder - b.sortOrder);
	const tranchesBalanced = percentagesSumTo100(sortedTranches.map((t) => t.percentBp));
	// Until a contract amount is recorded, tranche amounts are shares of the cap.
	const { htCents: htShares, ttcCents: ttcShares } = tranchesBalanced
		? trancheAmounts(
				mission.contractAmountHtCents ?? capHt,
				mission.vatRateBp,
				sortedTranches.map((t) => t.percentBp)
			)
		: { htCents: [], ttcCents: [] };
	const tranches = sortedTranches.map((row, index): PlannedTranche => ({
		...row,
		...trancheTrigger(row, deliverables, milestones),
		amountHtCents: htShares[index] ?? 0,
		amountTtcCents: ttcShares[index] ?? 0
	}));
	const warnings = planWarnings(deliverables, milestones, tranchesBalanced, sortedTranches.length);

	return {
		mission: { ...mission, budgetCapHtCents: capHt, budgetCapTtcCents: capTtc },
		tasks: [...rows.tasks].sort((a, b) => a.sortOrder - b.sortOrder),
		dependencies: rows.dependencies,
		milestoneLinks: rows.milestoneLinks ?? [],
		deliverables,
		milestones,
		tranches,
		contacts: rows.contacts,
		tranchesBalanced,
		warnings
	};
}

/** The trigger's date and label of a tranche. */
function trancheTrigger(
	row: TrancheRow,
	deliverables: readonly PlannedDeliverable[],
	milestones: readonly PlannedMilestone[]
): { expectedDate: IsoDate | null; triggerLabel: string } {
	if (row.triggerKind === 'MILESTONE' && row.triggerMilestoneId) {
		const milestone = milestones.find((m) => m.id === row.triggerMilestoneId);
		if (milestone) return { expectedDate: milestone.date, triggerLabel: `Jalon « ${milestone.name} »` };
	} else if (row.triggerKind === 'DELIVERABLE_VALIDATION' && row.triggerDeliverableId) {
		const deliverable = deliverables.find((d) => d.id === row.triggerDeliverableId);
		if (deliverable) {
			return { expectedDate: deliverable.plannedDate, triggerLabel: `Validation du livrable ${deliverable.number}` };
		}
	}
	return { expectedDate: null, triggerLabel: 'Déclencheur non défini' };
}

function planWarnings(
	deliverables: readonly PlannedDeliverable[],
	milestones: readonly PlannedMilestone[],
	tranchesBalanced: boolean,
	trancheCount: number
): string[] {
	const warnings: string[] = [];
	for (const d of deliverables) {
		if (d.plannedDelayDays > 0) {
			warnings.push(`Livrable ${d.number} : prévu ${d.plannedDelayDays} jour(s) après son échéance contractuelle.`);
		}
	}
	for (const m of milestones) {
		if (m.plannedDelayDays > 0) {
			warnings.push(`Jalon « ${m.name} » : prévu ${m.plannedDelayDays} jour(s) après sa date contractuelle.`);
		}
	}
	if (!tranchesBalanced && trancheCount > 0) {
		warnings.push('Les pourcentages des tranches de paiement ne totalisent pas 100 %.');
	}
	return warnings;
}

/** A task's new dates and version, as a move answers them. */
export interface TaskDates {
	id: string;
	startDate: IsoDate;
	endDate: IsoDate;
	version: number;
}

/** A deliverable's or milestone's new planned date and version, after its task moved. */
export interface PlannedDateChange {
	id: string;
	plannedDate: IsoDate;
	version: number;
}

/** What `tasks.move` answers: only what the move changed. */
export interface MoveAnswer {
	tasks: TaskDates[];
	/** Deliverables and milestones tied to a task that moved. */
	deliverables: PlannedDateChange[];
	milestones: PlannedDateChange[];
}

/**
 * The plan after a move, from what it changed: task rows, and the deliverables and milestones
 * tied to moved tasks, with what follows from their dates (delays, tranche dates, warnings).
 * Pass the whole answer of `tasks.move` (a bare task list is read as a move that tied nothing).
 */
export function withMovedTasks(plan: MissionPlan, moved: MoveAnswer | readonly TaskDates[]): MissionPlan {
	const answer: MoveAnswer = Array.isArray(moved)
		? { tasks: moved as TaskDates[], deliverables: [], milestones: [] }
		: (moved as MoveAnswer);
	if (answer.tasks.length === 0 && answer.deliverables.length === 0 && answer.milestones.length === 0) return plan;
	const patch = <T extends { id: string }, C extends { id: string }>(rows: readonly T[], changes: readonly C[]) => {
		const byId = new Map(changes.map((change) => [change.id, change]));
		return rows.map((row) => {
			const change = byId.get(row.id);
			return change ? { ...row, ...change } : row;
		});
	};
	const tasks = patch(plan.tasks, answer.tasks);
	if (answer.deliverables.length === 0 && answer.milestones.length === 0) return { ...plan, tasks };
	const deliverables = patch(plan.deliverables, answer.deliverables).map((d) => ({
		...d,
		plannedDelayDays: Math.max(0, daysBetween(d.contractualDeadline, d.plannedDate))
	}));
	const milestones = patch(plan.milestones, answer.milestones)
		.map((m) => planMilestone(m, plan.mission.kickoffDate))
		.sort((a, b) => a.date.localeCompare(b.date) || a.sortOrder - b.sortOrder);
	const tranches = plan.tranches.map((t) => ({ ...t, ...trancheTrigger(t, deliverables, milestones) }));
	return {
		...plan,
		tasks,
		deliverables,
		milestones,
		tranches,
		warnings: planWarnings(deliverables, milestones, plan.tranchesBalanced, plan.tranches.length)
	};
}
