-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OverCapApproval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "missionId" TEXT NOT NULL,
    "planAmountCents" INTEGER NOT NULL,
    "overCents" INTEGER NOT NULL,
    "comment" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'COST_PLAN',
    "actorName" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OverCapApproval_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_OverCapApproval" ("comment", "createdAt", "id", "missionId", "overCents", "planAmountCents") SELECT "comment", "createdAt", "id", "missionId", "overCents", "planAmountCents" FROM "OverCapApproval";
DROP TABLE "OverCapApproval";
ALTER TABLE "new_OverCapApproval" RENAME TO "OverCapApproval";
CREATE INDEX "OverCapApproval_missionId_idx" ON "OverCapApproval"("missionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

