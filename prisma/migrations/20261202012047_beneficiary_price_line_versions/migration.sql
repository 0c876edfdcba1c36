-- Added in place (not a table rebuild): columns other migrations add to these tables survive.
ALTER TABLE "Beneficiary" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
ALTER TABLE "PriceLine" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;
