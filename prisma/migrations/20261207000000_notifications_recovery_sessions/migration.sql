-- Issue 20/21: the session list (device, address, last seen), tracked recoveries, notifications
-- (inbox + outbox, the email outbox, preferences, one-click unsubscribe) and the endpoint columns they need.
-- AlterTable
ALTER TABLE "AuthSession" ADD COLUMN "ip" TEXT;
ALTER TABLE "AuthSession" ADD COLUMN "lastSeenAt" DATETIME;
ALTER TABLE "AuthSession" ADD COLUMN "userAgent" TEXT;

-- CreateTable
CREATE TABLE "Recovery" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "since" DATETIME NOT NULL,
    "deliveryCount" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Recovery_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Recovery_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecoveryDelivery" (
    "recoveryId" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,

    PRIMARY KEY ("recoveryId", "deliveryId"),
    CONSTRAINT "RecoveryDelivery_recoveryId_fkey" FOREIGN KEY ("recoveryId") REFERENCES "Recovery" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecoveryDelivery_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "endpointId" TEXT,
    "type" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "dedupeKey" TEXT,
    "count" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" DATETIME,
    "dispatchedAt" DATETIME,
    "dispatchLeaseOwner" TEXT,
    "dispatchLeaseUntil" DATETIME,
    CONSTRAINT "Notification_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NotificationEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "notificationId" TEXT,
    "endpointId" TEXT,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "NotificationEmail_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "merchantId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,

    PRIMARY KEY ("merchantId", "channel", "kind"),
    CONSTRAINT "NotificationPreference_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UnsubscribeToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'email',
    "kind" TEXT NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UnsubscribeToken_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (adding columns with constant defaults: no table rebuild needed)
ALTER TABLE "Endpoint" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'merchant';
ALTER TABLE "Endpoint" ADD COLUMN "failedInARow" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Endpoint" ADD COLUMN "alertState" TEXT NOT NULL DEFAULT 'ok';

-- CreateIndex
CREATE INDEX "Recovery_endpointId_createdAt_idx" ON "Recovery"("endpointId", "createdAt");

-- CreateIndex
CREATE INDEX "RecoveryDelivery_deliveryId_idx" ON "RecoveryDelivery"("deliveryId");

-- CreateIndex
CREATE INDEX "Notification_merchantId_createdAt_id_idx" ON "Notification"("merchantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Notification_merchantId_readAt_idx" ON "Notification"("merchantId", "readAt");

-- CreateIndex
CREATE INDEX "Notification_dispatchedAt_createdAt_idx" ON "Notification"("dispatchedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_merchantId_dedupeKey_key" ON "Notification"("merchantId", "dedupeKey");

-- CreateIndex
CREATE INDEX "NotificationEmail_status_nextAttemptAt_idx" ON "NotificationEmail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "NotificationEmail_endpointId_createdAt_idx" ON "NotificationEmail"("endpointId", "createdAt");

-- CreateIndex
CREATE INDEX "UnsubscribeToken_merchantId_idx" ON "UnsubscribeToken"("merchantId");
