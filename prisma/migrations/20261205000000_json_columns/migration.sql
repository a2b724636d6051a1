-- The JSON-valued columns (event-type filters, previous secrets, audit detail, attempt headers) become
-- Prisma Json fields: jsonb on PostgreSQL; here SQLite keeps the same JSON text, only the declared type
-- changes (a table copy, as SQLite cannot alter a column's type).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuditEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "endpointId" TEXT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEntry_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_AuditEntry" ("action", "actor", "createdAt", "detail", "endpointId", "id", "merchantId") SELECT "action", "actor", "createdAt", "detail", "endpointId", "id", "merchantId" FROM "AuditEntry";
DROP TABLE "AuditEntry";
ALTER TABLE "new_AuditEntry" RENAME TO "AuditEntry";
CREATE INDEX "AuditEntry_merchantId_endpointId_createdAt_idx" ON "AuditEntry"("merchantId", "endpointId", "createdAt");
CREATE TABLE "new_Endpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'enabled',
    "eventTypes" JSONB NOT NULL DEFAULT '[]',
    "secretCiphertext" TEXT NOT NULL,
    "previousSecretCiphertext" TEXT,
    "previousSecretExpiresAt" DATETIME,
    "previousSecrets" JSONB,
    "disabledReason" TEXT,
    "failingSince" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "headersCiphertext" TEXT,
    "signatureCheckAccepts" BOOLEAN,
    "signatureCheckedAt" DATETIME,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "pausedUntil" DATETIME,
    "breakerTrips" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    CONSTRAINT "Endpoint_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Endpoint" ("breakerTrips", "consecutiveFailures", "createdAt", "description", "disabledReason", "eventTypes", "failingSince", "headersCiphertext", "id", "lastError", "merchantId", "pausedUntil", "previousSecretCiphertext", "previousSecretExpiresAt", "previousSecrets", "secretCiphertext", "signatureCheckAccepts", "signatureCheckedAt", "status", "updatedAt", "url") SELECT "breakerTrips", "consecutiveFailures", "createdAt", "description", "disabledReason", "eventTypes", "failingSince", "headersCiphertext", "id", "lastError", "merchantId", "pausedUntil", "previousSecretCiphertext", "previousSecretExpiresAt", "previousSecrets", "secretCiphertext", "signatureCheckAccepts", "signatureCheckedAt", "status", "updatedAt", "url" FROM "Endpoint";
DROP TABLE "Endpoint";
ALTER TABLE "new_Endpoint" RENAME TO "Endpoint";
CREATE INDEX "Endpoint_merchantId_createdAt_idx" ON "Endpoint"("merchantId", "createdAt");
CREATE TABLE "new_Attempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deliveryId" TEXT NOT NULL,
    "attemptNumber" INTEGER NOT NULL,
    "requestHeaders" JSONB NOT NULL,
    "responseStatus" INTEGER,
    "responseHeaders" JSONB,
    "responseBody" TEXT,
    "durationMs" INTEGER NOT NULL,
    "errorKind" TEXT,
    "errorMessage" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Attempt" ("attemptNumber", "createdAt", "deliveryId", "durationMs", "errorKind", "errorMessage", "id", "requestHeaders", "responseBody", "responseHeaders", "responseStatus") SELECT "attemptNumber", "createdAt", "deliveryId", "durationMs", "errorKind", "errorMessage", "id", "requestHeaders", "responseBody", "responseHeaders", "responseStatus" FROM "Attempt";
DROP TABLE "Attempt";
ALTER TABLE "new_Attempt" RENAME TO "Attempt";
CREATE INDEX "Attempt_deliveryId_attemptNumber_idx" ON "Attempt"("deliveryId", "attemptNumber");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

