-- The JSON-valued columns become jsonb, keeping their contents (written by hand: `prisma migrate diff`
-- drops and re-adds a column whose type changes, which would lose every row's value).
ALTER TABLE "AuditEntry" ALTER COLUMN "detail" DROP DEFAULT;
ALTER TABLE "AuditEntry" ALTER COLUMN "detail" SET DATA TYPE JSONB USING "detail"::jsonb;
ALTER TABLE "AuditEntry" ALTER COLUMN "detail" SET DEFAULT '{}';

ALTER TABLE "Endpoint" ALTER COLUMN "eventTypes" DROP DEFAULT;
ALTER TABLE "Endpoint" ALTER COLUMN "eventTypes" SET DATA TYPE JSONB USING "eventTypes"::jsonb;
ALTER TABLE "Endpoint" ALTER COLUMN "eventTypes" SET DEFAULT '[]';
ALTER TABLE "Endpoint" ALTER COLUMN "previousSecrets" SET DATA TYPE JSONB USING "previousSecrets"::jsonb;

ALTER TABLE "Attempt" ALTER COLUMN "requestHeaders" SET DATA TYPE JSONB USING "requestHeaders"::jsonb;
ALTER TABLE "Attempt" ALTER COLUMN "responseHeaders" SET DATA TYPE JSONB USING "responseHeaders"::jsonb;
