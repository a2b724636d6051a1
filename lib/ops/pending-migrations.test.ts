// pendingMigrations() against a database migrated by the real `prisma migrate deploy`.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migratedTestDatabase } from "./test-db";

const database = migratedTestDatabase();
const { pendingMigrations } = await import("./pending-migrations");
const history = new Database(database.file);

const shipped = fs
  .readdirSync(path.resolve("prisma/migrations"), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const newest = shipped[shipped.length - 1];

afterAll(() => {
  history.close();
  database.remove();
});

describe("pendingMigrations", () => {
  it("is empty once prisma migrate deploy applied every folder", async () => {
    expect(shipped.length).toBeGreaterThan(5);
    expect(await pendingMigrations()).toEqual([]);
  });

  it("names a shipped migration the database has no row for (code deployed before migrate deploy)", async () => {
    const row = history.prepare(`SELECT * FROM "_prisma_migrations" WHERE "migration_name" = ?`).get(newest) as Record<string, unknown>;
    history.prepare(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = ?`).run(newest);
    try {
      expect(await pendingMigrations()).toEqual([newest]);
    } finally {
      const columns = Object.keys(row);
      history.prepare(`INSERT INTO "_prisma_migrations" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map(() => "?").join(",")})`).run(...Object.values(row));
    }
    expect(await pendingMigrations()).toEqual([]);
  });

  it("counts a migration that failed half way (no finished_at) or was rolled back as pending", async () => {
    const [first, second] = shipped;
    history.prepare(`UPDATE "_prisma_migrations" SET "finished_at" = NULL WHERE "migration_name" = ?`).run(first);
    history.prepare(`UPDATE "_prisma_migrations" SET "rolled_back_at" = "finished_at" WHERE "migration_name" = ?`).run(second);
    expect(await pendingMigrations()).toEqual([first, second]);
    history.prepare(`UPDATE "_prisma_migrations" SET "finished_at" = "started_at" WHERE "migration_name" = ?`).run(first);
    history.prepare(`UPDATE "_prisma_migrations" SET "rolled_back_at" = NULL WHERE "migration_name" = ?`).run(second);
    expect(await pendingMigrations()).toEqual([]);
  });
});
