-- DropIndex
DROP INDEX "Event_merchantId_createdAt_idx";

-- DropIndex
DROP INDEX "Delivery_endpointId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Event_merchantId_createdAt_id_idx" ON "Event"("merchantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Delivery_endpointId_createdAt_id_idx" ON "Delivery"("endpointId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Delivery_endpointId_status_createdAt_id_idx" ON "Delivery"("endpointId", "status", "createdAt", "id");

