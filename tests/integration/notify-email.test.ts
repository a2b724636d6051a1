// Notification email through the real app and a real SMTP server on loopback: a notice (a Notification
// row, as the engine writes it) becomes one email with the subject, facts, links and RFC 8058 headers;
// the storm cap; SMTP down then up; one-click unsubscribe over HTTP without a login; a security notice
// from changing the password through the API; a worker killed -9 between raise and send; and on
// PostgreSQL two worker processes sending each notification once.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLATFORM_TOKEN, sleep, waitFor } from "./delivery-helpers";
import { type App, runScript, type Script, START_TIMEOUT_MS, startApp } from "./harness";
import { createEndpoint, type Merchant, PASSWORD } from "./http-client";
import { rawHeader, recipient, startTestSmtp, type TestSmtp } from "@/lib/notifications/test-smtp";
import { onPostgres } from "./test-database";
import { openTestSql, type TestSql } from "./test-sql";

const METRICS_TOKEN = `metrics_${randomBytes(12).toString("hex")}`;
let seq = 0;

type Notice = { merchantId: string; endpointId?: string | null; type: string; data: Record<string, unknown>; count?: number; at?: Date };

async function insertNotices(sql: TestSql, notices: Notice[]): Promise<string[]> {
  const ids = notices.map(() => `ntf_it_${Date.now().toString(36)}_${++seq}`);
  await sql.insertMany(
    "Notification",
    ["id", "merchantId", "endpointId", "type", "data", "count", "createdAt", "updatedAt"],
    notices.map((n, i) => [ids[i], n.merchantId, n.endpointId ?? null, n.type, JSON.stringify(n.data), n.count ?? 1, n.at ?? new Date(), n.at ?? new Date()]),
  );
  return ids;
}

const endpointData = (endpoint: { id: string; url: string }, state = "paused") => ({
  endpointId: endpoint.id,
  url: endpoint.url,
  description: "Orders",
  state,
  lastError: "connect ECONNREFUSED 127.0.0.1:9",
  since: "2026-12-07T14:00:00.000Z",
});

