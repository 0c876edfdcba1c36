// The mission as the Gantt page and the API show it: stored rows plus every derived date
// (contractual deadlines, milestone dates, tranche dates, phase spans, warnings).
import { dateRuleFromColumns, describeDateRule, resolveDateRule, type DateRule, type OffsetUnit } from './date-rules';
import { addCalendarDays, daysBetween, formatDateFr, formatWeekFr, mondayOf, type IsoDate } from './dates';
import { deliverableTimeliness, type Timeliness } from './dashboard';
import { validationDelayDays as validationDelay } from './deliverable-workflow';
import { deliverableSchedule, type DeliverableStatus } from './deliverables';
import {
	trancheStatusLabels,
	type ContactRole,
	type MilestoneKind,
	type MissionStatus,
	type TrancheLifecycleStatus,
	type TrancheStatus
} from './labels';
import { formatEuros, htFromTtc, ttcFromHt, type BasisPoints, type Cents } from './money';
import {
	contractAmounts,
	contractReference,
	DEFAULT_PAYMENT_DELAY_DAYS,
	lifecycleStatus,
	paymentDueDate,
	type ContractAmounts
} from './finance';
import { trancheKindLabels, type TrancheKind } from './tranche-kinds';
import type { LagUnit, LinkType } from './schedule';
import { withRolledUpProgress } from './outline';
import { countWorkingDays } from './calendar';

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
	/** Which late-payment law applies (see late-payment.ts). */
	buyerKind?: string;
	latePaymentRateBp?: BasisPoints | null;
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
	/** Its first hand-in (remis). */
	submittedOn?: IsoDate | null;
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
	/** Avance, acompte or solde; absent: acompte (the column's default). */
	kind?: TrancheKind;
	invoiceNumber?: string | null;
	invoiceDate?: IsoDate | null;
	/** The payment delay its invoice was issued under; null or absent: the mission's. */
	paymentDelayDays?: number | null;
	version: number;
}

/** A payment received on a tranche. */
export interface TranchePaymentRow {
	id: string;
	trancheId: string;
	paidOn: IsoDate;
	amountCents: Cents;
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
	/** Payments received on the tranches (absent: none). */
	payments?: TranchePaymentRow[];
}

