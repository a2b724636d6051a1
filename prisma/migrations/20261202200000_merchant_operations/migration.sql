-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN "headersCiphertext" TEXT;
ALTER TABLE "Endpoint" ADD COLUMN "signatureCheckAccepts" BOOLEAN;
ALTER TABLE "Endpoint" ADD COLUMN "signatureCheckedAt" DATETIME;

-- CreateTable
CREATE TABLE "AttemptStat" (
    "endpointId" TEXT NOT NULL,
    "merchantId" TEXT NOT NULL,
    "hour" TEXT NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("endpointId", "hour", "latencyMs"),
    CONSTRAINT "AttemptStat_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AttemptStat_hour_idx" ON "AttemptStat"("hour");

-- CreateIndex
CREATE INDEX "Event_createdAt_idx" ON "Event"("createdAt");


-- Backfill: the stats of an upgraded database include the attempts it already holds (test sends excluded).
INSERT INTO "AttemptStat" ("endpointId", "merchantId", "hour", "latencyMs", "succeeded", "failed")
SELECT d."endpointId", d."merchantId", substr(a."createdAt", 1, 13),
       CASE WHEN a."durationMs" < 100 THEN a."durationMs"
            WHEN a."durationMs" < 1000 THEN a."durationMs" / 10 * 10
            WHEN a."durationMs" < 10000 THEN a."durationMs" / 100 * 100
            ELSE a."durationMs" / 1000 * 1000 END,
       SUM(a."errorKind" IS NULL), SUM(a."errorKind" IS NOT NULL)
FROM "Attempt" a JOIN "Delivery" d ON d."id" = a."deliveryId" JOIN "Event" e ON e."id" = d."eventId"
WHERE e."isTest" = 0
GROUP BY 1, 2, 3, 4;
