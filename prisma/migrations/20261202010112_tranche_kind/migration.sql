-- AlterTable: column added in place (not a table rebuild), so no other column of PaymentTranche is lost.
ALTER TABLE "PaymentTranche" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'ACOMPTE';

-- The default schedule is acompte, acompte, solde: the last tranche of each mission is its balance.
UPDATE "PaymentTranche" SET "kind" = 'SOLDE'
WHERE NOT EXISTS (
    SELECT 1 FROM "PaymentTranche" AS later
    WHERE later."missionId" = "PaymentTranche"."missionId"
      AND (later."sortOrder" > "PaymentTranche"."sortOrder"
           OR (later."sortOrder" = "PaymentTranche"."sortOrder" AND later."id" > "PaymentTranche"."id"))
);
