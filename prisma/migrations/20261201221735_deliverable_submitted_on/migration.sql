-- AlterTable
ALTER TABLE "Deliverable" ADD COLUMN "submittedOn" TEXT;