describe("notification email, in the server process", () => {
  let app: App;
  let smtp: TestSmtp;
  let sql: TestSql;
  let merchant: Merchant;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await startApp({ SMTP_URL: smtp.url, MAIL_FROM: "DashX Webhooks <notifications@dash.test>", METRICS_TOKEN, PLATFORM_API_TOKEN: PLATFORM_TOKEN });
    sql = await openTestSql(app.databaseUrl);
    merchant = await app.merchant("Notify Email Merchant");
  }, START_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await sql?.close();
    await Promise.all([app?.stop(), smtp?.close()]);
  });

  const endpoint = async (path: string) => {
    const created = await createEndpoint(merchant.client, { url: `http://127.0.0.1:9/${path}`, description: "Orders" });
    return { id: created.id, url: created.url };
  };
  const mailsTo = (subject: RegExp) => smtp.messages.filter((m) => subject.test(m.subject ?? ""));

  it("a paused endpoint: one email with the subject, the facts, the links and List-Unsubscribe + List-Unsubscribe-Post", async () => {
    const ep = await endpoint("paused");
    await insertNotices(sql, [{ merchantId: merchant.id, endpointId: ep.id, type: "endpoint.paused", data: endpointData(ep) }]);
    await waitFor("the email", () => mailsTo(/^Paused: /).length === 1, 20_000);
    const mail = mailsTo(/^Paused: /)[0]!;
    expect(mail.subject).toBe(`Paused: ${ep.url} is not answering`);
    expect(recipient(mail)).toBe(merchant.email);
    expect(mail.from?.text).toContain("notifications@dash.test");
    for (const part of [ep.url, "Description: Orders", "State: Paused", "Last error: connect ECONNREFUSED 127.0.0.1:9", `${app.baseUrl}/webhooks/${ep.id}`, `${app.baseUrl}/settings#notifications`]) {
      expect(mail.text).toContain(part);
    }
    expect(String(mail.html)).toContain(`href="${app.baseUrl}/webhooks/${ep.id}"`);
    expect(rawHeader(mail, "List-Unsubscribe")).toMatch(new RegExp(`^<${app.baseUrl}/api/v1/unsubscribe/uns_[^>]+>$`));
    expect(rawHeader(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    // The endpoint's page the email links to exists.
    expect((await merchant.client.get(`/webhooks/${ep.id}`)).status).toBe(200);
  });

  it("one-click unsubscribe over HTTP, without a login: GET changes nothing, POST works once, forged and reused links are refused, then no more mail of that kind", async () => {
    const link = rawHeader(mailsTo(/^Paused: /)[0]!, "List-Unsubscribe")!.slice(1, -1);
    const path = new URL(link).pathname;
    const anonymous = app.client();
    // Plain fetch: the page is HTML, which the JSON contract check of HttpClient does not read.
    const page = await fetch(`${app.baseUrl}${path}`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain('<form method="post"');
    expect(await sql.all(`SELECT * FROM "NotificationPreference" WHERE "merchantId" = ?`, merchant.id)).toEqual([]);

    const forged = await anonymous.request("POST", `${path.slice(0, -3)}abc`, { raw: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(forged.status).toBe(404);
    expect(await sql.all(`SELECT * FROM "NotificationPreference" WHERE "merchantId" = ?`, merchant.id)).toEqual([]);

    const first = await anonymous.request("POST", path, { raw: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ unsubscribed: true, kind: "endpoint.paused" });
    const again = await anonymous.request("POST", path, { raw: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(again.status).toBe(400);
    const prefs = await sql.all<{ channel: string; kind: string; enabled: unknown }>(`SELECT "channel", "kind", "enabled" FROM "NotificationPreference" WHERE "merchantId" = ?`, merchant.id);
    expect(prefs.map((p) => [p.channel, p.kind, Boolean(p.enabled)])).toEqual([["email", "endpoint.paused", false]]);

    const ep = await endpoint("paused-again");
    const [ignored] = await insertNotices(sql, [
      { merchantId: merchant.id, endpointId: ep.id, type: "endpoint.paused", data: endpointData(ep) },
      { merchantId: merchant.id, endpointId: ep.id, type: "endpoint.failing", data: endpointData(ep, "failing") },
    ]);
    await waitFor("the failing email", () => mailsTo(/^Failing: /).length === 1, 20_000);
    await waitFor("both dispatched", async () => Number((await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "Notification" WHERE "endpointId" = ? AND "dispatchedAt" IS NOT NULL`, ep.id))!.n) === 2, 10_000);
    expect(mailsTo(/^Paused: /)).toHaveLength(1); // only the first one, before the unsubscribe
    expect(await sql.all(`SELECT "id" FROM "NotificationEmail" WHERE "notificationId" = ?`, ignored)).toEqual([]);
  });

  it("changing the password through the API raises a security notice: emailed, no List-Unsubscribe", async () => {
    const res = await merchant.client.post("/api/v1/account/password", { currentPassword: PASSWORD, newPassword: `${PASSWORD}-2` });
    expect(res.status).toBe(200);
    await waitFor("the security email", () => mailsTo(/^Your password was changed$/).length === 1, 20_000);
    const mail = mailsTo(/^Your password was changed$/)[0]!;
    expect(recipient(mail)).toBe(merchant.email);
    expect(mail.text).toContain(`by ${merchant.email}`);
    expect(rawHeader(mail, "List-Unsubscribe")).toBeUndefined();
    const inbox = await sql.all<{ type: string }>(`SELECT "type" FROM "Notification" WHERE "merchantId" = ? AND "type" LIKE 'account.%'`, merchant.id);
    expect(inbox.map((n) => n.type)).toEqual(["account.password_changed"]);
  });

  it("the storm cap: 8 changes of one endpoint → 3 emails, the rest held; when the hour is over ONE digest", async () => {
    const ep = await endpoint("flapping");
    await insertNotices(
      sql,
      Array.from({ length: 8 }, (_, i) => ({ merchantId: merchant.id, endpointId: ep.id, type: i % 2 ? "endpoint.recovered" : "endpoint.failing", data: endpointData(ep, i % 2 ? "ok" : "failing") })),
    );
    const aboutIt = () => smtp.messages.filter((m) => (m.subject ?? "").includes(ep.url));
    await waitFor("3 emails", () => aboutIt().length === 3, 20_000);
    await waitFor("the rest held", async () => Number((await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "NotificationEmail" WHERE "endpointId" = ? AND "status" = 'held'`, ep.id))!.n) === 5, 10_000);
    await sleep(6_000); // more than a digest poll: nothing more within the hour
    expect(aboutIt()).toHaveLength(3);
    // The hour is over: the sent ones are older than an hour, the held ones due.
    const hourAgo = new Date(Date.now() - 3_660_000);
    await sql.run(`UPDATE "NotificationEmail" SET "createdAt" = ? WHERE "endpointId" = ? AND "status" <> 'held'`, hourAgo, ep.id);
    await sql.run(`UPDATE "NotificationEmail" SET "nextAttemptAt" = ? WHERE "endpointId" = ? AND "status" = 'held'`, new Date(Date.now() - 1_000), ep.id);
    await waitFor("the digest", () => aboutIt().length === 4, 20_000);
    expect(aboutIt()[3]!.subject).toMatch(new RegExp(`^5 more changes to ${ep.url.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} since `));
    await sleep(6_000);
    expect(aboutIt()).toHaveLength(4);
  }, 90_000);

  it("SMTP refusing (451) then accepting: retried with backoff, nothing lost, visible on /metrics", async () => {
    smtp.refuseNext(2);
    const refusedBefore = smtp.refused();
    await insertNotices(sql, [{ merchantId: merchant.id, type: "account.sessions_revoked", data: { actor: "system" } }]);
    await waitFor("two refusals", () => smtp.refused() - refusedBefore === 2, 30_000);
    const metrics = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.text());
    expect(metrics).toMatch(/^dashx_notification_email_failures_total [1-9]/m);
    expect(metrics).toMatch(/^dashx_notification_email_outbox_pending 1$/m);
    await waitFor("the email after the retries", () => mailsTo(/^All sessions were signed out$/).length === 1, 40_000);
    const after = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } }).then((r) => r.text());
    expect(after).toMatch(/^dashx_notification_emails_sent_total [1-9]/m);
    expect(after).toMatch(/^dashx_notifications_dispatched_total\{channel="email"\} [1-9]/m);
    expect(after).toMatch(/^dashx_notification_email_outbox_pending 0$/m);
  }, 90_000);
});

