// `npm run bench -- --notifications`: the notification storm. 100 endpoints of 20 merchants fail at once
// (their deliveries are refused, and each raises endpoint.failing, endpoint.paused and an hourly
// delivery.exhausted) while publishers keep 4 healthy endpoints saturated. Measured: the time until every
// notification is dispatched and every email accepted by a real SMTP server on loopback (goal < 60 s), and
// the healthy endpoints' delivered/s during the storm against the same phase without it, measured the
// same way in the same run before and after (goal: a drop under 10 %).
// The notices are raised here with the dispatcher's own raiseNotification (and the hourly exhausted row
// as the engine writes it), so the phase measures the channels, whatever raises them.
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
  process.env.WEBHOOK_RETRY_SCHEDULE = "1h"; // the failing endpoints' deliveries wait after their first refusal
  const { loadLocalEnv } = await import("./local-env");
  loadLocalEnv();
  const { migrateSqlite } = await import("@/lib/db/migrate-sqlite");
  migrateSqlite();
  const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(" ");
  const receiver = await forkReceiver();
  const { startTestSmtp } = await import("@/lib/notifications/test-smtp");
  const smtp = await startTestSmtp();
  const { db, signUp, createEndpoint, publishEvent, DeliveryWorker } = await loadEngine();
  const { raiseNotification } = await import("@/lib/notifications/raise");
  const { exhaustedDedupeKey, hourStart } = await import("@/lib/notifications/kinds");
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
  // its three notices; the clock runs until the last notification is dispatched and its email accepted.
  let stormStart = 0;
  let raising: Promise<void> = Promise.resolve();
  let raisedAt = NaN;
  const storm = await timed(
    receiver,
    saturate(() => {
      stormStart = now();
      raising = (async () => {
        const at = new Date();
        const since = hourStart(at).toISOString();
        await Promise.all(failing.map((f) => publishEvent({ merchantId: f.merchantId, type: "checkout_session.expired", data: null })));
        for (const f of failing) {
          const data = { endpointId: f.id, url: f.url, description: "failing", lastError: "connect ECONNREFUSED", since };
          await raiseNotification(f.merchantId, "endpoint.failing", { ...data, state: "failing", count: 4 }, { endpointId: f.id });
          await raiseNotification(f.merchantId, "endpoint.paused", { ...data, state: "paused", pausedUntil: new Date(at.getTime() + 30_000).toISOString() }, { endpointId: f.id });
          // The engine's hourly row, already quiet (its last failure 30 s ago), as it is at the end of a burst.
          const quiet = new Date(at.getTime() - 31_000);
          await db.notification.create({
            data: { id: `ntf_bench_${f.id}`, merchantId: f.merchantId, endpointId: f.id, type: "delivery.exhausted", dedupeKey: exhaustedDedupeKey(f.id, at), count: 37, data: { ...data, state: "failing" }, createdAt: quiet, updatedAt: quiet },
          });
        }
        raisedAt = now();
      })();
    }),
  );
  await raising;
  const expected = failing.length * 3;
  const deadline = Date.now() + 120_000;
  let outAt = NaN;
  for (;;) {
    const [undispatched, unsent] = await Promise.all([db.notification.count({ where: { dispatchedAt: null } }), db.notificationEmail.count({ where: { status: { in: ["pending", "held"] } } })]);
    if (undispatched === 0 && unsent === 0 && smtp.messages.length >= expected) {
      outAt = now();
      break;
    }
    if (Date.now() > deadline) break;
    await sleep(50);
  }
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
      ? `notifications: NOT all out within 120 s (${smtp.messages.length} of ${expected} emails)`
      : `notifications: ${expected} (${failing.length} endpoints of ${FAILING_MERCHANTS} merchants × failing, paused, exhausted) dispatched and ${smtp.messages.length} emails accepted by SMTP ${round(outSeconds)} s after the storm began (raising them took ${round((raisedAt - stormStart) / 1000)} s of it)`,
  );
  console.log(JSON.stringify({ notifications: expected, emails: smtp.messages.length, allOutSeconds: round(outSeconds), raisedSeconds: round((raisedAt - stormStart) / 1000), healthyBeforePerSec: round(before.perSec), healthyStormPerSec: round(storm.perSec), healthyAfterPerSec: round(after.perSec), dropPercent: round(drop * 100) }));
  process.exit(0);
}
