// Migrations this code ships (prisma/migrations, read at run time from the project root) that the
// database has not finished applying: a deploy that skipped `npm run db:migrate`, or one that failed
// half way. /readyz is not ready while any is pending.
import fs from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { isPostgresUrl } from "@/lib/db/dialect";
import { pgPool } from "@/lib/db/postgres";
import { pendingPostgresMigrations } from "@/lib/db/postgres-migrations";
import { env } from "@/lib/env";

/** Folder names under prisma/migrations, oldest first (their timestamp prefix sorts them). */
async function shippedMigrations(): Promise<string[]> {
  const dir = path.join(process.cwd(), "prisma", "migrations");
  const entries = await fs.readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/**
 * Names of the migrations the database has finished applying: the one dialect-specific part. SQLite
 * keeps Prisma's own history table (`prisma migrate deploy`); a row without finished_at failed, and a
 * rolled-back one (`prisma migrate resolve --rolled-back`) is no longer applied.
 */
async function finishedMigrations(): Promise<Set<string>> {
  const rows = await db.$queryRaw<Array<{ name: string }>>`
    SELECT "migration_name" AS name FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;
  return new Set(rows.map((r) => r.name));
}

export async function pendingMigrations(): Promise<string[]> {
  const url = env().DATABASE_URL;
  // PostgreSQL: the SQL migrations postgrator applies (lib/db/postgres-migrations.ts), its own history table.
  if (isPostgresUrl(url)) return pendingPostgresMigrations((sql) => pgPool().query(sql));
  const [shipped, finished] = await Promise.all([shippedMigrations(), finishedMigrations()]);
  return shipped.filter((name) => !finished.has(name));
}
