-- CreateTable
CREATE TABLE "MilestoneLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "missionId" TEXT NOT NULL,
    "milestoneId" TEXT NOT NULL,
    "successorId" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'FS',
    "lagDays" INTEGER NOT NULL DEFAULT 0,
    "lagUnit" TEXT NOT NULL DEFAULT 'WORKING_DAYS',
    CONSTRAINT "MilestoneLink_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MilestoneLink_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MilestoneLink_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "Task" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "MilestoneLink_missionId_idx" ON "MilestoneLink"("missionId");

-- CreateIndex
CREATE INDEX "MilestoneLink_successorId_idx" ON "MilestoneLink"("successorId");

-- CreateIndex
CREATE UNIQUE INDEX "MilestoneLink_milestoneId_successorId_key" ON "MilestoneLink"("milestoneId", "successorId");

