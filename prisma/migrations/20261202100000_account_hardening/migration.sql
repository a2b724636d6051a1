-- AlterTable
ALTER TABLE "Merchant" ADD COLUMN "twoFactorEnabledAt" DATETIME;
ALTER TABLE "Merchant" ADD COLUMN "twoFactorLastStep" INTEGER;
ALTER TABLE "Merchant" ADD COLUMN "twoFactorPendingCiphertext" TEXT;
ALTER TABLE "Merchant" ADD COLUMN "twoFactorSecretCiphertext" TEXT;

-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN "previousSecrets" TEXT;

-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "AuthSession_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "merchantId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecoveryCode_merchantId_fkey" FOREIGN KEY ("merchantId") REFERENCES "Merchant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AuthSession_merchantId_idx" ON "AuthSession"("merchantId");

-- CreateIndex
CREATE UNIQUE INDEX "RecoveryCode_merchantId_codeHash_key" ON "RecoveryCode"("merchantId", "codeHash");


-- Data: an endpoint rotated before this migration keeps its previous secret signing until it expires.
UPDATE "Endpoint" SET "previousSecrets" = json_array(json_object('ciphertext', "previousSecretCiphertext", 'expiresAt', "previousSecretExpiresAt"))
WHERE "previousSecretCiphertext" IS NOT NULL AND "previousSecretExpiresAt" IS NOT NULL;
