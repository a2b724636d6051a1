// The dispatcher: leases undispatched Notification rows (dispatchedAt null) and, for each, in ONE
// transaction with setting dispatchedAt: the email (an outbox row, or a held one past the storm cap)
// and the operational webhook's Event + Delivery. The lease is a compare-and-set on the row
// (dispatchLeaseOwner/dispatchLeaseUntil; on PostgreSQL the losing UPDATE waits for the winner's row
// lock and then no longer matches), and the final write names the owner, so with any number of workers
// each notification is dispatched once; a worker killed mid-way leaves a lease that expires.
import { db, type Prisma } from "@/lib/db/client";
import { newId } from "@/lib/delivery/ids";
import { deliveryStore } from "@/lib/delivery/store";
import { env } from "@/lib/env";
import { observeNotificationDispatched } from "@/lib/ops/metrics";
import { renderNotificationEmail } from "./email-content";
import { isSecurityKind, notificationDataSchema, notificationKindSchema, type NotificationData, type NotificationKind } from "./kinds";
import { queueOperationalDelivery, wantsOperational, type OperationalEndpoint } from "./operational";
import { lockEndpointOutbox, readStormWindow } from "./outbox-window";
import { paced } from "./pace";
import { CHANNEL_KINDS, isSwitchable, type NotificationChannel } from "./preferences";
import { decideEmail, exhaustedReady } from "./storm";
import { newUnsubscribeLink } from "./unsubscribe";

export const DISPATCH_LEASE_MS = 60_000;
const BATCH = 50;

export type DispatchResult = { dispatched: number; emails: number; webhooks: number };

class LeaseLost extends Error {}

/** Leases and dispatches what is ready now; answers what it did (the loop polls again when 0). */
export async function dispatchNotifications(owner: string, now = new Date()): Promise<DispatchResult> {
  const result: DispatchResult = { dispatched: 0, emails: 0, webhooks: 0 };
  const free = { OR: [{ dispatchLeaseUntil: null }, { dispatchLeaseUntil: { lt: now } }] };
  const candidates = await db.notification.findMany({
    where: { dispatchedAt: null, ...free },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: BATCH * 4,
    select: { id: true, type: true, createdAt: true, updatedAt: true },
  });
  // delivery.exhausted keeps counting in its hourly row: wait until it is quiet (or its hour is over).
  const ready = candidates.filter((n) => n.type !== "delivery.exhausted" || exhaustedReady(n, now)).slice(0, BATCH);
  if (ready.length === 0) return result;
  // One compare-and-set for the batch: only the rows still free are ours (the count is re-read here,
  // after the lease, so delivery.exhausted says how many gave up by now).
  const leased = await db.notification.updateManyAndReturn({
    where: { id: { in: ready.map((n) => n.id) }, dispatchedAt: null, ...free },
    data: { dispatchLeaseOwner: owner, dispatchLeaseUntil: new Date(now.getTime() + DISPATCH_LEASE_MS) },
    select: { id: true, merchantId: true, endpointId: true, type: true, data: true, count: true },
  });
  if (leased.length === 0) return result;
  // Everything read before the transactions, once per batch: on SQLite a query on the shared client
  // inside an interactive transaction would wait for the transaction's own gate.
  const context = await readContext([...new Set(leased.map((n) => n.merchantId))]);
  for (const row of leased) {
    try {
      const done = await paced(() => dispatchOne(row, owner, now, context));
      result.dispatched++;
      if (done.email) result.emails++;
      if (done.webhook) result.webhooks++;
      observeNotificationDispatched(done.email ? "email" : done.webhook ? "webhook" : "inbox");
    } catch (error) {
      if (error instanceof LeaseLost) continue;
      console.error(`[notifications] dispatching ${row.id} failed, retried in 30 s:`, error instanceof Error ? error.message : error);
      await db.notification.updateMany({ where: { id: row.id, dispatchLeaseOwner: owner }, data: { dispatchLeaseUntil: new Date(Date.now() + 30_000) } });
    }
  }
  if (result.webhooks > 0) await (await deliveryStore()).notify();
  return result;
}

type Context = {
  emails: Map<string, string>;
  /** `${merchantId}:${channel}:${kind}` → enabled, the saved cells only (absent = the default, on). */
  saved: Map<string, boolean>;
  operational: Map<string, OperationalEndpoint>;
};

