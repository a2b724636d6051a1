// What every delivery bench shares: fixed-time phases after a warm-up, and the raw ceiling they are
// compared with (plain undici POSTs of a webhook-sized, signed-shaped request, no database) measured the
// same way against the same receiver.
import { Agent, request } from "undici";
import type { RemoteReceiver } from "./receiver";

const seconds = (name: string, fallback: number) => Number(process.env[name] ?? fallback) * 1000;
export const WARMUP_MS = seconds("BENCH_WARMUP_SECONDS", 2);
export const PHASE_MS = seconds("BENCH_SECONDS", 5);
/** The raw ceiling's shape, fixed by issue 7: 64 in flight on 64 connections. */
export const RAW_IN_FLIGHT = 64;

export const now = () => performance.timeOrigin + performance.now(); // comparable with the receiver process's clock
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export type Timed = { perSec: number; count: number; ms: number };

/** Runs `load` (which returns its stop function), waits out the warm-up, then counts receipts over exactly PHASE_MS. */
export async function timed(receiver: RemoteReceiver, load: () => () => Promise<void>, during?: () => void): Promise<Timed> {
  const stop = load();
  await sleep(WARMUP_MS);
  const c0 = (await receiver.stats()).count;
  const t0 = now();
  const tick = during && setInterval(during, 25);
  await sleep(PHASE_MS);
  const c1 = (await receiver.stats()).count;
  const t1 = now();
  if (tick) clearInterval(tick);
  await stop();
  return { perSec: (c1 - c0) / ((t1 - t0) / 1000), count: c1 - c0, ms: t1 - t0 };
}

/** One POST shaped like the engine's (its envelope, user agent and Standard Webhooks headers) through `agent`. */
export async function rawPoster(receiver: RemoteReceiver): Promise<(agent: Agent) => Promise<void>> {
  const { buildEnvelope } = await import("@/lib/events/catalog");
  const { USER_AGENT } = await import("@/lib/delivery/send");
  const { signatureHeader, generateSecret } = await import("@/lib/crypto/signing");
  const sample = buildEnvelope("checkout_session.expired", null);
  const body = JSON.stringify(sample);
  const ts = Math.floor(Date.now() / 1000);
  const signature = signatureHeader([generateSecret()], sample.id, ts, body);
  const url = receiver.url("/hook/raw");
  let seq = 0;
  return (agent) =>
    request(url, {
      method: "POST",
      body,
      dispatcher: agent,
      headers: { "content-type": "application/json", "user-agent": USER_AGENT, "webhook-id": `raw_${seq++}`, "webhook-timestamp": String(ts), "webhook-signature": signature },
    }).then((res) => res.body.dump());
}

/** The warm raw ceiling: RAW_IN_FLIGHT POSTs in flight on as many connections, for a fixed window. */
export async function rawCeiling(receiver: RemoteReceiver): Promise<Timed> {
  const post = await rawPoster(receiver);
  const agent = new Agent({ connections: RAW_IN_FLIGHT, keepAliveTimeout: 4_000 });
  const raw = await timed(receiver, () => {
    let running = true;
    const loops = Array.from({ length: RAW_IN_FLIGHT }, async () => {
      while (running) await post(agent);
    });
    return async () => {
      running = false;
      await Promise.all(loops);
    };
  });
  await agent.close();
  return raw;
}
