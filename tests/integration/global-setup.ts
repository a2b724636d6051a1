// Vitest global setup of the integration suite: names this run (its PostgreSQL databases share the
// prefix) and, at the end, drops every database the run created that a test did not drop itself.
import { randomBytes } from "node:crypto";

export async function setup(): Promise<() => Promise<void>> {
  process.env.DASHX_TEST_RUN ??= randomBytes(4).toString("hex");
  return async () => {
    // On either pass: multi-process.test.ts uses PostgreSQL whatever TEST_DATABASE says.
    const [{ dropPostgresDatabases }, { runPrefix }] = await Promise.all([import("@/lib/delivery/test-db"), import("./test-database")]);
    await dropPostgresDatabases(`LIKE '${runPrefix()}%'`).catch(() => undefined); // no server: nothing was created
  };
}
