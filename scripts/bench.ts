// `npm run bench`: delivery throughput and latency on the embedded SQLite default, against the raw
// ceiling (plain undici POSTs to the same receiver, no database) measured in the same run.
// Prints one final JSON line: {"deliveredPerSec","rawPerSec","ratio","p50Ms","p99Ms"}.
import { fork, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Agent, request } from "undici";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashx-bench-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
process.env.WEBHOOK_WORKER_IN_PROCESS = "false";
import("./local-env").then(({ loadLocalEnv }) => loadLocalEnv());

const THROUGHPUT_EVENTS = Number(process.env.BENCH_EVENTS ?? 3000);
const OFFERED_RATE = Number(process.env.BENCH_RATE ?? 500); // events/s for the latency phase
const LATENCY_SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const receiver = fork(path.join(__dirname, "bench", "receiver.ts"), [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const port = await new Promise<number>((resolve) => receiver.once("message", (m: { port: number }) => resolve(m.port)));
  const url = `http://127.0.0.1:${port}/hook`;
  const receipts = async () => {
    const res = await request(`http://127.0.0.1:${port}/receipts`);
    return (await res.body.json()) as { count: number; receipts: Record<string, number> };
  };

  // 1. Raw ceiling: the same number of POSTs with the same concurrency, no database.
  const concurrency = Number(process.env.WEBHOOK_WORKER_CONCURRENCY ?? 64);
  const body = JSON.stringify({ id: "raw", type: "checkout_session.expired", data: null });
  const raw = new Agent({ connections: 16, keepAliveTimeout: 4_000 });
  let sent = 0;
  const rawStart = now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < THROUGHPUT_EVENTS) {
        sent++;
        const res = await request(url, { method: "POST", body, headers: { "content-type": "application/json" }, dispatcher: raw });
        await res.body.dump();
      }
    }),
  );
  const rawPerSec = THROUGHPUT_EVENTS / ((now() - rawStart) / 1000);
  await raw.close();

  // 2. The real path: migrate, one merchant and endpoint, publish → outbox → worker → signed POST.
  const migrate = spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], { stdio: "ignore", env: process.env });
  if (migrate.status !== 0) throw new Error("prisma migrate deploy failed");
  const { db } = await import("@/lib/db/client");
  const { signUp } = await import("@/lib/merchants/signup");
  const { createEndpoint } = await import("@/lib/webhooks/create-endpoint");
  const { publishEvent } = await import("@/lib/events/publish");
  const { DeliveryWorker } = await import("@/lib/delivery/worker");
  const merchant = await signUp({ name: "Bench", email: "bench@dashx.local", password: "bench-password-1" });
  await createEndpoint(merchant.id, { url, description: "bench receiver" });
  const worker = new DeliveryWorker();
  worker.start();

  const publishAt = new Map<string, number>();
  const publish = async () => {
    const started = now();
    const { id } = await publishEvent({ merchantId: merchant.id, type: "checkout_session.expired", data: null });
    publishAt.set(id, started);
  };
  const waitForAll = async (expected: number, timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await receipts();
      if (Object.keys(r.receipts).length >= expected) return r;
      if (Date.now() > deadline) throw new Error(`only ${Object.keys(r.receipts).length}/${expected} delivered`);
      await sleep(20);
    }
  };
  const base = (await receipts()).count;

  // Throughput: publish as fast as 8 concurrent publishers can, measure until the last one arrives.
  const tpStart = now();
  let published = 0;
  await Promise.all(Array.from({ length: 8 }, async () => { while (published++ < THROUGHPUT_EVENTS) await publish(); }));
  const afterThroughput = await waitForAll(THROUGHPUT_EVENTS);
  const lastArrival = Math.max(...Object.values(afterThroughput.receipts));
  const deliveredPerSec = THROUGHPUT_EVENTS / ((lastArrival - tpStart) / 1000);

  // Latency at a fixed offered load: one publish every 1000/OFFERED_RATE ms.
  const latencyIds: string[] = [];
  const total = OFFERED_RATE * LATENCY_SECONDS;
  const latStart = now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = latStart + (i * 1000) / OFFERED_RATE;
    const wait = due - now();
    if (wait > 1) await sleep(wait);
    inflight.push(
      (async () => {
        const started = now();
        const { id } = await publishEvent({ merchantId: merchant.id, type: "checkout_session.expired", data: null });
        publishAt.set(id, started);
        latencyIds.push(id);
      })(),
    );
  }
  await Promise.all(inflight);
  const achievedRate = total / ((now() - latStart) / 1000);
  const final = await waitForAll(THROUGHPUT_EVENTS + total);
  const latencies = latencyIds.map((id) => final.receipts[id] - publishAt.get(id)!).sort((a, b) => a - b);

  await worker.stop();
  await db.$disconnect();
  receiver.kill();
  fs.rmSync(dir, { recursive: true, force: true });

  const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
  console.log(`raw ceiling: ${round(rawPerSec)} POST/s (${THROUGHPUT_EVENTS} POSTs, concurrency ${concurrency}, no database)`);
  console.log(`delivered:   ${round(deliveredPerSec)} events/s end to end (${THROUGHPUT_EVENTS} events published by 8 publishers)`);
  console.log(`latency at ${OFFERED_RATE} events/s offered (${round(achievedRate)} achieved, ${total} events): p50 ${round(percentile(latencies, 50))} ms, p99 ${round(percentile(latencies, 99))} ms, max ${round(latencies[latencies.length - 1])} ms`);
  console.log(`receiver saw ${final.count - base} POSTs for ${THROUGHPUT_EVENTS + total} events`);
  console.log(JSON.stringify({
    deliveredPerSec: round(deliveredPerSec),
    rawPerSec: round(rawPerSec),
    ratio: round(deliveredPerSec / rawPerSec, 3),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
  }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
