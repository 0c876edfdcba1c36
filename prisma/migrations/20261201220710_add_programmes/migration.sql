-- AlterTable
ALTER TABLE "Mission" ADD COLUMN "beneficiaryId" TEXT;
ALTER TABLE "Mission" ADD COLUMN "programmeId" TEXT;

-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "envelopeCents" INTEGER NOT NULL,
    "envelopeBasis" TEXT NOT NULL DEFAULT 'HT',
    "vatRateBp" INTEGER NOT NULL DEFAULT 2000,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "memberShareBp" INTEGER NOT NULL DEFAULT 8000,
    "nonMemberShareBp" INTEGER NOT NULL DEFAULT 5000,
    "serviceCeilingCents" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Beneficiary" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "siret" TEXT,
    "isMember" BOOLEAN NOT NULL DEFAULT false,
    "contactName" TEXT,
    "contactEmail" TEXT,
    "contactPhone" TEXT,
    CONSTRAINT "Beneficiary_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgrammeMember" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "beneficiaryId" TEXT,
    CONSTRAINT "ProgrammeMember_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeMember_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PriceLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "unitPriceHtCents" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "PriceLine_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProgrammeOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "beneficiaryId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "need" TEXT,
    "requestedOn" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'REQUESTED',
    "quoteSentOn" TEXT,
    "workStartDate" TEXT,
    "deliverableDelayDays" INTEGER NOT NULL DEFAULT 10,
    "totalHtCents" INTEGER NOT NULL DEFAULT 0,
    "decidedOn" TEXT,
    "refusalReason" TEXT,
    "purchaseOrderOn" TEXT,
    "purchaseOrderRef" TEXT,
    "missionId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProgrammeOrder_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeOrder_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeOrder_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OrderQuoteLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orderId" TEXT NOT NULL,
    "priceLineId" TEXT,
    "label" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "deliverable" TEXT,
    "quantityHundredths" INTEGER NOT NULL,
    "unitPriceHtCents" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "OrderQuoteLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ProgrammeOrder" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrderQuoteLine_priceLineId_fkey" FOREIGN KEY ("priceLineId") REFERENCES "PriceLine" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EnvelopeOverrun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "missionId" TEXT,
    "orderId" TEXT,
    "committedCents" INTEGER NOT NULL,
    "overCents" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EnvelopeOverrun_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Beneficiary_programmeId_idx" ON "Beneficiary"("programmeId");

-- CreateIndex
CREATE UNIQUE INDEX "Beneficiary_programmeId_siret_key" ON "Beneficiary"("programmeId", "siret");

-- CreateIndex
CREATE INDEX "ProgrammeMember_userId_idx" ON "ProgrammeMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeMember_programmeId_userId_role_key" ON "ProgrammeMember"("programmeId", "userId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "PriceLine_programmeId_code_key" ON "PriceLine"("programmeId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeOrder_missionId_key" ON "ProgrammeOrder"("missionId");

-- CreateIndex
CREATE INDEX "ProgrammeOrder_beneficiaryId_idx" ON "ProgrammeOrder"("beneficiaryId");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeOrder_programmeId_number_key" ON "ProgrammeOrder"("programmeId", "number");

-- CreateIndex
CREATE INDEX "OrderQuoteLine_orderId_idx" ON "OrderQuoteLine"("orderId");

-- CreateIndex
CREATE INDEX "EnvelopeOverrun_programmeId_idx" ON "EnvelopeOverrun"("programmeId");

-- CreateIndex
CREATE INDEX "Mission_programmeId_idx" ON "Mission"("programmeId");

