// Worker heartbeats against a real SQLite database: the row appears, follows the worker's in-flight
// count, and is gone after stop, with no late beat bringing it back.
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { migratedTestDatabase } from "./test-db";

const database = migratedTestDatabase();
const { localWorkerIds, startHeartbeat } = await import("./heartbeat");
const sql = new Database(database.file);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Row = { id: string; host: string; pid: number; inFlight: number; beatAt: string; startedAt: string };
const row = (id: string) => sql.prepare(`SELECT * FROM "WorkerHeartbeat" WHERE "id" = ?`).get(id) as Row | undefined;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await sleep(10);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

afterAll(() => {
  sql.close();
  database.remove();
});

describe("startHeartbeat", () => {
  it("writes the worker's row at once, then every interval with its current in-flight count", async () => {
    const worker = { id: "host-a:101:beat", inFlight: 3 };
    const stop = startHeartbeat(worker, 40);
    expect(localWorkerIds()).toContain(worker.id);
    await until(() => row(worker.id) !== undefined, "the first beat");
    const first = row(worker.id)!;
    expect(first).toMatchObject({ pid: process.pid, inFlight: 3 });
    worker.inFlight = 17;
    await until(() => row(worker.id)?.inFlight === 17, "a beat with the new count");
    const later = row(worker.id)!;
    expect(new Date(later.beatAt).getTime()).toBeGreaterThan(new Date(first.beatAt).getTime());
    expect(later.startedAt).toBe(first.startedAt);

    await stop();
    expect(row(worker.id)).toBeUndefined();
    expect(localWorkerIds()).not.toContain(worker.id);
    await sleep(120); // three intervals: a timer left running would write the row again
    expect(row(worker.id)).toBeUndefined();
  });

  it("removes rows of workers dead for over a day when a worker starts, and leaves recent ones", async () => {
    const insert = sql.prepare(`INSERT INTO "WorkerHeartbeat" ("id","host","pid","startedAt","beatAt","inFlight") VALUES (?,?,?,?,?,0)`);
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString().replace("Z", "+00:00");
    insert.run("dead:1:long", "dead", 1, ago(30 * 3_600_000), ago(25 * 3_600_000));
    insert.run("dead:2:recent", "dead", 2, ago(3_600_000), ago(60_000));
    const stop = startHeartbeat({ id: "host-b:102:beat", inFlight: 0 }, 1_000);
    await until(() => row("dead:1:long") === undefined, "the long-dead row to go");
    expect(row("dead:2:recent")).toBeDefined();
    await stop();
  });
});
