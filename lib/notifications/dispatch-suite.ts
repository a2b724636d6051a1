// The dispatcher, the storm cap, the sender and unsubscribe on a real database (dispatch.sqlite.test.ts,
// dispatch.postgres.test.ts) and a real SMTP server on loopback (test-smtp.ts). Notifications are real
// rows (raiseNotification, or db.notification.create for the engine's kinds).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Dialect } from "@/lib/db/dialect";
import { freshTestDatabase, type TestDatabase } from "@/lib/delivery/test-db";
import type { NotificationData, NotificationKind } from "./kinds";
import type { Mailer } from "./mailer";
import { rawHeader, startTestSmtp, type TestSmtp } from "./test-smtp";

type Modules = {
  db: (typeof import("@/lib/db/client"))["db"];
  dispatch: typeof import("./dispatch");
  send: typeof import("./send-emails");
  digest: typeof import("./digest");
  unsub: typeof import("./unsubscribe");
  raise: typeof import("./raise");
  store: import("@/lib/delivery/store").DeliveryStore;
};

export function dispatchSuite(dialect: Dialect): void {
  // Real SMTP round trips and database transactions on a shared machine: more than the unit default of 5 s.
  vi.setConfig({ testTimeout: 30_000 });
  let database: TestDatabase;
  let m: Modules;
  let smtp: TestSmtp;
  let mailer: Mailer;
  let seq = 0;

  beforeAll(async () => {
    database = await freshTestDatabase(dialect);
    process.env.APP_URL = "https://dash.example";
    smtp = await startTestSmtp();
    m = {
      db: (await import("@/lib/db/client")).db,
      dispatch: await import("./dispatch"),
      send: await import("./send-emails"),
      digest: await import("./digest"),
      unsub: await import("./unsubscribe"),
      raise: await import("./raise"),
      store: await (await import("@/lib/delivery/store")).deliveryStore(),
    };
    mailer = (await import("./mailer")).createMailer(smtp.url, "DashX Webhooks <notifications@dash.example>");
  }, 60_000);
  afterAll(async () => {
    mailer?.close();
    await smtp?.close();
    await m.db.$disconnect();
    if (dialect === "postgres") await (await import("@/lib/db/postgres")).pgPool().end();
    else (await import("@/lib/db/sqlite")).sqlite().close();
    await database.remove();
  });
  beforeEach(async () => {
    await m.db.merchant.deleteMany();
    smtp.messages.length = 0;
  });

  async function merchant() {
    const id = `mer_${++seq}_${Date.now()}`;
    await m.db.merchant.create({ data: { id, name: "Shop", email: `${id}@shop.example`, passwordHash: "x" } });
    return { id, email: `${id}@shop.example` };
  }
  async function endpoint(merchantId: string, fields: { kind?: string; eventTypes?: string[]; url?: string } = {}) {
    const id = `ep_${++seq}`;
    const url = fields.url ?? `https://shop.example/hooks/${id}`;
    await m.db.endpoint.create({ data: { id, merchantId, url, secretCiphertext: "v1:x", kind: fields.kind ?? "merchant", eventTypes: fields.eventTypes ?? [] } });
    return { id, url };
  }
  const notice = (merchantId: string, kind: NotificationKind, data: NotificationData) => m.raise.raiseNotification(merchantId, kind, data);
  const endpointData = (ep: { id: string; url: string }, state: NotificationData["state"] = "paused"): NotificationData => ({
    endpointId: ep.id,
    url: ep.url,
    description: "Orders",
    state,
    lastError: "connect ECONNREFUSED",
    since: "2026-12-07T14:00:00.000Z",
  });
  /** Dispatch everything ready, then send everything due. */
  async function flush(now = new Date()) {
    for (;;) if ((await m.dispatch.dispatchNotifications("test-owner", now)).dispatched === 0) break;
    for (;;) if ((await m.send.sendDueEmails(mailer, "test-sender", now)).sent === 0) break;
  }

  describe("email", () => {
    it("each endpoint kind: one email with the subject, facts, links and RFC 8058 headers; the notification is dispatched", async () => {
      const mer = await merchant();
      const ep = await endpoint(mer.id);
      const kinds: NotificationKind[] = ["endpoint.failing", "endpoint.paused", "endpoint.disabled", "endpoint.recovered", "endpoint.signature_unverified"];
      // One endpoint each: the storm cap (3 an hour per endpoint) is not what this test is about.
      for (const kind of kinds) {
        const e = await endpoint(mer.id);
        await notice(mer.id, kind, endpointData(e));
      }
      await flush();
      expect(smtp.messages).toHaveLength(kinds.length);
      for (const mail of smtp.messages) {
        expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe(mer.email);
        expect(mail.subject).toMatch(/https:\/\/shop\.example\/hooks\/ep_\d+/);
        expect(mail.text).toContain("Description: Orders");
        expect(mail.text).toContain("Last error: connect ECONNREFUSED");
        expect(String(mail.html)).toMatch(/href="https:\/\/dash\.example\/webhooks\/ep_\d+"/);
        const unsubscribe = rawHeader(mail, "List-Unsubscribe") ?? "";
        expect(unsubscribe).toMatch(/^<https:\/\/dash\.example\/api\/v1\/unsubscribe\/uns_[^>]+>$/);
        expect(rawHeader(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      }
      expect(smtp.messages.map((mail) => mail.subject).sort()).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Paused: .* is not answering$/), expect.stringMatching(/^Failing: /), expect.stringMatching(/^Recovered: /)]),
      );
      expect(await m.db.notification.count({ where: { dispatchedAt: null } })).toBe(0);
      expect(await m.db.notificationEmail.count({ where: { status: "sent" } })).toBe(kinds.length);
      expect(ep.id).toBeTruthy();
    });

    it("a security notice: emailed without List-Unsubscribe, never folded, even past the cap", async () => {
      const mer = await merchant();
      for (let i = 0; i < 5; i++) await notice(mer.id, "account.password_changed", { actor: `merchant:${mer.email}` });
      await flush();
      expect(smtp.messages).toHaveLength(5);
      for (const mail of smtp.messages) {
        expect(mail.subject).toBe("Your password was changed");
        expect(rawHeader(mail, "List-Unsubscribe")).toBeUndefined();
        expect(mail.text).toContain("https://dash.example/settings#notifications");
      }
    });

    it("the storm cap: 10 changes of one endpoint in an hour → 3 emails, then ONE digest when the hour is over; the rest stay in the inbox", async () => {
      const mer = await merchant();
      const ep = await endpoint(mer.id);
      const now = new Date();
      for (let i = 0; i < 10; i++) await notice(mer.id, i % 2 ? "endpoint.recovered" : "endpoint.paused", endpointData(ep, i % 2 ? "ok" : "paused"));
      await flush(now);
      expect(smtp.messages).toHaveLength(3);
      expect(await m.db.notificationEmail.count({ where: { endpointId: ep.id, status: "held" } })).toBe(7);
      // Within the hour nothing more goes out ...
      expect(await m.digest.sendDueDigests(new Date(now.getTime() + 30 * 60_000))).toBe(0);
      // ... at its end one digest of the 7.
      const later = new Date(now.getTime() + 61 * 60_000);
      expect(await m.digest.sendDueDigests(later)).toBe(1);
      expect(await m.digest.sendDueDigests(later)).toBe(0);
      await flush(later);
      expect(smtp.messages).toHaveLength(4);
      expect(smtp.messages[3]!.subject).toMatch(new RegExp(`^7 more changes to ${ep.url} since `));
      expect(smtp.messages[3]!.text).toContain("Paused: ");
      expect(await m.db.notificationEmail.count({ where: { endpointId: ep.id, status: "digested" } })).toBe(7);
      expect(await m.db.notification.count({ where: { endpointId: ep.id } })).toBe(10);
    });

    it("delivery.exhausted: emailed once, when its hourly row has been quiet for 30 s, with the count at that time", async () => {
      const mer = await merchant();
      const ep = await endpoint(mer.id);
      const now = new Date();
      await m.db.notification.create({
        data: { id: `ntf_x${++seq}`, merchantId: mer.id, endpointId: ep.id, type: "delivery.exhausted", dedupeKey: `delivery.exhausted:${ep.id}:x`, count: 12, data: { ...endpointData(ep, "failing") }, createdAt: now, updatedAt: now },
      });
      await flush(new Date(now.getTime() + 5_000));
      expect(smtp.messages).toHaveLength(0);
      // 10,000 failures later the same row says so (the engine adds to it).
      await m.db.notification.updateMany({ where: { endpointId: ep.id }, data: { count: 10_000, updatedAt: new Date(now.getTime() + 10_000) } });
      await flush(new Date(now.getTime() + 20_000));
      expect(smtp.messages).toHaveLength(0);
      await flush(new Date(now.getTime() + 41_000));
      expect(smtp.messages.map((mail) => mail.subject)).toEqual([`10000 deliveries to ${ep.url} gave up since 7 Dec 2026, 14:00 UTC`]);
      await flush(new Date(now.getTime() + 120_000));
      expect(smtp.messages).toHaveLength(1);
    });

    it("SMTP refusing (451) then accepting: retried with backoff, nothing lost", async () => {
      const mer = await merchant();
      const ep = await endpoint(mer.id);
      await notice(mer.id, "endpoint.paused", endpointData(ep));
      smtp.refuseNext(2);
      const t0 = new Date();
      await m.dispatch.dispatchNotifications("test-owner", t0);
      expect(await m.send.sendDueEmails(mailer, "s", t0)).toEqual({ sent: 0, failed: 1 });
      let row = await m.db.notificationEmail.findFirstOrThrow({ where: { endpointId: ep.id } });
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row.lastError).toMatch(/451/);
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(t0.getTime());
      expect(await m.send.sendDueEmails(mailer, "s", t0)).toEqual({ sent: 0, failed: 0 }); // not due yet
      expect(await m.send.sendDueEmails(mailer, "s", new Date(Date.now() + 6_000))).toEqual({ sent: 0, failed: 1 });
      row = await m.db.notificationEmail.findFirstOrThrow({ where: { endpointId: ep.id } });
      expect(row.attempts).toBe(2);
      expect(row.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(8_000); // 10 s: doubled
      expect(await m.send.sendDueEmails(mailer, "s", new Date(Date.now() + 11_000))).toEqual({ sent: 1, failed: 0 });
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.refused()).toBeGreaterThanOrEqual(2);
      expect(m.send.emailBackoffMs(30)).toBe(3_600_000);
    });

    it("a switched-off kind is not emailed (the inbox keeps it)", async () => {
      const mer = await merchant();
      const ep = await endpoint(mer.id);
      await m.db.notificationPreference.create({ data: { merchantId: mer.id, channel: "email", kind: "endpoint.failing", enabled: false } });
      await notice(mer.id, "endpoint.failing", endpointData(ep, "failing"));
      await flush();
      expect(smtp.messages).toHaveLength(0);
      expect(await m.db.notification.count({ where: { merchantId: mer.id, dispatchedAt: { not: null } } })).toBe(1);
    });
  });

  describe("one-click unsubscribe", () => {
    it("works once; a forged or reused link is refused and changes nothing; then no more mail of that kind", async () => {
      const mer = await merchant();
      const ep = await endpoint(mer.id);
      await notice(mer.id, "endpoint.paused", endpointData(ep));
      await flush();
      const link = rawHeader(smtp.messages[0]!, "List-Unsubscribe")!.slice(1, -1);
      const token = decodeURIComponent(link.split("/").pop()!);
      await expect(m.unsub.unsubscribe(`${token.slice(0, -2)}xx`)).rejects.toMatchObject({ status: 404 });
      await expect(m.unsub.unsubscribe(token.replace(/^uns_/, "uns_0"))).rejects.toMatchObject({ status: 404 });
      expect(await m.db.notificationPreference.count({ where: { merchantId: mer.id } })).toBe(0);
      expect(await m.unsub.readUnsubscribeLink(token)).toEqual({ kind: "endpoint.paused", used: false }); // reading changes nothing
      expect(await m.unsub.unsubscribe(token)).toBe("endpoint.paused");
      await expect(m.unsub.unsubscribe(token)).rejects.toMatchObject({ status: 400 });
      expect(await m.db.notificationPreference.findMany({ where: { merchantId: mer.id }, select: { channel: true, kind: true, enabled: true } })).toEqual([
        { channel: "email", kind: "endpoint.paused", enabled: false },
      ]);
      const other = await endpoint(mer.id);
      await notice(mer.id, "endpoint.paused", endpointData(other));
      await notice(mer.id, "endpoint.failing", endpointData(other, "failing"));
      await flush();
      expect(smtp.messages.map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Paused/), expect.stringMatching(/^Failing/)]);
    });
  });

  describe("operational webhook", () => {
    it("a notice about another endpoint → an Event {type, timestamp, data} and one Delivery to the operational endpoint only", async () => {
      const mer = await merchant();
      const ep = await endpoint(mer.id);
      const op = await endpoint(mer.id, { kind: "operational" });
      await notice(mer.id, "endpoint.paused", endpointData(ep));
      const result = await m.dispatch.dispatchNotifications("o", new Date());
      expect(result).toMatchObject({ dispatched: 1, webhooks: 1, emails: 1 });
      const deliveries = await m.db.delivery.findMany({ where: { merchantId: mer.id }, include: { event: true } });
      expect(deliveries.map((d) => d.endpointId)).toEqual([op.id]);
      const body = JSON.parse(deliveries[0]!.event.payload) as { type: string; timestamp: string; data: NotificationData };
      expect(body).toEqual({ type: "endpoint.paused", timestamp: expect.any(String), data: endpointData(ep) });
      expect(deliveries[0]!.event.type).toBe("endpoint.paused");
    });

    it("no delivery for a notice about the operational endpoint itself, a security notice, a filtered-out kind or a switched-off kind", async () => {
      const mer = await merchant();
      const ep = await endpoint(mer.id);
      const op = await endpoint(mer.id, { kind: "operational", eventTypes: ["endpoint.paused", "endpoint.disabled"] });
      await notice(mer.id, "endpoint.paused", endpointData(op));
      await notice(mer.id, "account.api_key_created", { actor: "system", keyName: "k" });
      await notice(mer.id, "endpoint.failing", endpointData(ep, "failing"));
      await m.db.notificationPreference.create({ data: { merchantId: mer.id, channel: "webhook", kind: "endpoint.disabled", enabled: false } });
      await notice(mer.id, "endpoint.disabled", endpointData(ep, "disabled"));
      await flush();
      expect(await m.db.delivery.count({ where: { merchantId: mer.id } })).toBe(0);
      expect(smtp.messages).toHaveLength(4); // every one of them still emailed
    });

    it("publishing a checkout event never targets the operational endpoint", async () => {
      const mer = await merchant();
      const ep = await endpoint(mer.id);
      await endpoint(mer.id, { kind: "operational" });
      const outcome = await m.store.publish({ id: crypto.randomUUID(), merchantId: mer.id, type: "checkout_session.expired", payload: "{}", isTest: false, idempotencyKey: null, requestHash: null, createdAt: new Date() });
      expect(outcome).toEqual({ kind: "published", deliveries: 1 });
      expect((await m.db.delivery.findMany({ where: { merchantId: mer.id } })).map((d) => d.endpointId)).toEqual([ep.id]);
    });
  });

  describe("several dispatchers at once", () => {
    it("each notification is dispatched once and each email sent once", async () => {
      const mer = await merchant();
      const eps = await Promise.all(Array.from({ length: 10 }, () => endpoint(mer.id)));
      for (const ep of eps) {
        await notice(mer.id, "endpoint.paused", endpointData(ep));
        await notice(mer.id, "endpoint.recovered", endpointData(ep, "ok"));
      }
      await notice(mer.id, "account.sessions_revoked", { actor: "system" });
      const now = new Date();
      await Promise.all(["a", "b", "c"].map((owner) => m.dispatch.dispatchNotifications(owner, now)));
      await Promise.all(["a", "b", "c"].map((owner) => m.send.sendDueEmails(mailer, owner, now).then(() => m.send.sendDueEmails(mailer, owner, now))));
      for (;;) if ((await m.send.sendDueEmails(mailer, "d", now)).sent === 0) break;
      expect(await m.db.notification.count({ where: { dispatchedAt: null } })).toBe(0);
      const perNotification = await m.db.notificationEmail.groupBy({ by: ["notificationId"], _count: { _all: true } });
      expect(perNotification).toHaveLength(21);
      expect(perNotification.every((g) => g._count._all === 1)).toBe(true);
      expect(smtp.messages).toHaveLength(21);
      expect(new Set(smtp.messages.map((mail) => mail.messageId)).size).toBe(21);
    });

    it("the storm cap holds with three dispatchers on one endpoint: 3 emails, the rest held", async () => {
      const mer = await merchant();
      const ep = await endpoint(mer.id);
      for (let i = 0; i < 12; i++) await notice(mer.id, i % 2 ? "endpoint.recovered" : "endpoint.paused", endpointData(ep, i % 2 ? "ok" : "paused"));
      const now = new Date();
      await Promise.all(["a", "b", "c"].map(async (owner) => {
        for (;;) if ((await m.dispatch.dispatchNotifications(owner, now)).dispatched === 0) break;
      }));
      expect(await m.db.notificationEmail.count({ where: { endpointId: ep.id, status: "pending" } })).toBe(3);
      expect(await m.db.notificationEmail.count({ where: { endpointId: ep.id, status: "held" } })).toBe(9);
    });
  });
}