async function readContext(merchantIds: string[]): Promise<Context> {
  const [merchants, preferences, endpoints] = await Promise.all([
    db.merchant.findMany({ where: { id: { in: merchantIds } }, select: { id: true, email: true } }),
    db.notificationPreference.findMany({ where: { merchantId: { in: merchantIds } }, select: { merchantId: true, channel: true, kind: true, enabled: true } }),
    db.endpoint.findMany({ where: { merchantId: { in: merchantIds }, kind: "operational", status: "enabled" }, select: { id: true, merchantId: true, eventTypes: true } }),
  ]);
  return {
    emails: new Map(merchants.map((m) => [m.id, m.email])),
    saved: new Map(preferences.map((p) => [`${p.merchantId}:${p.channel}:${p.kind}`, p.enabled])),
    operational: new Map(endpoints.map((e) => [e.merchantId, e])),
  };
}

/** isChannelEnabled (preferences.ts) over the batch's saved cells: the same rules, one read per batch. */
function channelEnabled(context: Context, merchantId: string, channel: NotificationChannel, kind: NotificationKind): boolean {
  if (!CHANNEL_KINDS[channel].includes(kind)) return false;
  if (!isSwitchable(channel, kind)) return true;
  return context.saved.get(`${merchantId}:${channel}:${kind}`) ?? true;
}

type Leased = { id: string; merchantId: string; endpointId: string | null; type: string; data: unknown; count: number };

async function dispatchOne(row: Leased, owner: string, now: Date, context: Context): Promise<{ email: boolean; webhook: boolean }> {
  const kindParse = notificationKindSchema.safeParse(row.type);
  const dataParse = notificationDataSchema.safeParse(row.data);
  const kind = kindParse.success ? kindParse.data : null;
  const data: NotificationData = dataParse.success ? dataParse.data : {};
  const to = context.emails.get(row.merchantId);
  const wantEmail = kind !== null && to !== undefined && channelEnabled(context, row.merchantId, "email", kind);
  const operational = context.operational.get(row.merchantId);
  const wantWebhook = kind !== null && operational !== undefined && wantsOperational(operational, kind, row.endpointId) && channelEnabled(context, row.merchantId, "webhook", kind);
  const endpointId = row.endpointId ?? data.endpointId ?? null;

  await db.$transaction(async (tx) => {
    // The write first: it takes SQLite's write lock (and the row lock on PostgreSQL) before any read.
    const marked = await tx.notification.updateMany({ where: { id: row.id, dispatchLeaseOwner: owner, dispatchedAt: null }, data: { dispatchedAt: now, dispatchLeaseUntil: null } });
    if (marked.count !== 1) throw new LeaseLost();
    if (wantEmail && kind !== null && to !== undefined) await writeEmail(tx, { notificationId: row.id, merchantId: row.merchantId, to, endpointId, kind, data, count: row.count, now });
    if (wantWebhook && kind !== null && operational) {
      await queueOperationalDelivery(tx, { merchantId: row.merchantId, endpointId: operational.id, kind, data, count: row.count, at: now });
    }
  });
  return { email: wantEmail, webhook: wantWebhook };
}

type EmailInput = { notificationId: string; merchantId: string; to: string; endpointId: string | null; kind: NotificationKind; data: NotificationData; count: number; now: Date };

async function writeEmail(tx: Prisma.TransactionClient, input: EmailInput): Promise<void> {
  const security = isSecurityKind(input.kind);
  if (input.endpointId !== null && !security) await lockEndpointOutbox(tx, input.endpointId);
  const window = input.endpointId === null || security ? { count: 0, oldest: null } : await readStormWindow(tx, input.endpointId, input.now);
  const verdict = decideEmail({ security, endpointId: input.endpointId, window, now: input.now });
  const { APP_URL: appUrl, AUTH_SECRET } = env();
  const unsubscribeUrl = security ? undefined : await newUnsubscribeLink(tx, { merchantId: input.merchantId, kind: input.kind, appUrl, authSecret: AUTH_SECRET });
  const content = renderNotificationEmail(input.kind, input.data, input.count, { appUrl, unsubscribeUrl });
  await tx.notificationEmail.create({
    data: {
      id: newId("eml_"),
      merchantId: input.merchantId,
      notificationId: input.notificationId,
      endpointId: security ? null : input.endpointId,
      to: input.to,
      subject: content.subject,
      text: content.text,
      html: content.html,
      headers: content.headers,
      status: verdict.action === "send" ? "pending" : "held",
      nextAttemptAt: verdict.action === "send" ? input.now : verdict.until,
      createdAt: input.now,
    },
  });
}
