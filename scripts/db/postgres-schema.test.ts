// Drift check: the PostgreSQL schema, its migrations and the SQLite data model must agree. Fails when
// prisma/schema.prisma changed and `npm run db:postgres <name>` was not run (or its output was edited).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createPostgresDatabase, unitDatabasePrefix } from "@/lib/delivery/test-db";
import { migratePostgres } from "@/lib/db/postgres-migrations";
import { DIFF_DATABASE_URL, expectedPostgresSchema, POSTGRES_SCHEMA, POSTGRES_SNAPSHOT } from "./postgres-schema";

/** Columns (type, nullability, default) and indexes of the public schema, comparable across databases. */
async function catalog(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, datetime_precision, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name NOT LIKE '\\_%' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\\_%' ORDER BY indexname`);
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows.filter((c: { table: string }) => !c.table.startsWith("_")) };
  } finally {
    await client.end();
  }
}

describe("PostgreSQL schema and migrations", () => {
  it("prisma/postgres/schema.prisma is generated from prisma/schema.prisma", () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, "utf8")).toBe(expectedPostgresSchema());
  });

  it("the migrations are written up to the current data model", () => {
    expect(fs.readFileSync(POSTGRES_SNAPSHOT, "utf8")).toBe(fs.readFileSync(POSTGRES_SCHEMA, "utf8"));
  });

  it("applying the migrations gives the same database as the data model itself, and a second run is a no-op", { timeout: 120_000 }, async () => {
    const migrated = await createPostgresDatabase(`${unitDatabasePrefix()}_drift`);
    const fromModel = await createPostgresDatabase(`${unitDatabasePrefix()}_drift`);
    try {
      expect((await migratePostgres(migrated.url)).length).toBeGreaterThan(0);
      expect(await migratePostgres(migrated.url)).toEqual([]);
      const diff = spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "diff", "--from-empty", "--to-schema-datamodel", POSTGRES_SCHEMA, "--script"], {
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: DIFF_DATABASE_URL },
      });
      expect(diff.status).toBe(0);
      const client = new pg.Client({ connectionString: fromModel.url });
      await client.connect();
      await client.query(diff.stdout);
      await client.end();
      expect(await catalog(migrated.url)).toEqual(await catalog(fromModel.url));
    } finally {
      await migrated.remove();
      await fromModel.remove();
    }
  });

  it("instances migrating at once (the advisory lock): each migration is applied exactly once, none fails", { timeout: 120_000 }, async () => {
    // Without the lock, concurrent postgrator runs race on CREATE TABLE and fail (duplicate pg_type row).
    const database = await createPostgresDatabase(`${unitDatabasePrefix()}_drift`);
    try {
      const runs = await Promise.all(Array.from({ length: 4 }, () => migratePostgres(database.url)));
      const onDisk = fs.readdirSync(path.resolve("prisma/postgres/migrations")).filter((f) => /\.do\..*\.sql$/.test(f));
      expect(runs.flat().map((f) => path.basename(f)).sort()).toEqual(onDisk.sort());
      expect(runs.filter((applied) => applied.length > 0)).toHaveLength(1); // the first holder did it all
    } finally {
      await database.remove();
    }
  });
});
