// The mission as the Gantt page and the API show it: stored rows plus every derived date
// (contractual deadlines, milestone dates, tranche dates, phase spans, warnings).
import { dateRuleFromColumns, describeDateRule, resolveDateRule, type DateRule, type OffsetUnit } from './date-rules';
import { addCalendarDays, formatDateFr, formatWeekFr, mondayOf, type IsoDate } from './dates';
import { validationDelayDays as validationDelay } from './deliverable-workflow';
import { deliverableSchedule, type DeliverableStatus } from './deliverables';
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
	type: 'FS';
	lagDays: number;
}

interface RuleColumns {
	fixedDate: string | null;
	offset: number | null;
	offsetUnit: OffsetUnit | null;
}

export interface DeliverableRow {
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

export interface MilestoneRow extends RuleColumns {
	id: string;
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
	/** The milestone's day, or the Monday of its week. */
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
	const resolved = resolveDateRule(rule, kickoff);
	const date = row.isWeek ? mondayOf(resolved) : resolved;
	return {
		...row,
		rule,
		ruleLabel: describeDateRule(rule),
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
	const milestoneById = new Map(milestones.map((m) => [m.id, m]));
	const deliverableById = new Map(deliverables.map((d) => [d.id, d]));
	const tranches = sortedTranches.map((row, index): PlannedTranche => {
		let expectedDate: IsoDate | null = null;
		let triggerLabel = 'Déclencheur non défini';
		if (row.triggerKind === 'MILESTONE' && row.triggerMilestoneId) {
			const milestone = milestoneById.get(row.triggerMilestoneId);
			if (milestone) {
				expectedDate = milestone.date;
				triggerLabel = `Jalon « ${milestone.name} »`;
			}
		} else if (row.triggerKind === 'DELIVERABLE_VALIDATION' && row.triggerDeliverableId) {
			const deliverable = deliverableById.get(row.triggerDeliverableId);
			if (deliverable) {
				expectedDate = deliverable.plannedDate;
				triggerLabel = `Validation du livrable ${deliverable.number}`;
			}
		}
		return {
			...row,
			expectedDate,
			triggerLabel,
			amountHtCents: htShares[index] ?? 0,
			amountTtcCents: ttcShares[index] ?? 0
		};
	});

	const warnings: string[] = [];
	for (const d of deliverables) {
		if (d.plannedDelayDays > 0) {
			warnings.push(`Livrable ${d.number} : prévu ${d.plannedDelayDays} jour(s) après son échéance contractuelle.`);
		}
	}
	if (!tranchesBalanced && sortedTranches.length > 0) {
		warnings.push('Les pourcentages des tranches de paiement ne totalisent pas 100 %.');
	}

	return {
		mission: { ...mission, budgetCapHtCents: capHt, budgetCapTtcCents: capTtc },
		tasks: [...rows.tasks].sort((a, b) => a.sortOrder - b.sortOrder),
		dependencies: rows.dependencies,
		deliverables,
		milestones,
		tranches,
		contacts: rows.contacts,
		tranchesBalanced,
		warnings
	};
}

/** A task's new dates and version, as a move answers them. */
export interface TaskDates {
	id: string;
	startDate: IsoDate;
	endDate: IsoDate;
	version: number;
}

/**
 * The plan after a move, from the tasks it changed: only task rows depend on task dates
 * (deadlines follow the kick-off, tranches their milestones and deliverables).
 */
export function withMovedTasks(plan: MissionPlan, moved: readonly TaskDates[]): MissionPlan {
	if (moved.length === 0) return plan;
	const byId = new Map(moved.map((task) => [task.id, task]));
	return {
		...plan,
		tasks: plan.tasks.map((task) => {
			const change = byId.get(task.id);
			return change ? { ...task, ...change } : task;
		})
	};
}
