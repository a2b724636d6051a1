// For lib/ops unit tests: a temporary SQLite file migrated by the real `prisma migrate deploy` (npm start's
// step), so Prisma's _prisma_migrations history is there for the readiness check to read.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateSqlite } from "@/lib/db/migrate-sqlite";
import { setTestSecrets } from "@/lib/db/test-secrets";

export function migratedTestDatabase(): { file: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashx-ops-unit-"));
  const file = path.join(dir, "ops-unit.db");
  process.env.DATABASE_URL = `file:${file}`;
  setTestSecrets();
  migrateSqlite();
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
