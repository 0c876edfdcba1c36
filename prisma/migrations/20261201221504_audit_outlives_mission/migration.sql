-- AlterTable
ALTER TABLE "Deliverable" ADD COLUMN "validatedByName" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "missionId" TEXT,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "field" TEXT,
    "before" TEXT,
    "after" TEXT
);
INSERT INTO "new_AuditEvent" ("action", "actorId", "actorName", "after", "at", "before", "field", "id", "missionId", "objectId", "objectType") SELECT "action", "actorId", "actorName", "after", "at", "before", "field", "id", "missionId", "objectId", "objectType" FROM "AuditEvent";
DROP TABLE "AuditEvent";
ALTER TABLE "new_AuditEvent" RENAME TO "AuditEvent";
CREATE INDEX "AuditEvent_missionId_at_idx" ON "AuditEvent"("missionId", "at");
CREATE INDEX "AuditEvent_objectType_objectId_idx" ON "AuditEvent"("objectType", "objectId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

