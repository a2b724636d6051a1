// `npm run bench -- --notifications`: the notification storm. 100 endpoints of 20 merchants fail at once
// (every delivery to them is refused, so the engine raises endpoint.failing, endpoint.paused and, once
// their one retry has failed too, the hourly delivery.exhausted) while publishers keep 4 healthy
// endpoints saturated. Measured: the time until every
// notification is dispatched and every email accepted by a real SMTP server on loopback (goal < 60 s), and
// the healthy endpoints' delivered/s during the storm against the same phase without it, measured the
// same way in the same run before and after (goal: a drop under 10 %).
// "Out" = every notification dispatched and every email accepted (the exhausted ones wait until their
// row has been quiet for 30 s, by design); emails the storm cap folds into an hourly digest are counted apart.
import os from "node:os";
import { freePort } from "../tests/support/free-port";
import { loadEngine } from "./bench/engine";
import { now, PHASE_MS, round, sleep, timed, WARMUP_MS } from "./bench/phases";
import { forkReceiver } from "./bench/receiver";
import { tempDatabase } from "./bench/temp-database";

const HEALTHY = 4;
const FAILING_MERCHANTS = 20;
const PER_MERCHANT = 5;
const PUBLISHERS = 64;
const BACKLOG_TARGET = 2000;

