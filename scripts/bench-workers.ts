// `npm run bench -- --workers 1,2,4`: delivered events/s on PostgreSQL with 1, 2 and 4 worker processes
// (`npm run worker`), beside the warm raw ceiling measured the same way in the same run. This process
// publishes (through publishEvent, as the intake does) and keeps a backlog due; each worker count gets
// a warm-up and a fixed window. Everything shares this machine's cores: the publisher, PostgreSQL, the
// receiver process and the workers, so the figures say how the engine scales here, not on a fleet.
import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { PHASE_MS, rawCeiling, round, sleep, timed, WARMUP_MS } from "./bench/phases";
import { forkReceiver } from "./bench/receiver";

const HEALTHY_ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 8);
const PUBLISHERS = 32;
const BACKLOG_TARGET = 2000;

export async function benchWorkers(counts: string): Promise<void> {
  const workerCounts = counts.split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(" ");
  const { loadLocalEnv } = await import("./local-env");
  loadLocalEnv();
  const { createPostgresDatabase } = await import("@/lib/delivery/test-db");
  const database = await createPostgresDatabase("dashx_bench");
  process.env.DATABASE_URL = database.url;
  process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
  process.env.WEBHOOK_WORKER_IN_PROCESS = "false";
  const { migratePostgres } = await import("@/lib/db/postgres-migrations");
  await migratePostgres(database.url);

  const receiver = await forkReceiver();
  const raw = await rawCeiling(receiver);

  const { signUp } = await import("@/lib/merchants/signup");
  const { createEndpoint } = await import("@/lib/webhooks/create-endpoint");
  const { publishEvent } = await import("@/lib/events/publish");
  const merchants: string[] = [];
  for (let i = 0; i < HEALTHY_ENDPOINTS; i++) {
    const merchant = await signUp({ name: `Bench ${i}`, email: `bench-${i}@dashx.local`, password: "bench-password-1" });
    await createEndpoint(merchant.id, { url: receiver.url(`/hook/${i}`), description: "bench receiver" });
    merchants.push(merchant.id);
  }

  const results: Array<{ workers: number; deliveredPerSec: number; count: number; minBacklog: number }> = [];
  for (const n of workerCounts) {
    await receiver.clear();
    const workers: ChildProcess[] = Array.from({ length: n }, () =>
      spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { stdio: ["ignore", "pipe", "inherit"], env: process.env }),
    );
    // Each worker says so once it is delivering: the warm-up starts after all of them are up.
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("delivering from") && resolve());
            w.once("exit", (code) => reject(new Error(`a worker exited (${code}) before it started`)));
          }),
      ),
    );
    let published = 0;
    let received = 0;
    const poll = setInterval(() => void receiver.stats().then((s) => (received = s.count)), 10);
    let minBacklog = Infinity;
    const delivered = await timed(receiver, () => {
      let running = true;
      let k = 0;
      const loops = Array.from({ length: PUBLISHERS }, async () => {
        while (running) {
          if (published - received >= BACKLOG_TARGET) await sleep(5);
          else {
            await publishEvent({ merchantId: merchants[k++ % merchants.length], type: "checkout_session.expired", data: null });
            published++;
          }
        }
      });
      return async () => {
        running = false;
        await Promise.all(loops);
      };
    }, () => (minBacklog = Math.min(minBacklog, published - received)));
    clearInterval(poll);
    // Drain what was published, then stop the workers gracefully before the next count.
    const deadline = Date.now() + 120_000;
    while ((await receiver.stats()).count < published && Date.now() < deadline) await sleep(50);
    await Promise.all(workers.map((w) => new Promise((resolve) => (w.once("exit", resolve), w.kill("SIGTERM")))));
    results.push({ workers: n, deliveredPerSec: round(delivered.perSec), count: delivered.count, minBacklog });
    console.log(`${n} worker process${n === 1 ? "" : "es"}: ${round(delivered.perSec)} events/s delivered (${delivered.count} in the ${round(PHASE_MS / 1000)} s window after ${WARMUP_MS / 1000} s warm-up; lowest backlog seen in the window ${minBacklog} of the ${BACKLOG_TARGET} the publishers aim for)`);
  }
  await receiver.close();
  const { db } = await import("@/lib/db/client");
  await db.$disconnect();
  (await import("@/lib/db/postgres")).pgPool().end().catch(() => undefined);
  await database.remove();

  console.log(`machine: ${os.cpus().length} cores shared by this publisher, PostgreSQL, the receiver and the workers; load average ${loadAtStart} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end`);
  console.log(`raw ceiling: ${round(raw.perSec)} POST/s (same receiver, 64 in flight on 64 connections, no database)`);
  console.log(JSON.stringify({ rawPerSec: round(raw.perSec), workers: results.map((r) => ({ ...r, ratio: round(r.deliveredPerSec / raw.perSec, 3) })) }));
  process.exit(0);
}
