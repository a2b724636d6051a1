// For unit tests of the delivery store: a fresh database with every migration applied, selected through
// DATABASE_URL before anything reads the env. SQLite: a temporary file (the same SQL `prisma migrate
// deploy` runs). PostgreSQL: a database of its own on TEST_POSTGRES_URL's server (default the local one,
// trust auth), migrated by the production runner, dropped by remove().
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import type { Dialect } from "@/lib/db/dialect";
import { setTestSecrets } from "@/lib/db/test-secrets";

export type TestDatabase = { url: string; remove: () => Promise<void> };

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function freshSqlite(): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashx-unit-"));
  const file = path.join(dir, "unit.db");
  const conn = new Database(file);
  const migrations = path.resolve("prisma/migrations");
  for (const name of fs.readdirSync(migrations).filter((n) => fs.statSync(path.join(migrations, n)).isDirectory()).sort()) {
    conn.exec(fs.readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
  }
  conn.close();
  return { url: `file:${file}`, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** This unit run's database name prefix: the suite's teardown (test-db.global-setup.ts) drops every one left. */
export const unitDatabasePrefix = () => `dashx_unit_${process.env.DASHX_TEST_RUN ?? "adhoc"}`;

/** Creates an empty PostgreSQL database (named with `prefix`) and returns its URL and how to drop it. */
export async function createPostgresDatabase(prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL} (${(error as Error).message}): start it (.ci/run does) or set TEST_POSTGRES_URL`);
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    remove: () => dropPostgresDatabases(`= '${name}'`),
  };
}

/** Drops the test server's databases whose name matches the SQL condition (`= 'x'` or `LIKE 'x%'`). */
export async function dropPostgresDatabases(condition: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT datname FROM pg_database WHERE datname ${condition}`);
    for (const { datname } of rows as Array<{ datname: string }>) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function freshTestDatabase(dialect: Dialect = "sqlite"): Promise<TestDatabase> {
  setTestSecrets();
  let database: TestDatabase;
  if (dialect === "postgres") {
    database = await createPostgresDatabase(unitDatabasePrefix());
    const { migratePostgres } = await import("@/lib/db/postgres-migrations");
    await migratePostgres(database.url);
  } else database = freshSqlite();
  process.env.DATABASE_URL = database.url;
  return database;
}
