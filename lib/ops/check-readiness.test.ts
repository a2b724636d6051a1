// /readyz's checks against a real migrated database: each one fails for its own reason and names itself.
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { migratedTestDatabase } from "./test-db";

const database = migratedTestDatabase();
const sql = new Database(database.file);

// env() caches its result: each case loads fresh modules with its own WEBHOOK_WORKER_IN_PROCESS.
async function load(inProcess: "true" | "false") {
  vi.resetModules();
  vi.stubEnv("WEBHOOK_WORKER_IN_PROCESS", inProcess);
  const { checkReadiness } = await import("./check-readiness");
  const { startHeartbeat } = await import("./heartbeat");
  return { checkReadiness, startHeartbeat };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits for the worker's first beat to reach the database. */
async function firstBeat(id: string): Promise<void> {
  const beat = sql.prepare(`SELECT 1 FROM "WorkerHeartbeat" WHERE "id" = ?`);
  for (let i = 0; i < 500 && beat.get(id) === undefined; i++) await sleep(10);
}
const stops: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
  vi.unstubAllEnvs();
});
afterAll(() => {
  sql.close();
  database.remove();
});

describe("checkReadiness", () => {
  it("is ready when the database answers, every migration is applied and this process's worker beats", async () => {
    const { checkReadiness, startHeartbeat } = await load("true");
    stops.push(startHeartbeat({ id: "ready:1:w", inFlight: 0 }));
    await firstBeat("ready:1:w");
    expect(await checkReadiness()).toEqual({
      ready: true,
      failed: [],
      checks: { database: { status: "ok" }, migrations: { status: "ok" }, worker: { status: "ok" } },
    });
  });

  it("fails the worker check when this process should run a worker and none is running", async () => {
    const { checkReadiness } = await load("true");
    const readiness = await checkReadiness();
    expect(readiness.ready).toBe(false);
    expect(readiness.failed).toEqual(["worker"]);
    expect(readiness.checks.worker.message).toMatch(/not running/);
  });

  it("fails the worker check when its heartbeat is stale, naming the age", async () => {
    const { checkReadiness, startHeartbeat } = await load("true");
    stops.push(startHeartbeat({ id: "stale:1:w", inFlight: 0 }, 60_000)); // beats once, then not for a minute
    await firstBeat("stale:1:w");
    expect((await checkReadiness()).ready).toBe(true);
    const in20s = new Date(Date.now() + 20_000);
    const readiness = await checkReadiness(in20s);
    expect(readiness.failed).toEqual(["worker"]);
    expect(readiness.checks.worker.message).toMatch(/heartbeat is 20 s old/);
  });

  it("skips the worker check where the worker runs in its own process", async () => {
    const { checkReadiness } = await load("false");
    const readiness = await checkReadiness();
    expect(readiness.ready).toBe(true);
    expect(readiness.checks.worker.status).toBe("skipped");
  });

  it("fails the migrations check naming the migration not applied", async () => {
    const { checkReadiness } = await load("false");
    const newest = sql.prepare(`SELECT "migration_name" FROM "_prisma_migrations" ORDER BY "migration_name" DESC LIMIT 1`).pluck().get() as string;
    sql.prepare(`UPDATE "_prisma_migrations" SET "finished_at" = NULL WHERE "migration_name" = ?`).run(newest);
    try {
      const readiness = await checkReadiness();
      expect(readiness.failed).toEqual(["migrations"]);
      expect(readiness.checks.migrations.message).toContain(newest);
    } finally {
      sql.prepare(`UPDATE "_prisma_migrations" SET "finished_at" = "started_at" WHERE "migration_name" = ?`).run(newest);
    }
    expect((await checkReadiness()).ready).toBe(true);
  });
});
