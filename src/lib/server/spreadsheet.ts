// The mission as an Excel workbook (exceljs): one sheet each for tasks, deliverables, milestones,
// cost plan and tranches, with French headers, real dates and real numbers (amounts in euros
// with a currency format), so the figures can be summed and sorted in Excel.
import ExcelJS from 'exceljs';
import { formatPredecessors, outlineNumbers } from '$lib/components/plan/outline';
import { countWorkingDays } from '$lib/domain/calendar';
import { today, type IsoDate } from '$lib/domain/dates';
import type { FinanceView } from '$lib/domain/finance-view';
import { deliverableStatusLabels, milestoneKindLabels } from '$lib/domain/labels';
import type { MissionPlan } from '$lib/domain/mission-plan';
import { OVER_CAP_KIND } from './finance-csv';

/** A calendar date as Excel stores it: UTC midnight, so no time zone moves it. */
export function excelDate(date: IsoDate | null): Date | null {
	if (!date) return null;
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d));
}

export const euros = (cents: number) => cents / 100;
export const EURO_FORMAT = '#,##0.00 "€"';
export const DATE_FORMAT = 'dd/mm/yyyy';

/** A sheet with a bold, frozen header row and a number format per column. */
export function sheet(
	workbook: ExcelJS.Workbook,
	name: string,
	columns: { header: string; key: string; width: number; format?: string }[],
	rows: Record<string, unknown>[]
) {
	const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
	ws.columns = columns.map(({ header, key, width }) => ({ header, key, width }));
	ws.getRow(1).font = { bold: true };
	for (const row of rows) ws.addRow(row);
	for (const c of columns) if (c.format) ws.getColumn(c.key).numFmt = c.format;
	return ws;
}

