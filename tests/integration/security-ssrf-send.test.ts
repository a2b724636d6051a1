// The SSRF guard at SEND time (WEBHOOK_ALLOW_PRIVATE_TARGETS=false, no allow-list). ssrf-guard.test.ts
// proves creation refuses private targets; this file proves the second line: an endpoint row that points
// at loopback anyway (a name that resolved publicly at creation and rebinds later, simulated by writing
// the row straight into SQLite) is never contacted, neither by Send Test Event nor by the worker for a
// real event. Each attempt is recorded with errorKind "blocked" and a readable message, while a receiver
// listening on 127.0.0.1:PORT and [::1]:PORT records that nothing arrived.
import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { START_TIMEOUT_MS } from "./harness";
import { createEndpoint, type Merchant } from "./http-client";
import type { ApiErrorBody, Endpoint, TestResult } from "./shapes";
import {
  completedData,
  openDb,
  startLoopbackReceiver,
  startSecureApp,
  waitFor,
  type DeliveryDetail,
  type DeliverySummary,
  type LoopbackReceiver,
  type SecureApp,
} from "./security-helpers";

let app: SecureApp;
let receiver: LoopbackReceiver;
let merchant: Merchant;
let db: Database.Database;

/** Loopback in every spelling the issue names; `localhost` is a host name, resolved at send time. */
/** The one message of a blocked send: it says the target is not allowed, never where the host points. */
const BLOCKED_MESSAGE = "Refused to connect: the target host is not an allowed destination (webhooks go to public internet addresses only)";

const spellings = (port: number) => [
  `http://127.1:${port}/hook`,
  `http://2130706433:${port}/hook`,
  `http://0x7f.1:${port}/hook`,
  `http://0177.0.0.1:${port}/hook`,
  `http://[::ffff:127.0.0.1]:${port}/hook`,
  `http://[::1]:${port}/hook`,
  `http://127.0.0.1:${port}/hook`,
  `http://localhost:${port}/hook`,
];

beforeAll(async () => {
  [app, receiver] = await Promise.all([
    startSecureApp({ WEBHOOK_ALLOW_PRIVATE_TARGETS: "false", WEBHOOK_ALLOWED_CIDRS: "", WEBHOOK_RETRY_SCHEDULE: "1s,1s" }),
    startLoopbackReceiver(),
  ]);
  merchant = await app.merchant("Rebinding Merchant");
  db = openDb(app.dbFile);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  db?.close();
  await Promise.all([app?.stop(), receiver?.close()]);
});

const list = async (m: Merchant) => ((await m.client.get("/api/v1/webhooks")).body as { data: Endpoint[] }).data;

describe("create and update refuse every loopback spelling (422 on url)", () => {
  it("the receiver is really reachable on both loopback addresses (so 'nothing arrived' means something)", async () => {
    for (const host of ["127.0.0.1", "[::1]"]) {
      const res = await fetch(`http://${host}:${receiver.port}/probe`, { method: "POST", body: "{}" });
      expect(res.status).toBe(200);
    }
    expect(receiver.requests).toHaveLength(2);
    receiver.clear();
  });

  it("create: each spelling with the receiver's port is refused, nothing is created", async () => {
    for (const url of spellings(receiver.port)) {
      const res = await merchant.client.post("/api/v1/webhooks", { url });
      expect(res.status, url).toBe(422);
      expect((res.body as ApiErrorBody).error, url).toMatchObject({ code: "validation_failed", fields: { url: expect.stringMatching(/private or reserved/) } });
    }
    expect(await list(merchant)).toEqual([]);
  });

  it("update: moving a public endpoint to each spelling is refused, the url is unchanged", async () => {
    const endpoint = await createEndpoint(merchant.client, { url: "https://93.184.216.34/public" });
    for (const url of spellings(receiver.port)) {
      const res = await merchant.client.patch(`/api/v1/webhooks/${endpoint.id}`, { url });
      expect(res.status, url).toBe(422);
      expect((res.body as ApiErrorBody).error.fields?.url, url).toMatch(/private or reserved/);
    }
    expect((await list(merchant)).map((e) => e.url)).toEqual(["https://93.184.216.34/public"]);
    expect((await merchant.client.delete(`/api/v1/webhooks/${endpoint.id}`)).status).toBe(204);
  });
});

