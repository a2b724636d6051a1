-- Circuit breaker state on Endpoint, explicit retry requests (Resend, Recover) in a side table, and the
-- fair claim's index in place of the oldest-first one. Written as ALTER TABLE ADD COLUMN where
-- `prisma migrate diff` produces a table redefinition (which would copy every row); same schema.
ALTER TABLE "Endpoint" ADD COLUMN "consecutiveFailures" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Endpoint" ADD COLUMN "pausedUntil" DATETIME;
ALTER TABLE "Endpoint" ADD COLUMN "breakerTrips" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Endpoint" ADD COLUMN "lastError" TEXT;

-- CreateTable
CREATE TABLE "RetryRequest" (
    "deliveryId" TEXT NOT NULL PRIMARY KEY,
    "endpointId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RetryRequest_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- DropIndex
DROP INDEX "Delivery_status_nextAttemptAt_idx";

-- CreateIndex
CREATE INDEX "Delivery_status_endpointId_nextAttemptAt_idx" ON "Delivery"("status", "endpointId", "nextAttemptAt");
