-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "MissionStatus" AS ENUM ('DRAFT', 'ACTIVE', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CapBasis" AS ENUM ('HT', 'TTC');

-- CreateEnum
CREATE TYPE "TaskKind" AS ENUM ('PHASE', 'TASK');

-- CreateEnum
CREATE TYPE "DependencyType" AS ENUM ('FS', 'SS', 'FF', 'SF');

-- CreateEnum
CREATE TYPE "LagUnit" AS ENUM ('WORKING_DAYS', 'ELAPSED_DAYS');

-- CreateEnum
CREATE TYPE "DateRuleKind" AS ENUM ('FIXED_DATE', 'OFFSET');

-- CreateEnum
CREATE TYPE "OffsetUnit" AS ENUM ('DAYS', 'WEEKS', 'WORKING_DAYS');

-- CreateEnum
CREATE TYPE "DeliverableStatus" AS ENUM ('TODO', 'IN_PROGRESS', 'SUBMITTED', 'VALIDATED', 'REWORK');

-- CreateEnum
CREATE TYPE "MilestoneKind" AS ENUM ('CONTRACT', 'DELIVERY', 'PAYMENT', 'STEERING', 'SELECTION');

-- CreateEnum
CREATE TYPE "TrancheTriggerKind" AS ENUM ('MILESTONE', 'DELIVERABLE_VALIDATION');

-- CreateEnum
CREATE TYPE "TrancheStatus" AS ENUM ('PLANNED', 'DUE', 'INVOICED', 'PAID');

-- CreateEnum
CREATE TYPE "TrancheKind" AS ENUM ('AVANCE', 'ACOMPTE', 'SOLDE');

-- CreateEnum
CREATE TYPE "MissionRole" AS ENUM ('COORDINATOR', 'SUPERVISOR', 'FINANCE', 'VIEWER');

-- CreateEnum
CREATE TYPE "ContactRole" AS ENUM ('SUPERVISION', 'COORDINATION', 'FINANCE');

-- CreateEnum
CREATE TYPE "ProgrammeKind" AS ENUM ('SCHEME', 'FRAMEWORK_AGREEMENT');

-- CreateEnum
CREATE TYPE "ProgrammeRole" AS ENUM ('MANAGER', 'VIEWER', 'BENEFICIARY');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('REQUESTED', 'QUOTED', 'VALIDATED', 'REFUSED', 'ORDERED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "PriceLineKind" AS ENUM ('PROFILE_DAY', 'TRAINING', 'OTHER');

-- CreateTable
CREATE TABLE "Mission" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "clientOrganisation" TEXT NOT NULL,
    "reference" TEXT,
    "kickoffDate" TEXT NOT NULL,
    "plannedEndDate" TEXT,
    "budgetCapCents" INTEGER NOT NULL,
    "capBasis" "CapBasis" NOT NULL DEFAULT 'TTC',
    "vatRateBp" INTEGER NOT NULL DEFAULT 2000,
    "status" "MissionStatus" NOT NULL DEFAULT 'ACTIVE',
    "contractAmountHtCents" INTEGER,
    "paymentDelayDays" INTEGER NOT NULL DEFAULT 30,
    "buyerKind" TEXT NOT NULL DEFAULT 'PUBLIC',
    "latePaymentRateBp" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "programmeId" TEXT,
    "beneficiaryId" TEXT,

    CONSTRAINT "Mission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "parentId" TEXT,
    "kind" "TaskKind" NOT NULL DEFAULT 'TASK',
    "name" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dependency" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "predecessorId" TEXT NOT NULL,
    "successorId" TEXT NOT NULL,
    "type" "DependencyType" NOT NULL DEFAULT 'FS',
    "lagDays" INTEGER NOT NULL DEFAULT 0,
    "lagUnit" "LagUnit" NOT NULL DEFAULT 'WORKING_DAYS',

    CONSTRAINT "Dependency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deliverable" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "expectedFormat" TEXT,
    "dueRuleKind" "DateRuleKind" NOT NULL,
    "dueFixedDate" TEXT,
    "dueOffset" INTEGER,
    "dueOffsetUnit" "OffsetUnit",
    "plannedDate" TEXT NOT NULL,
    "status" "DeliverableStatus" NOT NULL DEFAULT 'TODO',
    "validatedOn" TEXT,
    "validatedById" TEXT,
    "submittedOn" TEXT,
    "validatedByName" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "anchorTaskId" TEXT,
    "anchorLagDays" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Deliverable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "MilestoneKind" NOT NULL,
    "dateRuleKind" "DateRuleKind" NOT NULL DEFAULT 'FIXED_DATE',
    "fixedDate" TEXT,
    "offset" INTEGER,
    "offsetUnit" "OffsetUnit",
    "isWeek" BOOLEAN NOT NULL DEFAULT false,
    "timeOfDay" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "anchorTaskId" TEXT,
    "anchorLagDays" INTEGER NOT NULL DEFAULT 0,
    "plannedDate" TEXT,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MilestoneLink" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "milestoneId" TEXT NOT NULL,
    "successorId" TEXT NOT NULL,
    "type" "DependencyType" NOT NULL DEFAULT 'FS',
    "lagDays" INTEGER NOT NULL DEFAULT 0,
    "lagUnit" "LagUnit" NOT NULL DEFAULT 'WORKING_DAYS',

    CONSTRAINT "MilestoneLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentTranche" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "percentBp" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "triggerKind" "TrancheTriggerKind" NOT NULL,
    "triggerMilestoneId" TEXT,
    "triggerDeliverableId" TEXT,
    "status" "TrancheStatus" NOT NULL DEFAULT 'PLANNED',
    "invoiceNumber" TEXT,
    "invoiceDate" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "kind" "TrancheKind" NOT NULL DEFAULT 'ACOMPTE',

    CONSTRAINT "PaymentTranche_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TranchePayment" (
    "id" TEXT NOT NULL,
    "trancheId" TEXT NOT NULL,
    "paidOn" TEXT NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TranchePayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostProfile" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dayRateHtCents" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CostProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostLine" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "phaseId" TEXT,
    "profileId" TEXT,
    "label" TEXT NOT NULL,
    "dayHundredths" INTEGER NOT NULL DEFAULT 0,
    "fixedAmountHtCents" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CostLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimeEntry" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "phaseId" TEXT,
    "weekStart" TEXT NOT NULL,
    "dayHundredths" INTEGER NOT NULL,

    CONSTRAINT "TimeEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Expense" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "phaseId" TEXT,
    "label" TEXT NOT NULL,
    "incurredOn" TEXT NOT NULL,
    "amountHtCents" INTEGER NOT NULL,

    CONSTRAINT "Expense_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Funder" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shareBp" INTEGER NOT NULL,
    "ceilingCents" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Funder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OverCapApproval" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "planAmountCents" INTEGER NOT NULL,
    "overCents" INTEGER NOT NULL,
    "comment" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'COST_PLAN',
    "actorName" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OverCapApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "organisation" TEXT NOT NULL,
    "jobTitle" TEXT,
    "role" "ContactRole" NOT NULL,
    "email" TEXT,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "disabledAt" TIMESTAMP(3),
    "canCreateMissions" BOOLEAN,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "role" "MissionRole" NOT NULL,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginFailure" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "missionId" TEXT,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "objectType" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "field" TEXT,
    "before" TEXT,
    "after" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeliverableSubmission" (
    "id" TEXT NOT NULL,
    "deliverableId" TEXT NOT NULL,
    "versionLabel" TEXT NOT NULL,
    "link" TEXT,
    "comment" TEXT,
    "submittedById" TEXT NOT NULL,
    "submittedByName" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decision" TEXT,
    "decisionComment" TEXT,
    "decidedByName" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "DeliverableSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MissionTemplate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "document" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "MissionTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL,
    "missionId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EcbRate" (
    "id" TEXT NOT NULL,
    "halfYearStart" TEXT NOT NULL,
    "rateBp" INTEGER NOT NULL,

    CONSTRAINT "EcbRate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL,
    "kind" "ProgrammeKind" NOT NULL,
    "title" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "envelopeCents" INTEGER NOT NULL,
    "envelopeBasis" "CapBasis" NOT NULL DEFAULT 'HT',
    "vatRateBp" INTEGER NOT NULL DEFAULT 2000,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "memberShareBp" INTEGER NOT NULL DEFAULT 8000,
    "nonMemberShareBp" INTEGER NOT NULL DEFAULT 5000,
    "serviceCeilingCents" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Beneficiary" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "siret" TEXT,
    "isMember" BOOLEAN NOT NULL DEFAULT false,
    "contactName" TEXT,
    "contactEmail" TEXT,
    "contactPhone" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Beneficiary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeMember" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "ProgrammeRole" NOT NULL,
    "beneficiaryId" TEXT,

    CONSTRAINT "ProgrammeMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PriceLine" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" "PriceLineKind" NOT NULL,
    "unit" TEXT NOT NULL,
    "unitPriceHtCents" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PriceLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeOrder" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "beneficiaryId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "need" TEXT,
    "requestedOn" TEXT NOT NULL,
    "status" "OrderStatus" NOT NULL DEFAULT 'REQUESTED',
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgrammeOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderQuoteLine" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "priceLineId" TEXT,
    "label" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "deliverable" TEXT,
    "quantityHundredths" INTEGER NOT NULL,
    "unitPriceHtCents" INTEGER NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "OrderQuoteLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnvelopeOverrun" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "missionId" TEXT,
    "orderId" TEXT,
    "committedCents" INTEGER NOT NULL,
    "overCents" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnvelopeOverrun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Mission_programmeId_idx" ON "Mission"("programmeId");

-- CreateIndex
CREATE INDEX "Task_missionId_sortOrder_idx" ON "Task"("missionId", "sortOrder");

-- CreateIndex
CREATE INDEX "Task_parentId_idx" ON "Task"("parentId");

-- CreateIndex
CREATE INDEX "Dependency_missionId_idx" ON "Dependency"("missionId");

-- CreateIndex
CREATE INDEX "Dependency_successorId_idx" ON "Dependency"("successorId");

-- CreateIndex
CREATE UNIQUE INDEX "Dependency_predecessorId_successorId_key" ON "Dependency"("predecessorId", "successorId");

-- CreateIndex
CREATE UNIQUE INDEX "Deliverable_missionId_number_key" ON "Deliverable"("missionId", "number");

-- CreateIndex
CREATE INDEX "Milestone_missionId_idx" ON "Milestone"("missionId");

-- CreateIndex
CREATE INDEX "MilestoneLink_missionId_idx" ON "MilestoneLink"("missionId");

-- CreateIndex
CREATE INDEX "MilestoneLink_successorId_idx" ON "MilestoneLink"("successorId");

-- CreateIndex
CREATE UNIQUE INDEX "MilestoneLink_milestoneId_successorId_key" ON "MilestoneLink"("milestoneId", "successorId");

-- CreateIndex
CREATE INDEX "PaymentTranche_missionId_idx" ON "PaymentTranche"("missionId");

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

-- CreateIndex
CREATE INDEX "Contact_missionId_idx" ON "Contact"("missionId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Membership_missionId_idx" ON "Membership"("missionId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_missionId_role_key" ON "Membership"("userId", "missionId", "role");

-- CreateIndex
CREATE INDEX "LoginFailure_email_createdAt_idx" ON "LoginFailure"("email", "createdAt");

-- CreateIndex
CREATE INDEX "LoginFailure_address_createdAt_idx" ON "LoginFailure"("address", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_missionId_at_idx" ON "AuditEvent"("missionId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_objectType_objectId_idx" ON "AuditEvent"("objectType", "objectId");

-- CreateIndex
CREATE INDEX "DeliverableSubmission_deliverableId_idx" ON "DeliverableSubmission"("deliverableId");

-- CreateIndex
CREATE UNIQUE INDEX "MissionTemplate_name_key" ON "MissionTemplate"("name");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");

-- CreateIndex
CREATE INDEX "CalendarFeed_missionId_idx" ON "CalendarFeed"("missionId");

-- CreateIndex
CREATE UNIQUE INDEX "EcbRate_halfYearStart_key" ON "EcbRate"("halfYearStart");

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

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dependency" ADD CONSTRAINT "Dependency_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dependency" ADD CONSTRAINT "Dependency_predecessorId_fkey" FOREIGN KEY ("predecessorId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dependency" ADD CONSTRAINT "Dependency_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deliverable" ADD CONSTRAINT "Deliverable_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneLink" ADD CONSTRAINT "MilestoneLink_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneLink" ADD CONSTRAINT "MilestoneLink_milestoneId_fkey" FOREIGN KEY ("milestoneId") REFERENCES "Milestone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MilestoneLink" ADD CONSTRAINT "MilestoneLink_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "Task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentTranche" ADD CONSTRAINT "PaymentTranche_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentTranche" ADD CONSTRAINT "PaymentTranche_triggerMilestoneId_fkey" FOREIGN KEY ("triggerMilestoneId") REFERENCES "Milestone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentTranche" ADD CONSTRAINT "PaymentTranche_triggerDeliverableId_fkey" FOREIGN KEY ("triggerDeliverableId") REFERENCES "Deliverable"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TranchePayment" ADD CONSTRAINT "TranchePayment_trancheId_fkey" FOREIGN KEY ("trancheId") REFERENCES "PaymentTranche"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostProfile" ADD CONSTRAINT "CostProfile_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostLine" ADD CONSTRAINT "CostLine_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostLine" ADD CONSTRAINT "CostLine_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Task"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CostLine" ADD CONSTRAINT "CostLine_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "CostProfile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimeEntry" ADD CONSTRAINT "TimeEntry_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimeEntry" ADD CONSTRAINT "TimeEntry_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "CostProfile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimeEntry" ADD CONSTRAINT "TimeEntry_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Task"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "Task"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Funder" ADD CONSTRAINT "Funder_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OverCapApproval" ADD CONSTRAINT "OverCapApproval_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliverableSubmission" ADD CONSTRAINT "DeliverableSubmission_deliverableId_fkey" FOREIGN KEY ("deliverableId") REFERENCES "Deliverable"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Beneficiary" ADD CONSTRAINT "Beneficiary_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeMember" ADD CONSTRAINT "ProgrammeMember_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeMember" ADD CONSTRAINT "ProgrammeMember_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PriceLine" ADD CONSTRAINT "PriceLine_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeOrder" ADD CONSTRAINT "ProgrammeOrder_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeOrder" ADD CONSTRAINT "ProgrammeOrder_beneficiaryId_fkey" FOREIGN KEY ("beneficiaryId") REFERENCES "Beneficiary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeOrder" ADD CONSTRAINT "ProgrammeOrder_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "Mission"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderQuoteLine" ADD CONSTRAINT "OrderQuoteLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "ProgrammeOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderQuoteLine" ADD CONSTRAINT "OrderQuoteLine_priceLineId_fkey" FOREIGN KEY ("priceLineId") REFERENCES "PriceLine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvelopeOverrun" ADD CONSTRAINT "EnvelopeOverrun_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

