// For lib/ops unit tests: a temporary SQLite file migrated by the real `prisma migrate deploy`, so
// Prisma's _prisma_migrations history is there for the readiness check to read. The same command as
// scripts/db/migrate.ts's migrateSqlite (npm start's step), run here because lib/ never imports scripts/.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export function migratedTestDatabase(): { file: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashx-ops-unit-"));
  const file = path.join(dir, "ops-unit.db");
  process.env.DATABASE_URL = `file:${file}`;
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.WEBHOOK_ENCRYPTION_KEYS ??= `1:${randomBytes(32).toString("base64")}`;
  const migrate = spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { stdio: ["ignore", "pipe", "inherit"], env: process.env });
  if (migrate.status !== 0) throw new Error("prisma migrate deploy failed");
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
