// Which database an integration test's app runs on. `TEST_DATABASE=postgres` (npm run
// test:integration:pg) gives every app a PostgreSQL database of its own on the local server; otherwise a
// SQLite file in the app's data directory. A restart with the same data directory finds the same
// database (its URL is kept in the directory). Databases are dropped with their app, and whatever a
// test left (a caller-owned data directory) by the suite's teardown (tests/integration/global-setup.ts).
import fs from "node:fs";
import path from "node:path";
import { createPostgresDatabase, dropPostgresDatabases } from "@/lib/delivery/test-db";

export const onPostgres = () => process.env.TEST_DATABASE === "postgres";

/** This run's database name prefix: the teardown drops every database that starts with it. */
export const runPrefix = () => `dashx_it_${process.env.DASHX_TEST_RUN ?? process.ppid}`;

export async function testDatabaseUrl(dataDir: string): Promise<string> {
  if (!onPostgres()) return `file:${path.join(dataDir, "dashx.db")}`;
  const saved = path.join(dataDir, "postgres-url");
  if (fs.existsSync(saved)) return fs.readFileSync(saved, "utf8");
  const { url } = await createPostgresDatabase(runPrefix());
  fs.writeFileSync(saved, url);
  return url;
}

/** Drops the PostgreSQL database a data directory's app used (no-op on SQLite). */
export async function dropTestDatabase(dataDir: string): Promise<void> {
  const saved = path.join(dataDir, "postgres-url");
  if (!fs.existsSync(saved)) return;
  await dropPostgresDatabases(`= '${new URL(fs.readFileSync(saved, "utf8")).pathname.slice(1)}'`);
}