describe("rows that point at loopback anyway are blocked at send time", () => {
  /** endpoint id → the loopback URL written into its row */
  const rebound = new Map<string, string>();

  beforeAll(async () => {
    // One endpoint created the normal way at a public address; its row then "rebinds" to localhost.
    const original = await createEndpoint(merchant.client, { url: "https://93.184.216.34/rebinds-later" });
    const row = db.prepare(`SELECT * FROM "Endpoint" WHERE "id" = ?`).get(original.id) as Record<string, unknown>;
    expect(row.secretCiphertext).toEqual(expect.any(String));
    db.prepare(`UPDATE "Endpoint" SET "url" = ? WHERE "id" = ?`).run(`http://localhost:${receiver.port}/hook`, original.id);
    rebound.set(original.id, `http://localhost:${receiver.port}/hook`);
    // The other spellings: rows copied from it (same encrypted secret), as if each had rebound too.
    const insert = db.prepare(
      `INSERT INTO "Endpoint" ("id","merchantId","url","description","status","eventTypes","secretCiphertext","createdAt","updatedAt")
       VALUES (?,?,?,?,'enabled','[]',?,?,?)`,
    );
    for (const url of spellings(receiver.port).filter((u) => !u.includes("localhost"))) {
      const id = `cmrebind${randomBytes(8).toString("hex")}`;
      insert.run(id, merchant.id, url, `rebound to ${url}`, row.secretCiphertext, row.createdAt, row.updatedAt);
      rebound.set(id, url);
    }
    receiver.clear();
  });

  it("the API now lists the loopback rows (the simulation took)", async () => {
    const urls = (await list(merchant)).map((e) => e.url).sort();
    expect(urls).toEqual([...rebound.values()].sort());
  });

  it("Send Test Event: 200 with delivered false, errorKind blocked and a message that does not say where the host points", async () => {
    for (const [id, url] of rebound) {
      const res = await merchant.client.post(`/api/v1/webhooks/${id}/test`, {});
      expect(res.status, url).toBe(200);
      const result = res.body as TestResult;
      expect(result, url).toMatchObject({ delivered: false, statusCode: null, errorKind: "blocked", responseBody: null });
      expect(result.error, url).toBe(BLOCKED_MESSAGE);
    }
    expect(receiver.requests).toEqual([]);
  });

  it("the blocked test sends are in the delivery log as attempts with errorKind blocked", async () => {
    for (const [id, url] of rebound) {
      const deliveries = ((await merchant.client.get(`/api/v1/webhooks/${id}/deliveries`)).body as { data: DeliverySummary[] }).data;
      expect(deliveries, url).toHaveLength(1);
      expect(deliveries[0], url).toMatchObject({ isTest: true, status: "failed", lastError: BLOCKED_MESSAGE });
      const detail = (await merchant.client.get(`/api/v1/deliveries/${deliveries[0].id}`)).body as DeliveryDetail;
      expect(detail.attemptLog, url).toHaveLength(1);
      expect(detail.attemptLog[0], url).toMatchObject({ errorKind: "blocked", response: null, errorMessage: BLOCKED_MESSAGE });
    }
  });

  it("a real event through the intake: every delivery's attempts are blocked (retries too), nothing arrives", async () => {
    const res = await app.intake({ merchantId: merchant.id, type: "checkout_session.completed", data: completedData() });
    expect(res.status).toBe(202);
    const { id: eventId, deliveries } = res.body as { id: string; deliveries: number };
    expect(deliveries).toBe(rebound.size);

    // With WEBHOOK_RETRY_SCHEDULE=1s,1s every delivery makes 3 attempts and fails for good.
    for (const [id, url] of rebound) {
      const detail = await waitFor(async () => {
        const list = ((await merchant.client.get(`/api/v1/webhooks/${id}/deliveries`)).body as { data: DeliverySummary[] }).data;
        const real = list.find((d) => d.eventId === eventId);
        if (!real || real.status !== "failed") return undefined;
        return (await merchant.client.get(`/api/v1/deliveries/${real.id}`)).body as DeliveryDetail;
      }, `the delivery to ${url} to fail`, 30_000);
      expect(detail.isTest, url).toBe(false);
      expect(detail.attemptLog.map((a) => a.errorKind), url).toEqual(["blocked", "blocked", "blocked"]);
      for (const attempt of detail.attemptLog) {
        expect(attempt.errorMessage, url).toBe(BLOCKED_MESSAGE);
        expect(attempt.response, url).toBeNull();
      }
    }
    expect(receiver.requests).toEqual([]);
  });

  it("the host name is resolved at send time by the guarded lookup: localhost is blocked, without naming 127.0.0.1", async () => {
    const [localhostId] = [...rebound].find(([, url]) => url.includes("localhost"))!;
    const res = await merchant.client.post(`/api/v1/webhooks/${localhostId}/test`, {});
    expect(res.body).toMatchObject({ delivered: false, errorKind: "blocked", error: BLOCKED_MESSAGE });
    // Issue 10 point 7: the message must not map internal DNS (no address, no range name).
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|::1|loopback|private/);
    expect(receiver.requests).toEqual([]);
  });

  it("no request reached the receiver at any point, and the server answered no 500", () => {
    expect(receiver.requests).toEqual([]);
    expect(merchant.client.transcript.filter((x) => x.status >= 500)).toEqual([]);
  });
});
