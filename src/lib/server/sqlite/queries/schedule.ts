// A mission's schedule (task-schedule.ts): what moving a task reads and writes, on the connection.
import { column as c, columns, table } from '../sql';

export const SCHEDULE_SQL = {
	tasks: `SELECT ${columns('Task', ['id', 'parentId', 'kind', 'name', 'startDate', 'endDate'])} FROM ${table('Task')}
		WHERE ${c('Task', 'missionId')} = ? ORDER BY ${c('Task', 'sortOrder')}`,
	links: `SELECT ${columns('Dependency', ['predecessorId', 'successorId', 'type', 'lagDays', 'lagUnit'])}
		FROM ${table('Dependency')} WHERE ${c('Dependency', 'missionId')} = ?`,
	anchoredDeliverables: `SELECT ${columns('Deliverable', ['id', 'anchorTaskId', 'anchorLagDays', 'plannedDate'])}
		FROM ${table('Deliverable')} WHERE ${c('Deliverable', 'missionId')} = ? AND ${c('Deliverable', 'anchorTaskId')} IS NOT NULL`,
	anchoredMilestones: `SELECT ${columns('Milestone', ['id', 'anchorTaskId', 'anchorLagDays', 'plannedDate'])}
		FROM ${table('Milestone')} WHERE ${c('Milestone', 'missionId')} = ? AND ${c('Milestone', 'anchorTaskId')} IS NOT NULL`,
	milestoneLinks: `SELECT ${c('MilestoneLink', 'milestoneId')} AS predecessorId,
		${columns('MilestoneLink', ['successorId', 'type', 'lagDays', 'lagUnit'])}
		FROM ${table('MilestoneLink')} WHERE ${c('MilestoneLink', 'missionId')} = ?`,
	milestones: `SELECT * FROM ${table('Milestone')} WHERE ${c('Milestone', 'missionId')} = ?`,
	kickoff: `SELECT ${c('Mission', 'kickoffDate')} FROM ${table('Mission')} WHERE ${c('Mission', 'id')} = ?`,
	moveDeliverable: `UPDATE ${table('Deliverable')} SET ${c('Deliverable', 'plannedDate')} = ?,
		${c('Deliverable', 'version')} = ${c('Deliverable', 'version')} + 1 WHERE ${c('Deliverable', 'id')} = ?`,
	moveMilestone: `UPDATE ${table('Milestone')} SET ${c('Milestone', 'plannedDate')} = ?,
		${c('Milestone', 'version')} = ${c('Milestone', 'version')} + 1 WHERE ${c('Milestone', 'id')} = ?`,
	// A tie to a deleted task is dropped (there is no foreign key: see schema.prisma).
	untieDeliverable: `UPDATE ${table('Deliverable')} SET ${c('Deliverable', 'anchorTaskId')} = NULL,
		${c('Deliverable', 'version')} = ${c('Deliverable', 'version')} + 1 WHERE ${c('Deliverable', 'id')} = ?`,
	untieMilestone: `UPDATE ${table('Milestone')} SET ${c('Milestone', 'anchorTaskId')} = NULL, ${c('Milestone', 'plannedDate')} = NULL,
		${c('Milestone', 'version')} = ${c('Milestone', 'version')} + 1 WHERE ${c('Milestone', 'id')} = ?`,
	moveTask: `UPDATE ${table('Task')} SET ${c('Task', 'startDate')} = ?, ${c('Task', 'endDate')} = ?,
		${c('Task', 'version')} = ${c('Task', 'version')} + 1 WHERE ${c('Task', 'id')} = ?`,
	// Re-spanning a phase after a structural change is not an edit of the phase: no new version.
	respanTask: `UPDATE ${table('Task')} SET ${c('Task', 'startDate')} = ?, ${c('Task', 'endDate')} = ? WHERE ${c('Task', 'id')} = ?`
};
