// Crash safety (DESIGN §3 at-least-once, issue 3's second proof): 1,000 events accepted by the intake,
// then the server's whole process group is `kill -9`ed mid-delivery three times and restarted on the
// same database each time. Every accepted event still reaches the receiver; the only duplicates are
// attempts a killed process had sent but not yet recorded, and they carry the same webhook-id and the
// same bytes. (The worker-process variant is delivery-crash-worker.test.ts.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENV, EVENTS, expectAtLeastOnce, LEASE_MS, recordedAttempts, slowReceiver, unrecordedAfterKill } from "./crash-helpers";
import { allDeliveries, publishMany, waitFor, webhookId, type Published } from "./delivery-helpers";
import { type Receiver, startReceiver } from "../support/receiver";
import { type App, freePort, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { CreatedEndpoint } from "./shapes";


let dataDir: string;
let port: number;
let app: App | undefined;
let receiver: Receiver;
let merchant: Merchant;
let endpoint: CreatedEndpoint;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dashx-crash-"));
  port = await freePort();
  receiver = await startReceiver();
  slowReceiver(receiver, 25);
  // Intake only (no in-process worker): all 1,000 events are accepted before the first one is sent.
  app = await startApp({ ...ENV, WEBHOOK_WORKER_IN_PROCESS: "false" }, { port, dataDir });
  merchant = await app.merchant("Crash Merchant");
  endpoint = await createEndpoint(merchant.client, { url: receiver.url("/crash") });
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await app?.stop();
  await receiver?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const unique = () => new Set(receiver.requests.map(webhookId)).size;

describe("kill -9 of the server's process group mid-delivery, three times", () => {
  let published: Published[];
  const kills: Array<{ received: number; at: number }> = [];
  const mayRepeat = new Set<string>();

  it("accepts 1,000 events (202 each, one delivery each) while no worker runs", async () => {
    published = await publishMany(app!.baseUrl, merchant.id, EVENTS, 25);
    expect(published.every((p) => p.deliveries === 1)).toBe(true);
    expect(new Set(published.map((p) => p.id)).size).toBe(EVENTS);
    expect(receiver.requests).toHaveLength(0);
    await app!.kill(); // even the intake process goes down hard: the accepted events are on disk
  }, 120_000);

  it("restarts with the in-process worker and is killed three times mid-delivery", async () => {
    const started = Date.now();
    for (const threshold of [150, 400, 650]) {
      app = await startApp(ENV, { port, dataDir });
      await waitFor(`${threshold} events at the receiver`, () => unique() >= threshold, 60_000, 5);
      await app.kill();
      kills.push({ received: unique(), at: Date.now() - started });
      await unrecordedAfterKill(app.databaseUrl, receiver, endpoint.id, mayRepeat);
      expect(kills.at(-1)!.received).toBeLessThan(EVENTS); // it really was mid-delivery (nothing delivers while it is down)
    }
    app = await startApp(ENV, { port, dataDir });
    // What the last kill's worker had claimed comes back when its lease expires.
    await waitFor("every accepted event at the receiver", () => unique() >= EVENTS, LEASE_MS + 60_000, 20);
    console.log("[delivery-crash] kills (received, ms since first restart)", JSON.stringify(kills), "all received after", Date.now() - started, "ms");
  }, 240_000);

  it("every accepted event was received at least once; duplicates carry the same webhook-id and identical bytes", async () => {
    expectAtLeastOnce(receiver.requests, published, endpoint.secret, mayRepeat, await recordedAttempts(app!.databaseUrl, endpoint.id));
  });

  it("the delivery log agrees: 1,000 deliveries, all succeeded", async () => {
    // The last kill's sent-but-unrecorded rows are sent again (and recorded) when their leases expire.
    await waitFor("the last records", async () => (await allDeliveries(merchant.client, endpoint.id, "status=succeeded")).length === EVENTS, LEASE_MS + 30_000, 250);
    const rows = await allDeliveries(merchant.client, endpoint.id);
    expect(rows).toHaveLength(EVENTS);
    expect(new Set(rows.map((d) => d.eventId))).toEqual(new Set(published.map((p) => p.id)));
    expect(rows.every((d) => d.status === "succeeded" && d.attempts >= 1)).toBe(true);
  }, LEASE_MS + 60_000);
});
