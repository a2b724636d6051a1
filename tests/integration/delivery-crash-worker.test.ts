// Crash safety with separate worker processes (`npm run worker`, the server started with
// WEBHOOK_WORKER_IN_PROCESS=false): a worker is `kill -9`ed mid-delivery, two are started in its place
// and share the database, one of those is killed too; the survivor finishes everything, including the
// rows the killed ones had leased, and stops cleanly on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENV, EVENTS, expectAtLeastOnce, LEASE_MS, recordedAttempts, slowReceiver, unrecordedAfterKill } from "./crash-helpers";
import { allDeliveries, publishMany, sleep, waitFor, webhookId, type Published } from "./delivery-helpers";
import { type Receiver, startReceiver } from "../support/receiver";
import { type App, runScript, type Script, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { CreatedEndpoint } from "./shapes";


let app: App;
let receiver: Receiver;
let merchant: Merchant;
let endpoint: CreatedEndpoint;
const workers: Script[] = [];

beforeAll(async () => {
  [app, receiver] = await Promise.all([startApp({ ...ENV, WEBHOOK_WORKER_IN_PROCESS: "false" }), startReceiver()]);
  slowReceiver(receiver, 25);
  merchant = await app.merchant("Worker Crash Merchant");
  endpoint = await createEndpoint(merchant.client, { url: receiver.url("/worker-crash") });
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill("SIGKILL")));
  await Promise.all([app?.stop(), receiver?.close()]);
});

const unique = () => new Set(receiver.requests.map(webhookId)).size;
const worker = () => {
  const w = runScript("scripts/worker.ts", [], { ...ENV, DATABASE_URL: app.databaseUrl });
  workers.push(w);
  return w;
};

describe("npm run worker, killed -9 mid-delivery and restarted", () => {
  let published: Published[];
  const mayRepeat = new Set<string>();

  it("the server alone accepts 1,000 events and sends none of them", async () => {
    published = await publishMany(app.baseUrl, merchant.id, EVENTS, 25);
    expect(published.every((p) => p.deliveries === 1)).toBe(true);
    await sleep(1_500); // longer than a poll period: no worker in the server
    expect(receiver.requests).toHaveLength(0);
  }, 120_000);

  it("a worker process delivers, is killed, two take over, one of them is killed, the last finishes", async () => {
    const started = Date.now();
    const first = worker();
    await waitFor("300 events at the receiver", () => unique() >= 300, 60_000, 5);
    const killedAt = [unique()];
    await first.kill("SIGKILL");
    expect(await first.exited).toBeNull(); // killed by the signal
    await unrecordedAfterKill(app.databaseUrl, receiver, endpoint.id, mayRepeat);
    expect(killedAt[0]).toBeLessThan(EVENTS); // mid-delivery

    const [second, third] = [worker(), worker()]; // any number may share the database
    await waitFor("650 events at the receiver", () => unique() >= 650, 60_000, 5);
    killedAt.push(unique());
    await second.kill("SIGKILL");
    await unrecordedAfterKill(app.databaseUrl, receiver, endpoint.id, mayRepeat);
    expect(killedAt[1]).toBeLessThan(EVENTS);

    await waitFor("every accepted event at the receiver", () => unique() >= EVENTS, LEASE_MS + 60_000, 20);
    // The receiver can have everything while the log does not: a killed worker's last requests got
    // their 200 but it died before recording them. Their leases expire and the survivor sends them again.
    await waitFor(
      "every delivery recorded as succeeded",
      async () => (await allDeliveries(merchant.client, endpoint.id)).every((d) => d.status === "succeeded"),
      LEASE_MS + 60_000,
      500,
    );
    console.log("[delivery-crash-worker] killed at", JSON.stringify(killedAt), "all received after", Date.now() - started, "ms");

    // It stayed up while there was nothing to do (it used to exit as soon as the queue was empty) ...
    await sleep(1_500);
    expect(await Promise.race([third.exited.then(() => "exited"), sleep(0).then(() => "running")])).toBe("running");
    // ... and SIGTERM stops it gracefully.
    await third.kill("SIGTERM");
    expect(third.output()).toMatch(/\[shutdown\] SIGTERM: .*delivery worker/);
  }, 240_000);

  it("every accepted event was received at least once; duplicates carry the same webhook-id and identical bytes", async () => {
    expectAtLeastOnce(receiver.requests, published, endpoint.secret, mayRepeat, await recordedAttempts(app.databaseUrl, endpoint.id));
  });

  it("the delivery log agrees: 1,000 deliveries, all succeeded", async () => {
    const rows = await allDeliveries(merchant.client, endpoint.id);
    expect(rows).toHaveLength(EVENTS);
    expect(rows.filter((d) => d.status !== "succeeded")).toEqual([]);
  }, 30_000);
});