export interface PlannedDeliverable extends DeliverableRow {
	rule: DateRule;
	ruleLabel: string;
	contractualDeadline: IsoDate;
	plannedDelayDays: number;
	overdue: boolean;
	/** Days a validation came after the contractual deadline; null until validated. */
	validationDelayDays: number | null;
	/** Its one standing against the deadline (flag, words, days late), on every page. */
	timeliness: Timeliness;
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

export interface PlannedTranche extends Omit<TrancheRow, 'status'> {
	/**
	 * The one status every page, export and feed shows (see lifecycleStatus): the stored one is
	 * `storedStatus`.
	 */
	status: TrancheLifecycleStatus;
	statusLabel: string;
	storedStatus: TrancheStatus;
	kind: TrancheKind;
	kindLabel: string;
	/**
	 * On the contract's basis (see ContractAmounts.basis): the tranche's share before the advance
	 * is taken back, and the advance taken back on it; gross − recovered is the invoice (the
	 * amounts below), whose status and interest follow.
	 */
	grossCents: Cents;
	advanceRecoveredCents: Cents;
	/** The trigger's date: the milestone's date, or the planned date of the deliverable to validate. */
	expectedDate: IsoDate | null;
	triggerLabel: string;
	/** The trigger milestone's date has come, or the trigger deliverable is validated. */
	triggerReached: boolean;
	invoiceNumber: string | null;
	invoiceDate: IsoDate | null;
	/** Invoice date + the mission's payment delay; null until invoiced. */
	dueDate: IsoDate | null;
	paidCents: Cents;
	amountHtCents: Cents;
	vatCents: Cents;
	amountTtcCents: Cents;
}

export type { ContractAmounts };

export interface MissionPlan {
	mission: MissionRow & { budgetCapHtCents: Cents; budgetCapTtcCents: Cents };
	tasks: TaskRow[];
	dependencies: DependencyRow[];
	/** Milestones leading tasks. */
	milestoneLinks: MilestoneLinkRow[];
	deliverables: PlannedDeliverable[];
	milestones: PlannedMilestone[];
	tranches: PlannedTranche[];
	contract: ContractAmounts;
	contacts: ContactRow[];
	/** Percentages of the tranches add up to 100 %. */
	tranchesBalanced: boolean;
	/** Plain-French warnings: plan later than contract, calendar disagreeing with the rules… */
	warnings: string[];
	/** The day the plan was computed for (deadlines passed, tranches due): a patched plan keeps it. */
	asOf: IsoDate;
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
			const timeliness = deliverableTimeliness(
				{
					contractualDeadline: schedule.contractualDeadline,
					plannedDate: row.plannedDate,
					status: row.status,
					submittedOn: row.submittedOn ?? null,
					validatedOn: row.validatedOn ?? null
				},
				today
			);
			return { ...row, rule, ruleLabel: describeDateRule(rule), ...schedule, validationDelayDays, timeliness };
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
	const schedule = sortedTranches.map((t) => ({ kind: t.kind ?? 'ACOMPTE', percentBp: t.percentBp, label: t.label }));
	// Until a contract amount is recorded, tranche amounts are shares of the cap.
	const reference = contractReference(mission);
	const { contract, schedule: amounts, problem } = contractAmounts(mission, schedule);
	const tranchesBalanced = sortedTranches.length > 0 && problem === null;
	const split = amounts?.split ?? null;
	const paymentDelay = mission.paymentDelayDays ?? DEFAULT_PAYMENT_DELAY_DAYS;
	const paidByTranche = new Map<string, Cents>();
	for (const p of rows.payments ?? [])
		paidByTranche.set(p.trancheId, (paidByTranche.get(p.trancheId) ?? 0) + p.amountCents);
	const milestoneById = new Map(milestones.map((m) => [m.id, m]));
	const deliverableById = new Map(deliverables.map((d) => [d.id, d]));
	const tranches = sortedTranches.map((row, index): PlannedTranche => {
		let expectedDate: IsoDate | null = null;
		let triggerLabel = 'Déclencheur non défini';
		let triggerReached = false;
		if (row.triggerKind === 'MILESTONE' && row.triggerMilestoneId) {
			const milestone = milestoneById.get(row.triggerMilestoneId);
			if (milestone) {
				expectedDate = milestone.date;
				triggerLabel = `Jalon « ${milestone.name} »`;
				triggerReached = today >= milestone.date;
			}
		} else if (row.triggerKind === 'DELIVERABLE_VALIDATION' && row.triggerDeliverableId) {
			const deliverable = deliverableById.get(row.triggerDeliverableId);
			if (deliverable) {
				expectedDate = deliverable.plannedDate;
				triggerLabel = `Validation du livrable ${deliverable.number}`;
				triggerReached = deliverable.status === 'VALIDATED';
			}
		}
		const invoice = split?.invoices[index] ?? { htCents: 0, vatCents: 0, ttcCents: 0 };
		const line = amounts?.lines[index];
		const kind = row.kind ?? 'ACOMPTE';
		const invoiceDate = row.invoiceDate ?? null;
		const paidCents = paidByTranche.get(row.id) ?? 0;
		// An issued invoice keeps the delay it was issued under (re-dated only when confirmed).
		const delay = row.paymentDelayDays ?? paymentDelay;
		const status = lifecycleStatus(
			{
				status: row.status,
				amountTtcCents: invoice.ttcCents,
				invoiceNumber: row.invoiceNumber ?? null,
				invoiceDate,
				paidCents,
				lastPaymentDate: null
			},
			triggerReached,
			delay,
			today
		);
		return {
			...row,
			status,
			statusLabel: trancheStatusLabels[status],
			storedStatus: row.status,
			kind,
			kindLabel: trancheKindLabels[kind],
			grossCents: line?.grossCents ?? 0,
			advanceRecoveredCents: line?.recoveredCents ?? 0,
			expectedDate,
			triggerLabel,
			triggerReached,
			invoiceNumber: row.invoiceNumber ?? null,
			invoiceDate,
			paymentDelayDays: invoiceDate ? delay : null,
			dueDate: invoiceDate ? paymentDueDate(invoiceDate, delay) : null,
			paidCents,
			amountHtCents: invoice.htCents,
			vatCents: invoice.vatCents,
			amountTtcCents: invoice.ttcCents
		};
	});

