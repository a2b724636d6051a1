// `npm run bench:retention`: does the retention purge stall delivery? Delivery runs at full speed (the
// in-process worker, 8 publishers keeping a bounded backlog, a loopback receiver in a child process) on
// a temporary database holding 1,000,000 rows older than WEBHOOK_RETENTION (events, their deliveries and
// attempts, a third each). Alternates windows of BENCH_SECONDS (10) without and with purgeExpired()
// running until it has removed all of them, and compares delivered/s of the two sides. Prints the
// figures and one final JSON line {"withoutPerSec","withPerSec","dropPercent","purgedRows","purgeSeconds"}.
import { forkReceiver } from "./bench/receiver";
import { loadEngine } from "./bench/engine";
import { migrateSqlite } from "@/lib/db/migrate-sqlite";
import { tempDatabase } from "./bench/temp-database";

const OLD_ROWS = Number(process.env.BENCH_RETENTION_ROWS ?? 1_000_000);
const PHASE_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BACKLOG = 2_000; // publishers wait while this many published events are not yet received

const { remove } = tempDatabase("retention");
process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
process.env.WEBHOOK_WORKER_IN_PROCESS = "false";
process.env.WEBHOOK_RETENTION = "30d";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function main() {
  const { loadLocalEnv } = await import("./local-env");
  loadLocalEnv();
  migrateSqlite();
  const receiver = await forkReceiver();
  const received = async () => (await receiver.stats()).count;

  const { db, sqlite, signUp, createEndpoint, publishEvent, DeliveryWorker } = await loadEngine();
  const { purgeExpired } = await import("@/lib/retention/purge");

  const merchant = await signUp({ name: "Bench", email: "bench@dashx.local", password: "bench-password-1" });
  const endpoint = await createEndpoint(merchant.id, { url: receiver.url("/hook"), description: "bench receiver" });

  // 1,000,000 old rows: events 60 days old, each with one finished delivery and one attempt.
  const events = Math.ceil(OLD_ROWS / 3);
  const old = (i: number) => new Date(Date.now() - 60 * 86_400_000 + i).toISOString().replace("Z", "+00:00");
  const seedStart = performance.now();
  const conn = sqlite();
  const insEvent = conn.prepare(`INSERT INTO "Event" ("id","merchantId","type","payload","isTest","createdAt") VALUES (?,?,?,?,0,?)`);
  const insDelivery = conn.prepare(
    `INSERT INTO "Delivery" ("id","eventId","endpointId","merchantId","status","attemptCount","createdAt","updatedAt","completedAt") VALUES (?,?,?,?,'succeeded',1,?,?,?)`,
  );
  const insAttempt = conn.prepare(
    `INSERT INTO "Attempt" ("id","deliveryId","attemptNumber","requestHeaders","responseStatus","durationMs","createdAt") VALUES (?,?,1,'{}',200,12,?)`,
  );
  const payload = JSON.stringify({ id: "x", apiVersion: "2023-01-11", created: 0, object: "checkoutSession", type: "checkout_session.expired", data: null });
  let rows = 0;
  for (let start = 0; start < events; start += 20_000) {
    conn.transaction(() => {
      for (let i = start; i < Math.min(events, start + 20_000); i++) {
        const at = old(i);
        const n = String(i).padStart(8, "0");
        insEvent.run(`old-${n}`, merchant.id, "checkout_session.expired", payload, at);
        rows++;
        if (rows < OLD_ROWS) (insDelivery.run(`dold${n}`, `old-${n}`, endpoint.id, merchant.id, at, at, at), rows++);
        if (rows < OLD_ROWS) (insAttempt.run(`aold${n}`, `dold${n}`, at), rows++);
      }
    })();
  }
  console.log(`seeded ${rows} old rows (${events} events with their deliveries and attempts) in ${round((performance.now() - seedStart) / 1000)} s`);

  const worker = new DeliveryWorker();
  worker.start();
  let published = 0;
  let seen = 0;
  let publishing = true;
  const publishers = Array.from({ length: 8 }, async () => {
    while (publishing) {
      if (published - seen > BACKLOG) {
        await sleep(2);
        continue;
      }
      published++;
      await publishEvent({ merchantId: merchant.id, type: "checkout_session.expired", data: null });
    }
  });
  const poller = (async () => {
    while (publishing) {
      seen = await received();
      await sleep(20);
    }
  })();

  /** Delivered over one window of PHASE_SECONDS, with the purge running (resumed where it stopped) or not. */
  let batches = 0;
  const windowOf = async (purging: boolean) => {
    const c0 = await received();
    const t0 = performance.now();
    const stop = () => performance.now() - t0 >= PHASE_SECONDS * 1000;
    // A purge that finishes early ends its window there: the "with" side counts only time spent purging.
    if (purging) batches += (await purgeExpired(undefined, stop)).batches;
    else while (!stop()) await sleep(20);
    return { delivered: (await received()) - c0, seconds: (performance.now() - t0) / 1000 };
  };
  const oldLeft = () =>
    conn
      .prepare(`SELECT (SELECT COUNT(*) FROM "Event" WHERE "id" LIKE 'old-%') + (SELECT COUNT(*) FROM "Delivery" WHERE "id" LIKE 'dold%') + (SELECT COUNT(*) FROM "Attempt" WHERE "id" LIKE 'aold%')`)
      .pluck()
      .get() as number;

  await sleep(10_000); // warm-up: connections open, statements prepared, JIT warm
  // Alternate windows without and with the purge until every old row is gone, so a machine shared with
  // other work drifts both sides alike; each side's rate is its total delivered over its total time.
  const sums = { without: { delivered: 0, seconds: 0 }, with: { delivered: 0, seconds: 0 } };
  const purgeStart = performance.now();
  let purgeWindows = 0;
  for (let left = rows; left > 0; left = oldLeft()) {
    for (const purging of [false, true]) {
      const w = await windowOf(purging);
      const side = purging ? sums.with : sums.without;
      side.delivered += w.delivered;
      side.seconds += w.seconds;
      console.log(`${purging ? "with purge   " : "without purge"}: ${round(w.delivered / w.seconds)} delivered/s${purging ? ` (${rows - oldLeft()} of ${rows} old rows removed so far)` : ""}`);
    }
    purgeWindows++;
  }
  const purgeSeconds = purgeWindows * PHASE_SECONDS;
  const left = oldLeft();
  const withoutPerSec = sums.without.delivered / sums.without.seconds;
  const withPerSec = sums.with.delivered / sums.with.seconds;
  console.log(`purge: ${rows - left} old rows in ${batches} batches over ${purgeWindows} windows of ${PHASE_SECONDS} s (${round((rows - left) / purgeSeconds)} rows/s while purging); wall time ${round((performance.now() - purgeStart) / 1000)} s`);

  publishing = false;
  await Promise.all([...publishers, poller]);
  await worker.stop();
  await db.$disconnect();
  await receiver.close();
  remove();

  const drop = ((withoutPerSec - withPerSec) / withoutPerSec) * 100;
  console.log(`delivered/s without purge ${round(withoutPerSec)}, with purge ${round(withPerSec)}: drop ${round(drop)} % (target < 10 %)`);
  console.log(JSON.stringify({ withoutPerSec: round(withoutPerSec), withPerSec: round(withPerSec), dropPercent: round(drop), purgedRows: rows - left, purgeSeconds }));
  if (left > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
