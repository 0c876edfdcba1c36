-- CreateTable
CREATE TABLE "EcbRate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "halfYearStart" TEXT NOT NULL,
    "rateBp" INTEGER NOT NULL
);

-- AlterTable: columns added in place (not a table rebuild), so no other column of Mission is lost.
ALTER TABLE "Mission" ADD COLUMN "buyerKind" TEXT NOT NULL DEFAULT 'PUBLIC';
ALTER TABLE "Mission" ADD COLUMN "latePaymentRateBp" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "EcbRate_halfYearStart_key" ON "EcbRate"("halfYearStart");
