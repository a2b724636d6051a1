// POST /api/v1/events checks the merchant and the Idempotency-Key inside the publish transaction
// (lib/delivery/store.ts publishOne). What must hold across that path: requests racing with one key
// make one event even when they arrive at two server processes sharing the database and carry two
// different bodies (the winner's body gets 202 with the one id, the other 409), the receiver gets one
// delivery per key, and a replay answers with the deliveries the first request queued.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intake, PLATFORM_TOKEN, sleep } from "./delivery-helpers";
import { createEndpoint, startApp, startReceiver, START_TIMEOUT_MS, type App, type Merchant, type Receiver } from "./harness";
import { openDb } from "./security-helpers";

let dataDir: string;
const apps: App[] = [];
let receiver: Receiver;
let merchant: Merchant;
let db: Database.Database;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dashx-idem-"));
  receiver = await startReceiver();
  // One after the other: each start migrates the shared database.
  apps.push(await startApp({ PLATFORM_API_TOKEN: PLATFORM_TOKEN }, { dataDir }));
  apps.push(await startApp({ PLATFORM_API_TOKEN: PLATFORM_TOKEN }, { dataDir }));
  merchant = await apps[0].merchant("Racing Merchant");
  await createEndpoint(merchant.client, { url: receiver.url("/race") });
  db = openDb(path.join(dataDir, "dashx.db"));
}, 2 * START_TIMEOUT_MS);

afterAll(async () => {
  db?.close();
  await Promise.all([...apps.map((a) => a.stop()), receiver?.close()]);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const eventsWithKey = (key: string) =>
  db.prepare(`SELECT "id", "type" FROM "Event" WHERE "merchantId" = ? AND "idempotencyKey" = ?`).all(merchant.id, key) as Array<{ id: string; type: string }>;

describe("Idempotency-Key across two server processes", () => {
  it("16 concurrent requests per key, split over two processes and two bodies: one event, the winner's body 202 with its id, the other body 409", async () => {
    const keys = Array.from({ length: 10 }, (_, i) => `race-${i}-${Date.now()}`);
    const bodies = [
      { merchantId: merchant.id, type: "checkout_session.expired", data: null },
      { merchantId: merchant.id, type: "checkout_session.canceled", data: null },
    ] as const;
    const answers = await Promise.all(
      keys.flatMap((key) =>
        Array.from({ length: 16 }, async (_, n) => {
          const body = bodies[n % 2];
          const res = await intake(apps[Math.floor(n / 2) % 2].baseUrl, body, { idempotencyKey: key });
          return { key, type: body.type, status: res.status, id: (res.body as { id?: string } | undefined)?.id };
        }),
      ),
    );
    for (const key of keys) {
      const stored = eventsWithKey(key);
      expect(stored).toHaveLength(1);
      const [winner] = stored;
      for (const a of answers.filter((x) => x.key === key)) {
        if (a.type === winner.type) expect(a).toMatchObject({ status: 202, id: winner.id });
        else expect(a.status).toBe(409);
      }
    }
    // One delivery per key reached the receiver, whichever process's worker sent it.
    await receiver.waitForRequests(keys.length, 20_000);
    await sleep(1_500);
    const delivered = receiver.requests.map((r) => r.headers["webhook-id"]);
    expect(new Set(delivered).size).toBe(keys.length);
    expect(new Set(delivered)).toEqual(new Set(keys.map((k) => eventsWithKey(k)[0].id)));
  });

  it("a replay answers with the deliveries the first request queued (on either process), and queues nothing", async () => {
    const key = `replay-${Date.now()}`;
    const body = { merchantId: merchant.id, type: "checkout_session.expired", data: null };
    const first = await intake(apps[0].baseUrl, body, { idempotencyKey: key });
    expect(first).toMatchObject({ status: 202, body: { id: expect.any(String), deliveries: 1 } });
    const deliveriesBefore = db.prepare(`SELECT COUNT(*) AS n FROM "Delivery" WHERE "merchantId" = ?`).get(merchant.id);
    const again = await intake(apps[1].baseUrl, body, { idempotencyKey: key });
    expect(again).toMatchObject({ status: 202, body: first.body });
    expect(db.prepare(`SELECT COUNT(*) AS n FROM "Delivery" WHERE "merchantId" = ?`).get(merchant.id)).toEqual(deliveriesBefore);
  });

  it("an unknown merchant is a 404 on the new path too, with or without a key, and stores nothing", async () => {
    for (const idempotencyKey of [undefined, "ghost-key"]) {
      const res = await intake(apps[1].baseUrl, { merchantId: "mer_does_not_exist", type: "checkout_session.expired", data: null }, { idempotencyKey });
      expect(res.status).toBe(404);
      expect((res.body as { error: { code: string } }).error.code).toBe("not_found");
    }
    expect(db.prepare(`SELECT COUNT(*) AS n FROM "Event" WHERE "merchantId" = 'mer_does_not_exist'`).get()).toEqual({ n: 0 });
  });
});