export async function missionWorkbook(plan: MissionPlan, finance: FinanceView): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Jalon';
	workbook.title = plan.mission.title;
	const phaseName = new Map(plan.tasks.filter((t) => t.kind === 'PHASE').map((t) => [t.id, t.name]));
	// The task table's own numbers and predecessor cells (« 3FD+2j »), so the sheet reads like it.
	const numbers = outlineNumbers(plan.tasks);
	sheet(
		workbook,
		'Tâches',
		[
			{ header: 'N°', key: 'number', width: 8 },
			{ header: 'Phase', key: 'phase', width: 40 },
			{ header: 'Tâche', key: 'name', width: 60 },
			{ header: 'Type', key: 'kind', width: 10 },
			{ header: 'Début', key: 'start', width: 12, format: DATE_FORMAT },
			{ header: 'Fin', key: 'end', width: 12, format: DATE_FORMAT },
			{ header: 'Durée (jours ouvrés)', key: 'duration', width: 12 },
			{ header: 'Prédécesseurs', key: 'predecessors', width: 24 },
			{ header: 'Avancement (%)', key: 'progress', width: 14 }
		],
		plan.tasks.map((t) => ({
			number: numbers.get(t.id) ?? '',
			phase: t.parentId ? (phaseName.get(t.parentId) ?? '') : '',
			name: t.name,
			kind: t.kind === 'PHASE' ? 'Phase' : 'Tâche',
			start: excelDate(t.startDate),
			end: excelDate(t.endDate),
			duration: countWorkingDays(t.startDate, t.endDate),
			predecessors: formatPredecessors(t.id, plan.dependencies, numbers),
			progress: t.progress
		}))
	);
	sheet(
		workbook,
		'Livrables',
		[
			{ header: 'N°', key: 'number', width: 6 },
			{ header: 'Livrable', key: 'title', width: 60 },
			{ header: 'Format attendu', key: 'format', width: 50 },
			{ header: 'Règle', key: 'rule', width: 28 },
			{ header: 'Échéance contractuelle', key: 'deadline', width: 22, format: DATE_FORMAT },
			{ header: 'Date prévue', key: 'planned', width: 14, format: DATE_FORMAT },
			{ header: 'Écart (jours)', key: 'delay', width: 14 },
			{ header: 'Statut', key: 'status', width: 14 },
			{ header: 'Respect de l’échéance', key: 'timeliness', width: 32 },
			{ header: 'Retard (jours)', key: 'lateDays', width: 14 }
		],
		plan.deliverables.map((d) => ({
			number: d.number,
			title: d.title,
			format: d.expectedFormat ?? '',
			rule: d.ruleLabel,
			deadline: excelDate(d.contractualDeadline),
			planned: excelDate(d.plannedDate),
			delay: d.plannedDelayDays,
			status: deliverableStatusLabels[d.status],
			timeliness: d.timeliness.label,
			lateDays: d.timeliness.lateDays
		}))
	);
	sheet(
		workbook,
		'Jalons',
		[
			{ header: 'Jalon', key: 'name', width: 50 },
			{ header: 'Type', key: 'kind', width: 20 },
			{ header: 'Date', key: 'date', width: 12, format: DATE_FORMAT },
			{ header: 'Libellé', key: 'label', width: 32 },
			{ header: 'Règle', key: 'rule', width: 28 }
		],
		plan.milestones.map((m) => ({
			name: m.name,
			kind: milestoneKindLabels[m.kind],
			date: excelDate(m.date),
			label: m.dateLabel,
			rule: m.ruleLabel
		}))
	);
	sheet(
		workbook,
		'Plan de charge',
		[
			{ header: 'Phase', key: 'phase', width: 40 },
			{ header: 'Ligne', key: 'label', width: 40 },
			{ header: 'Profil', key: 'profile', width: 20 },
			{ header: 'Jours', key: 'days', width: 10 },
			{ header: 'Coût fixe HT', key: 'fixed', width: 16, format: EURO_FORMAT },
			{ header: 'Montant HT', key: 'amount', width: 16, format: EURO_FORMAT }
		],
		finance.costPlan.lines.map((l) => ({
			phase: l.phaseName,
			label: l.label,
			profile: l.profileName ?? 'Coût fixe',
			days: l.dayHundredths / 100,
			fixed: euros(l.fixedAmountHtCents),
			amount: euros(l.amountHtCents)
		}))
	);
	sheet(
		workbook,
		'Tranches',
		[
			{ header: 'Tranche', key: 'label', width: 40 },
			{ header: 'Part (%)', key: 'percent', width: 10 },
			{ header: 'Déclencheur', key: 'trigger', width: 40 },
			{ header: 'Date attendue', key: 'expected', width: 14, format: DATE_FORMAT },
			{ header: 'Montant HT', key: 'ht', width: 16, format: EURO_FORMAT },
			{ header: 'Montant TTC', key: 'ttc', width: 16, format: EURO_FORMAT },
			{ header: 'N° de facture', key: 'invoice', width: 16 },
			{ header: 'Date de facture', key: 'invoiceDate', width: 16, format: DATE_FORMAT },
			{ header: 'Échéance de paiement', key: 'due', width: 20, format: DATE_FORMAT },
			{ header: 'Payé', key: 'paid', width: 16, format: EURO_FORMAT },
			{ header: 'Reste dû', key: 'outstanding', width: 16, format: EURO_FORMAT },
			{ header: 'Statut', key: 'status', width: 20 },
			{ header: 'Jours de retard', key: 'daysLate', width: 14 },
			{ header: 'Intérêts de retard', key: 'interest', width: 16, format: EURO_FORMAT },
			{ header: 'Indemnité forfaitaire', key: 'fee', width: 18, format: EURO_FORMAT },
			// Appended so earlier columns keep their place; the amounts above are the net invoiced.
			{ header: 'Type', key: 'kind', width: 12 },
			{ header: `Montant brut ${finance.contractBasis}`, key: 'gross', width: 16, format: EURO_FORMAT },
			{ header: `Avance récupérée ${finance.contractBasis}`, key: 'recovered', width: 18, format: EURO_FORMAT }
		],
		finance.tranches.map((t) => ({
			label: t.label,
			percent: t.percentBp / 100,
			trigger: t.triggerLabel,
			expected: excelDate(t.expectedDate),
			ht: euros(t.amountHtCents),
			ttc: euros(t.amountTtcCents),
			invoice: t.invoiceNumber ?? '',
			invoiceDate: excelDate(t.invoiceDate),
			due: excelDate(t.dueDate),
			paid: euros(t.paidCents),
			outstanding: euros(t.outstandingCents),
			status: t.statusLabel,
			daysLate: t.lateInterest?.daysLate ?? null,
			interest: t.lateInterest ? euros(t.lateInterest.interestCents) : null,
			fee: t.lateInterest ? euros(t.lateInterest.feeCents) : null,
			kind: t.kindLabel,
			gross: t.kind === 'AVANCE' ? null : euros(t.grossCents),
			recovered: t.kind === 'AVANCE' ? null : euros(t.advanceRecoveredCents)
		}))
	);
	sheet(
		workbook,
		'Dépassements',
		[
			{ header: 'Date', key: 'date', width: 12, format: DATE_FORMAT },
			{ header: 'Objet', key: 'kind', width: 22 },
			{ header: `Montant ${plan.mission.capBasis}`, key: 'amount', width: 16, format: EURO_FORMAT },
			{ header: 'Dépassement', key: 'over', width: 16, format: EURO_FORMAT },
			{ header: 'Motif', key: 'comment', width: 50 },
			{ header: 'Par', key: 'actor', width: 24 }
		],
		finance.overCapApprovals.map((a) => ({
			date: excelDate(today(new Date(a.createdAt))),
			kind: OVER_CAP_KIND[a.kind] ?? a.kind,
			amount: euros(a.planAmountCents),
			over: euros(a.overCents),
			comment: a.comment ?? '',
			actor: a.actorName ?? ''
		}))
	);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
