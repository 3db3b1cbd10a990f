-- AlterTable
ALTER TABLE "Claim" ADD COLUMN "quoteEnglish" TEXT;
ALTER TABLE "Claim" ADD COLUMN "quoteLang" TEXT;
ALTER TABLE "Claim" ADD COLUMN "reportedOn" DATETIME;

-- AlterTable
ALTER TABLE "ClaimSource" ADD COLUMN "quoteEnglish" TEXT;
ALTER TABLE "ClaimSource" ADD COLUMN "quoteLang" TEXT;
ALTER TABLE "ClaimSource" ADD COLUMN "reportedOn" DATETIME;

-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "quoteEnglish" TEXT;
ALTER TABLE "Incident" ADD COLUMN "quoteLang" TEXT;
ALTER TABLE "Incident" ADD COLUMN "reportedOn" DATETIME;

