// Abuse hardening (issue 10, points 2, 3, 5, 6, 8, 9; point 7 is in security-ssrf-send.test.ts, points 1
// and 4 and two-factor in security-account.test.ts): every replaced secret keeps signing until its own
// overlap ends (at most 5 kept); test events limited per merchant and per target host, endpoint creation
// limited; odd input answers 4xx, never 500; X-Forwarded-Host ignored without TRUST_PROXY; the default
// listen address is 127.0.0.1; resend during an attempt answers 409. Every request goes to 127.0.0.1.
import fs from "node:fs";
import type { ServerResponse } from "node:http";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ReceivedRequest, type Receiver, startReceiver } from "../support/receiver";
import { START_TIMEOUT_MS } from "./harness";
import { createEndpoint } from "./http-client";
import { apiV1Routes } from "./routes";
import type { ApiErrorBody } from "./shapes";
import { completedData, startSecureApp, waitFor, type AuditEntry, type DeliverySummary, type SecureApp } from "./security-helpers";

let app: SecureApp;
let receiver: Receiver;

beforeAll(async () => {
  [app, receiver] = await Promise.all([
    startSecureApp({
      // HOST unset: the server picks its default listen address (point 8).
      HOST: "",
      RATE_LIMIT_TEST_EVENT: "3/60",
      RATE_LIMIT_TEST_EVENT_TARGET: "5/60",
      RATE_LIMIT_ENDPOINT_CREATE: "4/60",
      WEBHOOK_RETRY_SCHEDULE: "1h",
    }),
    startReceiver(),
  ]);
}, START_TIMEOUT_MS + 30_000);

afterAll(async () => {
  await Promise.all([app?.stop(), receiver?.close()]);
});

const headersOf = (r: ReceivedRequest) => ({
  "webhook-id": String(r.headers["webhook-id"]),
  "webhook-timestamp": String(r.headers["webhook-timestamp"]),
  "webhook-signature": String(r.headers["webhook-signature"]),
});
const verifies = (secret: string, r: ReceivedRequest) => {
  try {
    new Webhook(secret).verify(r.body, headersOf(r));
    return true;
  } catch {
    return false;
  }
};

describe("2. every replaced secret keeps signing until its own overlap ends", () => {
  it("create (S0), rotate (S1), rotate (S2): S0, S1 and S2 all verify; after 7 rotations the 5 newest replaced ones do, the 2 oldest not", async () => {
    const m = await app.merchant("Rotating Merchant");
    const endpoint = await createEndpoint(m.client, { url: receiver.url("/rotating") });
    const secrets = [endpoint.secret];
    const rotate = async () => {
      const res = await m.client.post(`/api/v1/webhooks/${endpoint.id}/secret/rotate`, {});
      expect(res.status).toBe(200);
      secrets.push((res.body as { secret: string }).secret);
    };
    const send = async () => {
      receiver.clear();
      expect((await m.client.post(`/api/v1/webhooks/${endpoint.id}/test`, {})).status).toBe(200);
      const [request] = await receiver.waitForRequests(1);
      return request;
    };
    await rotate();
    await rotate();
    const third = await send();
    expect(String(third.headers["webhook-signature"]).split(" ")).toHaveLength(3);
    for (const [i, secret] of secrets.entries()) expect(verifies(secret, third), `S${i}`).toBe(true);

    for (let i = 0; i < 5; i++) await rotate();
    const later = await send();
    expect(String(later.headers["webhook-signature"]).split(" ")).toHaveLength(6); // current + 5 kept
    expect(secrets.map((s) => verifies(s, later))).toEqual([false, false, true, true, true, true, true, true]);
  });
});

