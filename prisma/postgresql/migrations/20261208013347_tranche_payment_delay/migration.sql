-- AlterTable
ALTER TABLE "PaymentTranche" ADD COLUMN     "paymentDelayDays" INTEGER;


-- Invoices issued before: the delay they were due under is the mission's today (30 days when unset).
UPDATE "PaymentTranche" SET "paymentDelayDays" = COALESCE(
  (SELECT "paymentDelayDays" FROM "Mission" WHERE "Mission"."id" = "PaymentTranche"."missionId"), 30)
WHERE "invoiceDate" IS NOT NULL;
