-- CreateTable
CREATE TABLE "EcbRate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "halfYearStart" TEXT NOT NULL,
    "rateBp" INTEGER NOT NULL
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
    "buyerKind" TEXT NOT NULL DEFAULT 'PUBLIC',
    "latePaymentRateBp" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Mission" ("budgetCapCents", "capBasis", "clientOrganisation", "contractAmountHtCents", "createdAt", "id", "kickoffDate", "paymentDelayDays", "plannedEndDate", "reference", "status", "title", "updatedAt", "vatRateBp", "version") SELECT "budgetCapCents", "capBasis", "clientOrganisation", "contractAmountHtCents", "createdAt", "id", "kickoffDate", "paymentDelayDays", "plannedEndDate", "reference", "status", "title", "updatedAt", "vatRateBp", "version" FROM "Mission";
DROP TABLE "Mission";
ALTER TABLE "new_Mission" RENAME TO "Mission";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "EcbRate_halfYearStart_key" ON "EcbRate"("halfYearStart");

