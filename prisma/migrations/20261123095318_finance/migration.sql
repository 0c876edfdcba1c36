-- AlterTable
ALTER TABLE "PaymentTranche" ADD COLUMN "invoiceDate" TEXT;
ALTER TABLE "PaymentTranche" ADD COLUMN "invoiceNumber" TEXT;

-- CreateTable
CREATE TABLE "TranchePayment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trancheId" TEXT NOT NULL,
    "paidOn" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TranchePayment_trancheId_fkey" FOREIGN KEY ("trancheId") REFERENCES "PaymentTranche" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CostProfile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "missionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dayRateHtCents" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "CostProfile_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CostLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "missionId" TEXT NOT NULL,
    "phaseId" TEXT,
    "profileId" TEXT,
    "label" TEXT NOT NULL,
    "dayHundredths" INTEGER NOT NULL DEFAULT 0,
    "fixedAmountHtCents" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "CostLine_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CostLine_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Task" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CostLine_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "CostProfile" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TimeEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "missionId" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "phaseId" TEXT,
    "weekStart" TEXT NOT NULL,
    "dayHundredths" INTEGER NOT NULL,
    CONSTRAINT "TimeEntry_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TimeEntry_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "CostProfile" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TimeEntry_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Task" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Expense" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "missionId" TEXT NOT NULL,
    "phaseId" TEXT,
    "label" TEXT NOT NULL,
    "incurredOn" TEXT NOT NULL,
    "amountHtCents" INTEGER NOT NULL,
    CONSTRAINT "Expense_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Expense_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Task" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Funder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "missionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shareBp" INTEGER NOT NULL,
    "ceilingCents" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Funder_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OverCapApproval" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "missionId" TEXT NOT NULL,
    "planAmountCents" INTEGER NOT NULL,
    "overCents" INTEGER NOT NULL,
    "comment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OverCapApproval_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Mission" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "clientOrganisation" TEXT NOT NULL,
    "reference" TEXT,
    "kickoffDate" TEXT NOT NULL,
    "plannedEndDate" TEXT,
    "budgetCapCents" INTEGER NOT NULL,
    "capBasis" TEXT NOT NULL DEFAULT 'TTC',
    "vatRateBp" INTEGER NOT NULL DEFAULT 2000,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "contractAmountHtCents" INTEGER,
    "paymentDelayDays" INTEGER NOT NULL DEFAULT 30,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Mission" ("budgetCapCents", "capBasis", "clientOrganisation", "createdAt", "id", "kickoffDate", "plannedEndDate", "reference", "status", "title", "updatedAt", "vatRateBp", "version") SELECT "budgetCapCents", "capBasis", "clientOrganisation", "createdAt", "id", "kickoffDate", "plannedEndDate", "reference", "status", "title", "updatedAt", "vatRateBp", "version" FROM "Mission";
DROP TABLE "Mission";
ALTER TABLE "new_Mission" RENAME TO "Mission";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TranchePayment_trancheId_idx" ON "TranchePayment"("trancheId");

-- CreateIndex
CREATE UNIQUE INDEX "CostProfile_missionId_name_key" ON "CostProfile"("missionId", "name");

-- CreateIndex
CREATE INDEX "CostLine_missionId_idx" ON "CostLine"("missionId");

-- CreateIndex
CREATE INDEX "TimeEntry_missionId_idx" ON "TimeEntry"("missionId");

-- CreateIndex
CREATE UNIQUE INDEX "TimeEntry_profileId_weekStart_phaseId_key" ON "TimeEntry"("profileId", "weekStart", "phaseId");

-- CreateIndex
CREATE INDEX "Expense_missionId_idx" ON "Expense"("missionId");

-- CreateIndex
CREATE INDEX "Funder_missionId_idx" ON "Funder"("missionId");

-- CreateIndex
CREATE INDEX "OverCapApproval_missionId_idx" ON "OverCapApproval"("missionId");