describe("3. test events cannot be farmed", () => {
  it("the limit is per merchant: delete + recreate does not buy a fresh budget", async () => {
    const m = await app.merchant("Farming Merchant");
    const first = await createEndpoint(m.client, { url: receiver.url("/farm") });
    for (let i = 0; i < 3; i++) expect((await m.client.post(`/api/v1/webhooks/${first.id}/test`, {})).status).toBe(200);
    expect((await m.client.post(`/api/v1/webhooks/${first.id}/test`, {})).status).toBe(429);
    expect((await m.client.delete(`/api/v1/webhooks/${first.id}`)).status).toBe(204);
    const second = await createEndpoint(m.client, { url: receiver.url("/farm") });
    const res = await m.client.post(`/api/v1/webhooks/${second.id}/test`, {});
    expect(res.status).toBe(429);
    expect((res.body as ApiErrorBody).error.code).toBe("rate_limited");
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(receiver.requests.filter((r) => r.path === "/farm")).toHaveLength(3);
  });

  it("the limit is per target host across merchants: two accounts together get 5 test sends to one host", async () => {
    const [g1, g2] = [await app.merchant("Cannon One"), await app.merchant("Cannon Two")];
    // `localhost` is a host of its own for the limit (the tests above aim at 127.0.0.1).
    const url = `http://localhost:${receiver.port}/victim`;
    const [e1, e2] = [await createEndpoint(g1.client, { url }), await createEndpoint(g2.client, { url })];
    for (let i = 0; i < 3; i++) expect((await g1.client.post(`/api/v1/webhooks/${e1.id}/test`, {})).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await g2.client.post(`/api/v1/webhooks/${e2.id}/test`, {})).status).toBe(200);
    expect((await g2.client.post(`/api/v1/webhooks/${e2.id}/test`, {})).status).toBe(429); // g2 has merchant budget left
    expect(receiver.requests.filter((r) => r.path === "/victim")).toHaveLength(5);
  });

  it("endpoint creation is limited per merchant (4 a minute here): the 5th is 429 and creates nothing", async () => {
    const m = await app.merchant("Churning Merchant");
    for (let i = 0; i < 4; i++) {
      const e = await createEndpoint(m.client, { url: receiver.url(`/churn${i}`) });
      expect((await m.client.delete(`/api/v1/webhooks/${e.id}`)).status).toBe(204);
    }
    const res = await m.client.post("/api/v1/webhooks", { url: receiver.url("/churn-extra") });
    expect(res.status).toBe(429);
    expect((res.body as ApiErrorBody).error.code).toBe("rate_limited");
    expect(((await m.client.get("/api/v1/webhooks")).body as { data: unknown[] }).data).toEqual([]);
  });
});

