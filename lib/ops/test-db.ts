// For lib/ops unit tests: a temporary SQLite file migrated by the real `prisma migrate deploy`, so
// Prisma's _prisma_migrations history is there for the readiness check to read.
import { randomBytes } from "node:crypto";
import { migrateDeploy, tempDatabase } from "@/scripts/bench/temp-database";

export function migratedTestDatabase(): { file: string; remove: () => void } {
  const database = tempDatabase("ops-unit");
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.WEBHOOK_ENCRYPTION_KEYS ??= `1:${randomBytes(32).toString("base64")}`;
  migrateDeploy();
  return database;
}