export async function benchNotifications(): Promise<void> {
  const { remove } = tempDatabase("bench-notify");
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
  process.env.WEBHOOK_WORKER_IN_PROCESS = "false";
  // One quick retry, and a breaker that lets it through soon: the failing endpoints' deliveries give up
  // within seconds, so delivery.exhausted is part of the storm.
  process.env.WEBHOOK_RETRY_SCHEDULE = "200ms";
  process.env.WEBHOOK_BREAKER_COOLDOWN = "1s";
  process.env.WEBHOOK_BREAKER_MAX_COOLDOWN = "2s";
  const { loadLocalEnv } = await import("./local-env");
  loadLocalEnv();
  const { migrateSqlite } = await import("@/lib/db/migrate-sqlite");
  migrateSqlite();
  const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(" ");
  const receiver = await forkReceiver();
  const { startTestSmtp } = await import("@/lib/notifications/test-smtp");
  const smtp = await startTestSmtp();
  const { db, signUp, createEndpoint, publishEvent, DeliveryWorker } = await loadEngine();
  const { startNotificationLoops } = await import("@/lib/notifications/run-dispatcher");
  const { createMailer } = await import("@/lib/notifications/mailer");

  const healthy: string[] = [];
  for (let i = 0; i < HEALTHY; i++) {
    const m = await signUp({ name: `Healthy ${i}`, email: `healthy-${i}@dashx.local`, password: "bench-password-1" });
    await createEndpoint(m.id, { url: receiver.url(`/hook/${i}`), description: "healthy" });
    healthy.push(m.id);
  }
  const refused = `http://127.0.0.1:${await freePort()}`;
  const failing: Array<{ merchantId: string; id: string; url: string }> = [];
  for (let m = 0; m < FAILING_MERCHANTS; m++) {
    const merchant = await signUp({ name: `Failing ${m}`, email: `failing-${m}@dashx.local`, password: "bench-password-1" });
    for (let e = 0; e < PER_MERCHANT; e++) {
      const endpoint = await createEndpoint(merchant.id, { url: `${refused}/m${m}/e${e}`, description: `failing ${m}/${e}` });
      failing.push({ merchantId: merchant.id, id: endpoint.id, url: endpoint.url });
    }
  }
  const worker = new DeliveryWorker();
  await worker.start();
  const notifications = startNotificationLoops(createMailer(smtp.url, "DashX Webhooks <notifications@dashx.local>"));

  let published = 0;
  const saturate = (onStart?: () => void) => () => {
    let running = true;
    let n = 0;
    const base = published;
    const loops = Array.from({ length: PUBLISHERS }, async () => {
      while (running) {
        const { count } = await receiver.stats();
        if (published - base - count >= BACKLOG_TARGET) await sleep(5);
        else {
          published++;
          await publishEvent({ merchantId: healthy[n++ % HEALTHY]!, type: "checkout_session.expired", data: null });
        }
      }
    });
    onStart?.();
    return async () => {
      running = false;
      await Promise.all(loops);
    };
  };
  const settle = async () => {
    await sleep(1_000);
    await receiver.clear();
  };

  await timed(receiver, saturate()); // a throwaway phase: the first one runs cold (JIT, caches, pools)
  await settle();
  const before = await timed(receiver, saturate());
  await settle();

  // The storm, started with the measured phase: every failing endpoint gets events (refused at once) and
  // the engine raises its notices; the clock runs until the last notification is dispatched and its email accepted.
  let stormStart = 0;
  let raising: Promise<void> = Promise.resolve();
  let raisedAt = NaN;
  const storm = await timed(
    receiver,
    saturate(() => {
      stormStart = now();
      raising = (async () => {
        // 6 events to each of the 20 merchants: 6 deliveries to each failing endpoint, each refused twice.
        const merchants = [...new Set(failing.map((f) => f.merchantId))];
        await Promise.all(merchants.flatMap((merchantId) => Array.from({ length: 6 }, () => publishEvent({ merchantId, type: "checkout_session.expired", data: null }))));
        raisedAt = now();
      })();
    }),
  );
  await raising;
  const failingIds = failing.map((f) => f.id);
  const deadline = Date.now() + 120_000;
  let outAt = NaN;
  for (;;) {
    const [undispatched, pending, exhausted, open] = await Promise.all([
      db.notification.count({ where: { dispatchedAt: null } }),
      db.notificationEmail.count({ where: { status: "pending" } }),
      db.notification.count({ where: { type: "delivery.exhausted", endpointId: { in: failingIds } } }),
      db.delivery.count({ where: { status: "pending", endpointId: { in: failingIds } } }),
    ]);
    if (undispatched === 0 && pending === 0 && exhausted >= failing.length && open === 0) {
      outAt = now();
      break;
    }
    if (Date.now() > deadline) break;
    await sleep(50);
  }
  const raised = await db.notification.groupBy({ by: ["type"], where: { endpointId: { in: failingIds } }, _count: { _all: true } });
  const expected = raised.reduce((sum, r) => sum + r._count._all, 0);
  const held = await db.notificationEmail.count({ where: { status: { in: ["held", "digested"] } } });
  await settle();
  const after = await timed(receiver, saturate());

  await notifications.stop();
  await worker.stop();
  await receiver.close();
  await smtp.close();
  await db.$disconnect();
  remove();

  const reference = (before.perSec + after.perSec) / 2;
  const drop = 1 - storm.perSec / reference;
  const outSeconds = (outAt - stormStart) / 1000;
  const phase = `${WARMUP_MS / 1000} s warm-up, then ${round(PHASE_MS / 1000)} s`;
  console.log(`machine: ${os.cpus().length} cores (shared), Node ${process.version}; load average ${loadAtStart} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end`);
  console.log(`healthy delivered/s (${HEALTHY} endpoints, ${phase}): ${round(before.perSec)} before, ${round(storm.perSec)} during the storm, ${round(after.perSec)} after: a drop of ${round(drop * 100)} % against the mean of before and after`);
  console.log(
    Number.isNaN(outAt)
      ? `notifications: NOT all out within 120 s (${smtp.messages.length} emails for ${expected} notifications)`
      : `notifications: ${expected} raised by the engine for ${failing.length} endpoints of ${FAILING_MERCHANTS} merchants (${raised.map((r) => `${r._count._all} ${r.type}`).join(", ")}), all dispatched and ${smtp.messages.length} emails accepted by SMTP ${round(outSeconds)} s after the storm began (${held} folded for the hourly digest; publishing the failing events took ${round((raisedAt - stormStart) / 1000)} s)`,
  );
  console.log(JSON.stringify({ notifications: expected, emails: smtp.messages.length, folded: held, allOutSeconds: round(outSeconds), raisedSeconds: round((raisedAt - stormStart) / 1000), healthyBeforePerSec: round(before.perSec), healthyStormPerSec: round(storm.perSec), healthyAfterPerSec: round(after.perSec), dropPercent: round(drop * 100) }));
  process.exit(0);
}
