// `npm run bench`: the delivery engine on the embedded SQLite default, measured like an outsider would:
// every phase warms up, then runs for a fixed time, and the raw ceiling it is compared with is measured
// the same way, in the same run, against the same receiver (a child process, scripts/bench/receiver.ts).
//   raw ceiling   plain undici POSTs of a webhook-sized, signed-shaped request, 64 in flight on 64 connections, no database
//   delivered     publishEvent → outbox → DeliveryWorker → signed POST → attempt recorded, publishers keeping a backlog
//   latency       publish → received at a fixed offered rate, on the same healthy endpoints
//   neighbours    the latency phase again while 50 endpoints (10 merchants) hang, with a backlog of their events
//   old method    3,000 POSTs cold and 3,000 events until the last arrives (the first version of this script), once, for comparison
// Env: BENCH_WARMUP_SECONDS (2), BENCH_SECONDS (5, per phase), BENCH_RATE (500 events/s), BENCH_ENDPOINTS (4 healthy
// endpoints, one merchant each), BENCH_HANGING (50), BENCH_NEIGHBOUR_BACKLOG (1,000 events = 5 deliveries each).
// The final stdout line is JSON: {"deliveredPerSec","rawPerSec","ratio","p50Ms","p99Ms", ...more keys}.
import os from "node:os";
import { Agent } from "undici";
import { now, PHASE_MS, RAW_IN_FLIGHT, rawCeiling, rawPoster, round, sleep, timed, WARMUP_MS } from "./bench/phases";
import { forkReceiver, type RemoteReceiver } from "./bench/receiver";
import { loadEngine } from "./bench/engine";
import { migrateSqlite } from "@/lib/db/migrate-sqlite";
import { tempDatabase } from "./bench/temp-database";

// `npm run bench -- --workers 1,2,4`: the PostgreSQL scale-out bench instead (scripts/bench-workers.ts).
const workersArg = process.argv.indexOf("--workers");

const OFFERED_RATE = Number(process.env.BENCH_RATE ?? 500);
const HEALTHY_ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 4);
const HANGING_ENDPOINTS = Number(process.env.BENCH_HANGING ?? 50);
const NEIGHBOUR_BACKLOG = Number(process.env.BENCH_NEIGHBOUR_BACKLOG ?? 1000);
const HANGING_ON_SHARED_ORIGIN = 5; // hanging endpoints on the healthy endpoints' host:port (path-distinguished); the rest get their own port
const OLD_COUNT = 3000; // the old method's fixed count
const PUBLISHERS = 64; // enough that publishing is never what the worker waits for (32 were not, once the worker got faster)
const BACKLOG_TARGET = 2000; // deliveries due at all times during the saturated phase
const DRAIN_MS = 30_000; // how long a measured event may take to arrive before it counts as not delivered

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function waitForCount(receiver: RemoteReceiver, expected: number, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { count } = await receiver.stats();
    if (count >= expected) return count;
    if (Date.now() > deadline) throw new Error(`the receiver got ${count} of ${expected} deliveries within ${timeoutMs / 1000} s`);
    await sleep(20);
  }
}