describe("5. odd input answers 4xx, never 500", () => {
  it("an intake token of the right length in non-ASCII characters is 401", async () => {
    const token = "é".repeat(app.platformToken.length);
    const res = await app.client().request("POST", "/api/v1/events", { raw: JSON.stringify({ merchantId: "x", type: "checkout_session.expired", data: null }), headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    expect((res.body as ApiErrorBody).error.code).toBe("unauthorized");
  });

  it("a keyset cursor holding a year above 9999 is 400", async () => {
    const m = await app.merchant("Cursor Merchant");
    const endpoint = await createEndpoint(m.client, { url: receiver.url("/cursor") });
    for (const iso of ["+010000-01-01T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "-000001-01-01T00:00:00.000Z"]) {
      const cursor = Buffer.from(`${iso}|cmzzzzzzzzzzzzzzzzzzzzzzz`).toString("base64url");
      for (const path of [`/api/v1/webhooks/${endpoint.id}/deliveries?cursor=${cursor}`, `/api/v1/events?cursor=${cursor}`]) {
        const res = await m.client.get(path);
        expect(res.status, `${path} (${iso})`).toBe(400);
        expect((res.body as ApiErrorBody).error).toEqual({ code: "bad_request", message: "The cursor is not valid" });
      }
    }
  });

  it("%FF and %ED%A0%80 as the id on every [id] route and page: 404 with the error shape and the security headers", async () => {
    const m = await app.merchant("Percent Merchant");
    const routes = apiV1Routes().filter((r) => r.template.includes("[id]"));
    expect(routes.length).toBeGreaterThan(5);
    for (const bad of ["%FF", "%ED%A0%80", "%C0%AF"]) {
      for (const route of routes) {
        const path = route.template.replace("[id]", bad);
        const res = await m.client.request(route.method, path, route.method === "GET" || route.method === "DELETE" ? {} : { json: {} });
        expect(res.status, `${route.method} ${path}`).toBe(404);
        expect((res.body as ApiErrorBody).error.code, `${route.method} ${path}`).toBe("not_found");
        expect(res.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
        expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      }
      for (const page of [`/webhooks/${bad}`, `/webhooks/${bad}/x`]) {
        const res = await m.client.get(page);
        expect(res.status, page).toBe(404);
        expect(res.headers.get("x-frame-options"), page).toBe("DENY");
      }
    }
    expect(app.logs()).not.toMatch(/URIError|Unhandled API error/);
  });
});

describe("6. X-Forwarded-Host is not trusted without TRUST_PROXY", () => {
  it("a cross-site write naming the attacker's host in X-Forwarded-Host is 403 and creates nothing", async () => {
    const m = await app.merchant("Forwarded Merchant");
    const res = await m.client.request("POST", "/api/v1/webhooks", {
      json: { url: receiver.url("/forwarded") },
      headers: { origin: "https://evil.example", "x-forwarded-host": "evil.example" },
    });
    expect(res.status).toBe(403);
    expect((res.body as ApiErrorBody).error).toEqual({ code: "forbidden", message: "Cross-site requests are not allowed" });
    expect(((await m.client.get("/api/v1/webhooks")).body as { data: unknown[] }).data).toEqual([]);
  });
});

describe("8. the server listens on 127.0.0.1 unless HOST says otherwise", () => {
  it("prints the address it listens on, and the socket is bound to loopback only", () => {
    expect(app.logs()).toContain(`listening on http://127.0.0.1:${app.port} (this machine only; set HOST=0.0.0.0 to listen on every interface)`);
    // /proc/net/tcp lists listening sockets (state 0A) as hex address:port; 0100007F is 127.0.0.1.
    const portHex = app.port.toString(16).toUpperCase().padStart(4, "0");
    const listening = fs
      .readFileSync("/proc/net/tcp", "utf8")
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols[1]?.endsWith(`:${portHex}`) && cols[3] === "0A")
      .map((cols) => cols[1]);
    expect(listening).toEqual([`0100007F:${portHex}`]);
    const v6 = fs.existsSync("/proc/net/tcp6") ? fs.readFileSync("/proc/net/tcp6", "utf8") : "";
    expect(v6.split("\n").some((line) => line.includes(`:${portHex} `) && / 0A /.test(line))).toBe(false);
  });
});

describe("9. resend while an attempt is in flight", () => {
  it("answers 409 with a clear message and audits nothing; once the attempt is done, resend works", async () => {
    const m = await app.merchant("Inflight Merchant");
    // Resend spends the per-host budget too: [::1] is a host of its own (the tests above spent 127.0.0.1's).
    const v6 = await startReceiver({ alsoIPv6: true });
    const endpoint = await createEndpoint(m.client, { url: `http://[::1]:${v6.port}/inflight` });
    const held: ServerResponse[] = [];
    v6.respondWith({ kind: "custom", handle: (_req, res) => held.push(res) });
    try {
      const published = await app.intake({ merchantId: m.id, type: "checkout_session.completed", data: completedData() });
      expect(published.status).toBe(202);
      await waitFor(() => held.length === 1, "the attempt to reach the receiver");
      const [delivery] = ((await m.client.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).body as { data: DeliverySummary[] }).data;
      const res = await m.client.post(`/api/v1/deliveries/${delivery.id}/retry`, {});
      expect(res.status).toBe(409);
      expect((res.body as ApiErrorBody).error).toEqual({ code: "conflict", message: "This delivery is being sent right now; resend it after the attempt finishes" });
      const audit = ((await m.client.get(`/api/v1/webhooks/${endpoint.id}/audit`)).body as { data: AuditEntry[] }).data;
      expect(audit.map((e) => e.action)).not.toContain("delivery.resent");

      held[0].writeHead(200).end("ok");
      await waitFor(async () => {
        const list = ((await m.client.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).body as { data: DeliverySummary[] }).data;
        return list[0]?.status === "succeeded";
      }, "the held attempt to succeed");
    } finally {
      v6.respondWith({ kind: "ok" });
      for (const res of held) if (!res.writableEnded) res.writeHead(200).end("ok");
    }
    const [delivery] = ((await m.client.get(`/api/v1/webhooks/${endpoint.id}/deliveries`)).body as { data: DeliverySummary[] }).data;
    expect((await m.client.post(`/api/v1/deliveries/${delivery.id}/retry`, {})).status).toBe(202);
    await v6.close();
  });
});
