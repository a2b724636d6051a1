// Vitest global setup of the unit suite: names this run, so the PostgreSQL databases its tests create
// (lib/delivery/test-db.ts) share a prefix, and at the end drops any a test did not drop itself (a
// failed or interrupted test must not leave databases behind on the developer's server).
import { randomBytes } from "node:crypto";
import { dropPostgresDatabases, unitDatabasePrefix } from "./test-db";

export async function setup(): Promise<() => Promise<void>> {
  process.env.DASHX_TEST_RUN ??= randomBytes(4).toString("hex");
  return async () => {
    await dropPostgresDatabases(`LIKE '${unitDatabasePrefix()}%'`).catch(() => undefined); // no server: nothing was created
  };
}