	const warnings = dateWarnings(deliverables, milestones);
	if (contract.gapCents > 0 && sortedTranches.length > 0) {
		warnings.push(
			`Aucune facture valide n’atteint exactement ${formatEuros(reference.cents)} ${reference.basis} : les tranches s’arrêtent ${formatEuros(contract.gapCents)} en dessous.`
		);
	}
	if (problem && sortedTranches.length > 0) {
		warnings.push(
			problem.code === 'PERCENTAGES_NOT_100'
				? `Les pourcentages des tranches de paiement ne totalisent pas 100 %${schedule.some((t) => t.kind === 'AVANCE') ? ' (hors avance)' : ''}.`
				: `Échéancier de paiement : ${problem.message}`
		);
	}

	return {
		mission: { ...mission, budgetCapHtCents: capHt, budgetCapTtcCents: capTtc },
		// Summary rows show their children's progress (outline.ts), whatever was stored.
		tasks: withRolledUpProgress([...rows.tasks].sort((a, b) => a.sortOrder - b.sortOrder)),
		dependencies: rows.dependencies,
		milestoneLinks: rows.milestoneLinks ?? [],
		deliverables,
		milestones,
		tranches,
		contract,
		contacts: rows.contacts,
		tranchesBalanced,
		warnings,
		asOf: today
	};
}

/** The trigger's date and label of a tranche. */
function trancheTrigger(
	row: Pick<TrancheRow, 'triggerKind' | 'triggerMilestoneId' | 'triggerDeliverableId'>,
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

/** Warnings about planned dates, first in the plan's list: they change when a task moves. */
function dateWarnings(deliverables: readonly PlannedDeliverable[], milestones: readonly PlannedMilestone[]): string[] {
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

/** Whether a task inside a summary got another number of working days. */
function durationChanged(tasks: readonly TaskRow[], changes: readonly TaskDates[]): boolean {
	if (changes.length === 0) return false;
	const changed = new Map(changes.map((c) => [c.id, c]));
	for (const task of tasks) {
		const change = changed.get(task.id);
		if (
			change &&
			task.parentId &&
			countWorkingDays(task.startDate, task.endDate) !== countWorkingDays(change.startDate, change.endDate)
		)
			return true;
	}
	return false;
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
	const today = plan.asOf;
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
	const patched = patch(plan.tasks, answer.tasks);
	// A new working-day duration changes a weight of its summaries' progress (a move or a push
	// keeps it: no roll-up to redo then, on a drag's hot path).
	const tasks = durationChanged(plan.tasks, answer.tasks) ? withRolledUpProgress(patched) : patched;
	if (answer.deliverables.length === 0 && answer.milestones.length === 0) return { ...plan, tasks };
	const deliverables = patch(plan.deliverables, answer.deliverables).map((d) => ({
		...d,
		plannedDelayDays: Math.max(0, daysBetween(d.contractualDeadline, d.plannedDate)),
		timeliness: deliverableTimeliness(
			{
				contractualDeadline: d.contractualDeadline,
				plannedDate: d.plannedDate,
				status: d.status,
				submittedOn: d.submittedOn ?? null,
				validatedOn: d.validatedOn ?? null
			},
			today
		)
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
		// The finance warnings that follow the date warnings do not depend on dates.
		warnings: [
			...dateWarnings(deliverables, milestones),
			...plan.warnings.slice(dateWarnings(plan.deliverables, plan.milestones).length)
		]
	};
}
