// SIGTERM on either process type loses nothing. A worker process stopped mid-stream finishes and records
// the attempts it has in flight and gives back every other lease, so another worker carries on at once
// (no lease left to expire) and nothing is sent twice. A web instance (WEBHOOK_WORKER_IN_PROCESS=false)
// stopped while the payments core is posting events stops accepting, answers what it has, and exits 0;
// every event it answered 202 is stored and delivered.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENV, slowReceiver } from "./crash-helpers";
import { byWebhookId, EVENT_TYPES, eventData, intake, publishMany, waitFor, webhookId } from "./delivery-helpers";
import { type App, freePort, runNpmScript, runScript, type Script, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { CreatedEndpoint } from "./shapes";
import { openTestSql } from "./test-sql";
import { type Receiver, startReceiver } from "../support/receiver";

let app: App;
let receiver: Receiver;
let merchant: Merchant;
let endpoint: CreatedEndpoint;
let dataDir: string;
let port: number;
const workers: Script[] = [];
const OUT_OF_PROCESS = { ...ENV, WEBHOOK_WORKER_IN_PROCESS: "false" };

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dashx-sigterm-"));
  port = await freePort();
  [app, receiver] = await Promise.all([startApp(OUT_OF_PROCESS, { port, dataDir }), startReceiver()]);
  slowReceiver(receiver, 50);
  merchant = await app.merchant("Shutdown Merchant");
  endpoint = await createEndpoint(merchant.client, { url: receiver.url("/sigterm") });
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill("SIGKILL")));
  await Promise.all([app?.stop(), receiver?.close()]);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const worker = () => {
  const w = runScript("scripts/worker.ts", [], { ...OUT_OF_PROCESS, DATABASE_URL: app.databaseUrl });
  workers.push(w);
  return w;
};
const received = () => byWebhookId(receiver.requests);

async function heldLeases(owner?: string): Promise<number> {
  const sql = await openTestSql(app.databaseUrl);
  try {
    const byOwner = owner === undefined ? "" : ` AND "leaseOwner" = ?`;
    const row = await sql.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM "Delivery" WHERE "status" = 'pending' AND "leaseOwner" IS NOT NULL${byOwner}`,
      ...(owner === undefined ? [] : [owner]),
    );
    return Number(row?.n ?? 0);
  } finally {
    await sql.close();
  }
}

describe("SIGTERM to a worker process mid-stream", () => {
  it("finishes and records what it had in flight, holds no lease afterwards, and the next worker sends the rest once each", async () => {
    const published = await publishMany(app.baseUrl, merchant.id, 400, 25);
    const first = worker();
    await waitFor("100 events at the receiver", () => received().size >= 100, 60_000, 5);
    await first.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/\[shutdown\] SIGTERM: .*delivery worker/);
    expect(first.output()).toMatch(/stopped: nothing in flight, no lease held/);
    const atStop = received().size;
    expect(atStop).toBeLessThan(published.length); // it was stopped mid-stream
    expect(await heldLeases()).toBe(0); // not left to expire: another worker may take everything now

    worker();
    await waitFor("every event at the receiver", () => received().size >= published.length, 60_000, 20);
    expect([...received().values()].filter((requests) => requests.length > 1).map((requests) => webhookId(requests[0]))).toEqual([]);
    expect(new Set(received().keys())).toEqual(new Set(published.map((p) => p.id)));
  }, 180_000);
});

describe("SIGTERM to `npm run worker` itself, as a container runtime signals PID 1", () => {
  it("reaches the worker through npm and tsx: graceful stop, exit 0, no process of it left behind, no lease held", async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill("SIGKILL"))); // this worker alone delivers now
    const before = received().size;
    await publishMany(app.baseUrl, merchant.id, 300, 25);
    const viaNpm = runNpmScript("worker", { ...OUT_OF_PROCESS, DATABASE_URL: app.databaseUrl });
    workers.push(viaNpm);
    await waitFor("the npm-run worker delivering", () => received().size >= before + 50, 60_000, 5);
    const owner = /\[worker\] (\S+) delivering/.exec(viaNpm.output())?.[1];
    expect(owner).toBeDefined();
    const code = await viaNpm.signalLeader("SIGTERM"); // npm's process only: it must pass the signal on
    expect(code).toBe(0); // npm saw the worker exit 0, not a signal death (143)
    expect(viaNpm.output()).toMatch(/\[shutdown\] SIGTERM: .*delivery worker/);
    expect(viaNpm.output()).toMatch(/stopped: nothing in flight, no lease held/);
    expect(() => process.kill(-viaNpm.pid, 0)).toThrow(); // no tsx or node of it orphaned
    expect(await heldLeases(owner)).toBe(0);
    worker(); // delivers the rest (and the next test's events)
  }, 180_000);
});

describe("SIGTERM to a web instance while events are posted", () => {
  it("stops accepting, answers what it accepted, exits 0; every 202 is stored and delivered", async () => {
    const accepted: string[] = [];
    const refused: string[] = [];
    let n = 0;
    let stop = false;
    const poster = async () => {
      while (!stop) {
        const type = EVENT_TYPES[n % EVENT_TYPES.length];
        try {
          const res = await intake(app.baseUrl, { merchantId: merchant.id, type, data: eventData(type, n++) });
          if (res.status === 202) accepted.push((res.body as { id: string }).id);
          else refused.push(`${res.status} ${res.text}`);
        } catch {
          return; // the connection is closed or refused: this client would retry elsewhere
        }
      }
    };
    const posting = Promise.all(Array.from({ length: 16 }, poster));
    await waitFor("the intake accepting", () => accepted.length >= 200, 60_000, 5);
    const before = accepted.length;
    const code = await app.terminate();
    stop = true;
    await posting;
    expect(code).toBe(0); // shut down, not killed by the signal
    expect(app.logs()).toMatch(/\[shutdown\] SIGTERM: http server/);
    expect(refused).toEqual([]); // no request in flight was answered with an error
    expect(accepted.length).toBeGreaterThanOrEqual(before);

    const sql = await openTestSql(app.databaseUrl);
    try {
      const stored = new Set((await sql.all<{ id: string }>(`SELECT "id" FROM "Event" WHERE "merchantId" = ?`, merchant.id)).map((r) => r.id));
      expect(accepted.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await sql.close();
    }
    console.log(`[graceful-shutdown] ${before} accepted when SIGTERM was sent, ${accepted.length} in all`);
    await waitFor("every accepted event at the receiver", () => accepted.every((id) => received().has(id)), 60_000, 20);
  }, 180_000);
});
