// SQLite's migrations: `prisma migrate deploy` on the process's DATABASE_URL, which also writes Prisma's
// _prisma_migrations history (the readiness check reads it). npm start and db:migrate (scripts/db/migrate.ts),
// the benches and the lib/ops unit tests all migrate through this one call.
import { spawnSync } from "node:child_process";
import path from "node:path";

/** Runs `prisma migrate deploy` (its output discarded, errors shown); throws if it fails. */
export function migrateSqlite(): void {
  const migrate = spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { stdio: ["ignore", "pipe", "inherit"], env: process.env });
  if (migrate.status !== 0) throw new Error("prisma migrate deploy failed");
}
