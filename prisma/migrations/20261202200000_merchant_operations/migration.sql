-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN "headersCiphertext" TEXT;
ALTER TABLE "Endpoint" ADD COLUMN "signatureCheckAccepts" BOOLEAN;
ALTER TABLE "Endpoint" ADD COLUMN "signatureCheckedAt" DATETIME;

-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN "endpointId" TEXT;
ALTER TABLE "Attempt" ADD COLUMN "isTest" BOOLEAN;
ALTER TABLE "Attempt" ADD COLUMN "merchantId" TEXT;

-- CreateIndex
CREATE INDEX "Event_createdAt_idx" ON "Event"("createdAt");

-- CreateIndex
CREATE INDEX "Attempt_merchantId_endpointId_isTest_createdAt_errorKind_durationMs_idx" ON "Attempt"("merchantId", "endpointId", "isTest", "createdAt", "errorKind", "durationMs");


-- Backfill: attempts recorded before these columns existed take them from their delivery and event,
-- so the stats of an upgraded database include its history.
UPDATE "Attempt" SET
  "merchantId" = (SELECT d."merchantId" FROM "Delivery" d WHERE d."id" = "Attempt"."deliveryId"),
  "endpointId" = (SELECT d."endpointId" FROM "Delivery" d WHERE d."id" = "Attempt"."deliveryId"),
  "isTest" = (SELECT e."isTest" FROM "Delivery" d JOIN "Event" e ON e."id" = d."eventId" WHERE d."id" = "Attempt"."deliveryId")
WHERE "endpointId" IS NULL;
