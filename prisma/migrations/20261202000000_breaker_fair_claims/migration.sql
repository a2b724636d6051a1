-- Circuit breaker state on Endpoint, the Resend/Recover flag on Delivery, and the indexes of the fair claim.
-- Written as ALTER TABLE ADD COLUMN (what `prisma migrate diff` produces as a table redefinition, which
-- would copy every Delivery row); the resulting schema is the same.
ALTER TABLE "Endpoint" ADD COLUMN "consecutiveFailures" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Endpoint" ADD COLUMN "pausedUntil" DATETIME;
ALTER TABLE "Endpoint" ADD COLUMN "breakerTrips" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Endpoint" ADD COLUMN "lastError" TEXT;
ALTER TABLE "Delivery" ADD COLUMN "manual" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Delivery_status_endpointId_nextAttemptAt_idx" ON "Delivery"("status", "endpointId", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Delivery_status_manual_nextAttemptAt_idx" ON "Delivery"("status", "manual", "nextAttemptAt");
