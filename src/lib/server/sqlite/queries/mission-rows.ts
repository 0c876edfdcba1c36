// A mission's rows for the Gantt page and the dashboard (mission-data.ts). `?` is a JSON array of
// mission ids: one statement reads any number of missions.
import { column as c, columns, table } from '../sql';

const IN_MISSIONS = '"missionId" IN (SELECT value FROM json_each(?))';

export const MISSION_ROWS_SQL = {
	missions: `SELECT * FROM ${table('Mission')} WHERE ${c('Mission', 'id')} IN (SELECT value FROM json_each(?))
		ORDER BY ${c('Mission', 'kickoffDate')} DESC`,
	tasks: `SELECT * FROM ${table('Task')} WHERE ${IN_MISSIONS} ORDER BY ${c('Task', 'sortOrder')} ASC`,
	dependencies: `SELECT * FROM ${table('Dependency')} WHERE ${IN_MISSIONS}`,
	milestoneLinks: `SELECT * FROM ${table('MilestoneLink')} WHERE ${IN_MISSIONS}`,
	deliverables: `SELECT * FROM ${table('Deliverable')} WHERE ${IN_MISSIONS} ORDER BY ${c('Deliverable', 'number')} ASC`,
	milestones: `SELECT * FROM ${table('Milestone')} WHERE ${IN_MISSIONS}`,
	tranches: `SELECT * FROM ${table('PaymentTranche')} WHERE ${IN_MISSIONS} ORDER BY ${c('PaymentTranche', 'sortOrder')} ASC`,
	contacts: `SELECT * FROM ${table('Contact')} WHERE ${IN_MISSIONS}`,
	// The tranches' payments: a tranche's status depends on what was paid.
	payments: `SELECT ${columns('TranchePayment', ['id', 'trancheId', 'paidOn', 'amountCents'], 'p')}, t."missionId"
		FROM ${table('PaymentTranche')} t JOIN ${table('TranchePayment')} p ON ${c('TranchePayment', 'trancheId', 'p')} = t."id"
		WHERE t.${IN_MISSIONS} ORDER BY ${c('TranchePayment', 'paidOn', 'p')} ASC`
};