describe("notification email from separate worker processes", () => {
  let app: App;
  let smtp: TestSmtp;
  let sql: TestSql;
  let merchantId: string;
  const workers: Script[] = [];
  const worker = () => {
    const w = runScript("scripts/worker.ts", [], { DATABASE_URL: app.databaseUrl, SMTP_URL: smtp.url, APP_URL: app.baseUrl, PLATFORM_API_TOKEN: PLATFORM_TOKEN });
    workers.push(w);
    return w;
  };
  const emailRows = async () => sql.all<{ notificationId: string; n: number }>(`SELECT "notificationId", COUNT(*) AS n FROM "NotificationEmail" GROUP BY "notificationId"`);

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await startApp({ SMTP_URL: smtp.url, WEBHOOK_WORKER_IN_PROCESS: "false", PLATFORM_API_TOKEN: PLATFORM_TOKEN });
    sql = await openTestSql(app.databaseUrl);
    merchantId = (await app.merchant("Notify Worker Merchant")).id;
  }, START_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill("SIGKILL")));
    await sql?.close();
    await Promise.all([app?.stop(), smtp?.close()]);
  });

  it("kill -9 of the worker between raise and send loses nothing: each notification is dispatched once and every email arrives", async () => {
    smtp.setDelay(400);
    const ids = await insertNotices(sql, Array.from({ length: 12 }, () => ({ merchantId, type: "account.api_key_created", data: { actor: "system", keyName: "ci" } })));
    await sleep(1_500);
    expect(smtp.messages).toHaveLength(0); // the server runs no dispatcher here
    const first = worker();
    await waitFor("the first emails", () => smtp.messages.length >= 3, 60_000, 20);
    await first.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    const atKill = smtp.messages.length;
    expect(atKill).toBeLessThan(12);
    smtp.setDelay(0);
    worker();
    // What the dead worker had leased comes back when its lease expires (60 s).
    const sent = async () => Number((await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "NotificationEmail" WHERE "status" = 'sent'`))!.n);
    await waitFor("every notification's email sent", async () => (await sent()) === 12, 120_000, 200);
    // At least once: the messages in flight at the kill (a worker sends 4 at a time) may have reached the
    // server before it died, and come again from the new worker.
    expect(smtp.messages.length).toBeGreaterThanOrEqual(12);
    expect(smtp.messages.length).toBeLessThanOrEqual(12 + 4);
    const rows = await emailRows();
    expect(rows.filter((r) => ids.includes(r.notificationId)).map((r) => Number(r.n))).toEqual(ids.map(() => 1));
    const undispatched = await sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "Notification" WHERE "dispatchedAt" IS NULL`);
    expect(Number(undispatched!.n)).toBe(0);
  }, 200_000);

  it.runIf(onPostgres())("two worker processes on PostgreSQL send each notification once", async () => {
    const before = smtp.messages.length;
    worker(); // two are running now
    await sleep(3_000);
    const ids = await insertNotices(sql, Array.from({ length: 30 }, () => ({ merchantId, type: "account.sessions_revoked", data: { actor: "system" } })));
    await waitFor("30 emails", () => smtp.messages.length - before >= 30, 60_000, 50);
    await sleep(3_000);
    expect(smtp.messages.length - before).toBe(30);
    const rows = (await emailRows()).filter((r) => ids.includes(r.notificationId));
    expect(rows).toHaveLength(30);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
  }, 120_000);
});
