-- Link types FS / SS / FF / SF (the enum is TEXT in SQLite: nothing to change for the new values)
-- and lag units. Columns are added, not tables rebuilt, so other migrations on these tables compose.
ALTER TABLE "Dependency" ADD COLUMN "lagUnit" TEXT NOT NULL DEFAULT 'WORKING_DAYS';

-- Links made before this migration counted their lag in calendar days: they keep that meaning,
-- so no stored date moves on upgrade. New links count working days by default.
UPDATE "Dependency" SET "lagUnit" = 'ELAPSED_DAYS';

-- Deliverables and milestones tied to a task (planned date = the task's end + a lag in working days).
ALTER TABLE "Deliverable" ADD COLUMN "anchorTaskId" TEXT;
ALTER TABLE "Deliverable" ADD COLUMN "anchorLagDays" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Milestone" ADD COLUMN "anchorTaskId" TEXT;
ALTER TABLE "Milestone" ADD COLUMN "anchorLagDays" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Milestone" ADD COLUMN "plannedDate" TEXT;