async function main() {
  const { remove } = tempDatabase("bench");
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
  process.env.WEBHOOK_WORKER_IN_PROCESS = "false";
  const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(" "); // printed: other work on this machine moves every figure
  const { loadLocalEnv } = await import("./local-env");
  loadLocalEnv();
  const { env } = await import("@/lib/env");
  const concurrency = RAW_IN_FLIGHT;
  const hangingOwnPorts = Math.max(0, HANGING_ENDPOINTS - HANGING_ON_SHARED_ORIGIN);
  const receiver = await forkReceiver({ extraPorts: hangingOwnPorts });
  await receiver.respondOn("/hang", "hang");

  const rawPost = await rawPoster(receiver);

  // Old method, first, so it is as cold as it was: 3,000 POSTs, 64 in flight on 16 connections, timed start to finish.
  const oldAgent = new Agent({ connections: 16, keepAliveTimeout: 4_000 });
  let oldSent = 0;
  const oldRawStart = now();
  await Promise.all(Array.from({ length: concurrency }, async () => { while (oldSent++ < OLD_COUNT) await rawPost(oldAgent); }));
  const oldRawPerSec = OLD_COUNT / ((now() - oldRawStart) / 1000);
  await oldAgent.close();

  // 1. Raw ceiling: `concurrency` POSTs in flight on as many connections, warm-up, then a fixed window.
  const raw = await rawCeiling(receiver);

  // The real path: migrate, merchants and endpoints through the same functions the API uses.
  migrateSqlite();
  const { db, sqlite, signUp, createEndpoint, publishEvent, DeliveryWorker } = await loadEngine();
  const healthy: string[] = []; // merchant ids, one healthy endpoint each, all on the receiver's main port
  for (let i = 0; i < HEALTHY_ENDPOINTS; i++) {
    const merchant = await signUp({ name: `Bench ${i}`, email: `bench-${i}@dashx.local`, password: "bench-password-1" });
    await createEndpoint(merchant.id, { url: receiver.url(`/hook/${i}`), description: "bench receiver" });
    healthy.push(merchant.id);
  }
  await receiver.clear();
  const worker = new DeliveryWorker();
  worker.start();

  let published = 0;
  const publishTo = async (merchantId: string) => {
    const started = now();
    const { id } = await publishEvent({ merchantId, type: "checkout_session.expired", data: null });
    published++;
    return { id, started };
  };

  // Old method: 3,000 events to one endpoint from 8 publishers, timed from the first publish to the last arrival.
  let oldPublished = 0;
  const oldStart = now();
  await Promise.all(Array.from({ length: 8 }, async () => { while (oldPublished++ < OLD_COUNT) await publishTo(healthy[0]); }));
  await waitForCount(receiver, OLD_COUNT);
  const oldLast = Math.max(...Object.values(await receiver.arrivals()));
  const oldDeliveredPerSec = OLD_COUNT / ((oldLast - oldStart) / 1000);
  await receiver.clear();

  // 2. Delivered, saturated: publishers keep BACKLOG_TARGET deliveries due so the worker never waits for work.
  let received = 0;
  let minBacklog = Infinity;
  const base = published;
  const poll = setInterval(() => void receiver.stats().then((s) => (received = s.count)), 10);
  const delivered = await timed(
    receiver,
    () => {
      let running = true;
      let n = 0;
      const loops = Array.from({ length: PUBLISHERS }, async () => {
        while (running) {
          if (published - base - received >= BACKLOG_TARGET) await sleep(5);
          else await publishTo(healthy[n++ % healthy.length]);
        }
      });
      return async () => { running = false; await Promise.all(loops); };
    },
    () => (minBacklog = Math.min(minBacklog, published - base - received)),
  );
  clearInterval(poll);
  const saturatedTotal = published - base;
  await waitForCount(receiver, saturatedTotal);
  const saturatedStats = await receiver.stats();
  const saturatedDistinct = Object.keys(await receiver.arrivals()).length;
  await receiver.clear();

  // 3. Latency at a fixed offered rate on the healthy endpoints: warm-up, then the measured window, then a drain.
  const offered = async (label: string) => {
    const measured: Array<{ id: string; started: number }> = [];
    const inflight: Promise<void>[] = [];
    const start = now();
    const total = Math.round((OFFERED_RATE * (WARMUP_MS + PHASE_MS)) / 1000);
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / OFFERED_RATE;
      const wait = due - now();
      if (wait > 1) await sleep(wait);
      const inWindow = due >= start + WARMUP_MS;
      inflight.push(publishTo(healthy[i % healthy.length]).then((p) => void (inWindow && measured.push(p))));
    }
    await Promise.all(inflight);
    const achieved = total / ((now() - start) / 1000);
    const ids = () => measured.map((m) => m.id);
    const deadline = Date.now() + DRAIN_MS;
    let arrivals = await receiver.arrivals(ids());
    while (Object.keys(arrivals).length < measured.length && Date.now() < deadline) {
      await sleep(100);
      arrivals = await receiver.arrivals(ids());
    }
    const givenUpAt = now();
    // An event that never arrived counts as the time it was waited for (a lower bound), so it cannot flatter the percentiles.
    const latencies = measured.map((m) => (arrivals[m.id] ?? givenUpAt) - m.started).sort((a, b) => a - b);
    const arrived = Object.keys(arrivals).length;
    const waitedAtLeast = givenUpAt - Math.max(...measured.map((m) => m.started)); // every latency this large may be a lower bound
    const shown = (p: number) => `${arrived < measured.length && percentile(latencies, p) >= waitedAtLeast ? "≥ " : ""}${round(percentile(latencies, p))} ms`;
    const line = `${label} at ${OFFERED_RATE} events/s offered (${round(achieved)} achieved), ${measured.length} measured: p50 ${shown(50)}, p99 ${shown(99)}, max ${shown(100)}${arrived < measured.length ? `; only ${arrived} arrived within ${DRAIN_MS / 1000} s (the rest count as the time waited for them)` : ""}`;
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), line, arrived, measured: measured.length };
  };
  const clean = await offered("latency, clean");

  // 4. Neighbours: 50 endpoints of 10 more merchants that accept the connection and never answer, a few of them on the
  // healthy endpoints' host:port, with a backlog of their events; then the same offered load on the healthy endpoints.
  const hangingMerchants: string[] = [];
  let hangingIndex = 0;
  for (let m = 0; hangingIndex < HANGING_ENDPOINTS; m++) {
    const merchant = await signUp({ name: `Hanging ${m}`, email: `hanging-${m}@dashx.local`, password: "bench-password-1" });
    hangingMerchants.push(merchant.id);
    for (let e = 0; e < env().WEBHOOK_MAX_ENDPOINTS && hangingIndex < HANGING_ENDPOINTS; e++, hangingIndex++) {
      const port = hangingIndex < HANGING_ON_SHARED_ORIGIN ? receiver.port : receiver.extraPorts[hangingIndex - HANGING_ON_SHARED_ORIGIN];
      await createEndpoint(merchant.id, { url: receiver.url(`/hang/${hangingIndex}`, port), description: "hangs" });
    }
  }
  let backlogged = 0;
  await Promise.all(Array.from({ length: 8 }, async () => { while (backlogged < NEIGHBOUR_BACKLOG) await publishTo(hangingMerchants[backlogged++ % hangingMerchants.length]); }));
  const backlogDeliveries = (sqlite().prepare(`SELECT COUNT(*) FROM "Delivery" WHERE "status" = 'pending'`).pluck().get() as number);
  const neighbours = await offered(`latency, ${HANGING_ENDPOINTS} endpoints hanging`);
  const hangingNow = (await receiver.stats()).hanging;

  // Every attempt recorded: the healthy endpoints' deliveries that succeeded each have their attempt row (checked before stopping).
  const inHealthy = `"merchantId" IN (${healthy.map(() => "?").join(",")})`;
  const succeeded = sqlite().prepare(`SELECT COUNT(*) FROM "Delivery" WHERE ${inHealthy} AND "status" = 'succeeded'`).pluck().get(...healthy) as number;
  const attempts = sqlite().prepare(`SELECT COUNT(*) FROM "Attempt" WHERE "deliveryId" IN (SELECT "id" FROM "Delivery" WHERE ${inHealthy})`).pluck().get(...healthy) as number;

  await worker.stop(); // gives the hanging attempts its grace period, then hands their leases back
  await receiver.close();
  await db.$disconnect();
  remove();

  const ratio = delivered.perSec / raw.perSec;
  const phase = `${WARMUP_MS / 1000} s warm-up, then ${round(PHASE_MS / 1000)} s`;
  console.log(`machine: ${os.cpus().length} cores (shared by this process, the receiver process and anything else running), Node ${process.version}; load average ${loadAtStart} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end`);
  console.log(`raw ceiling: ${round(raw.perSec)} POST/s (${phase}, ${concurrency} in flight on ${concurrency} connections, no database; ${raw.count} POSTs in the window)`);
  console.log(`delivered:   ${round(delivered.perSec)} events/s (${phase}, ${HEALTHY_ENDPOINTS} endpoints, worker ${env().WEBHOOK_WORKER_CONCURRENCY} in flight / ${env().WEBHOOK_WORKER_PER_ENDPOINT} per endpoint, ${PUBLISHERS} publishers keeping ≥ ${BACKLOG_TARGET} due; lowest backlog seen in the window ${minBacklog}; ${delivered.count} in the window)`);
  console.log(`ratio:       ${round(ratio, 3)}`);
  console.log(`old method:  raw ${round(oldRawPerSec)} POST/s (${OLD_COUNT} POSTs cold, 16 connections), delivered ${round(oldDeliveredPerSec)} events/s (${OLD_COUNT} events to the last arrival), ratio ${round(oldDeliveredPerSec / oldRawPerSec, 3)}: the cold, sub-second raw phase is what made it look ${round(ratio > 0 ? oldDeliveredPerSec / oldRawPerSec / ratio : NaN)}× better`);
  console.log(clean.line);
  console.log(`${neighbours.line} (backlog ${NEIGHBOUR_BACKLOG} events = ${backlogDeliveries} pending deliveries when it started; ${hangingNow} requests held open at its end)`);
  console.log(`receiver saw ${saturatedStats.count} POSTs for ${saturatedTotal} events in the saturated phase (${saturatedDistinct} distinct webhook-ids); healthy endpoints: ${succeeded} deliveries succeeded, ${attempts} attempts recorded`);
  console.log(
    JSON.stringify({
      deliveredPerSec: round(delivered.perSec),
      rawPerSec: round(raw.perSec),
      ratio: round(ratio, 3),
      p50Ms: round(clean.p50),
      p99Ms: round(clean.p99),
      neighboursP50Ms: round(neighbours.p50),
      neighboursP99Ms: round(neighbours.p99),
      neighboursArrived: `${neighbours.arrived}/${neighbours.measured}`,
      oldRawPerSec: round(oldRawPerSec),
      oldDeliveredPerSec: round(oldDeliveredPerSec),
      oldRatio: round(oldDeliveredPerSec / oldRawPerSec, 3),
    }),
  );
  process.exit(0); // attempts to the hanging endpoints may still hold sockets open until their timeout
}

// `npm run bench -- --notifications`: the notification storm phase instead (scripts/bench-notifications.ts).
const run =
  workersArg >= 0
    ? import("./bench-workers").then((m) => m.benchWorkers(process.argv[workersArg + 1] ?? "1,2,4"))
    : process.argv.includes("--notifications")
      ? import("./bench-notifications").then((m) => m.benchNotifications())
      : main();
run.catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
