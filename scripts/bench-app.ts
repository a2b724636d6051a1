// `npm run bench:app`: the real app over HTTP. Starts scripts/start.ts on a temporary database and
// measures (1) how fast the /webhooks page renders for a signed-in merchant with 5 endpoints and how
// much JavaScript it ships, and (2) the platform intake: events/s accepted by POST /api/v1/events (and
// delivered meanwhile by the in-process worker to a local receiver) beside the same server's cheapest
// route, measured the same way in the same run. BENCH_APP_PROFILE=<dir> writes the server's CPU profile
// there (scripts/bench/cpu-profile.cjs, on its graceful exit). One final JSON line.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { Agent, request } from "undici";
import { freePort } from "../tests/support/free-port";
import { forkReceiver } from "./bench/receiver";

const REQUESTS = Number(process.env.BENCH_PAGE_REQUESTS ?? 200);
const INTAKE_CONCURRENCY = 16;
const WARMUP_MS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2) * 1000;
const PHASE_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const ROUNDS = Number(process.env.BENCH_APP_ROUNDS ?? 2);
const SLICE_MS = 1000; // the intake and its references take turns at this granularity
const SLICE_RAMP_MS = 200; // each slice's clients run this long before counting starts
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(" "); // printed: other work on this machine moves every figure
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashx-page-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const token = `dpt_${randomBytes(24).toString("base64url")}`;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...(process.env.BENCH_APP_PROFILE && { NODE_OPTIONS: `--require ${path.resolve("scripts/bench/cpu-profile.cjs")}`, BENCH_APP_PROFILE: path.resolve(process.env.BENCH_APP_PROFILE) }), PLATFORM_API_TOKEN: token, PORT: String(port), HOST: "127.0.0.1", NEXTAUTH_URL: base, DATABASE_URL: `file:${path.join(dir, "page.db")}`, WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" },
  });
  child.stdout?.resume();
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {}
    await Promise.race([exited, sleep(10_000)]); // a graceful exit is when --cpu-prof writes its profile
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      if (i > 600) throw new Error("the app did not start within 5 minutes");
      const up = await fetch(`${base}/login`).then((r) => r.ok, () => false);
      if (up) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const cookies = new Map<string, string>();
    const keep = (res: Response) => res.headers.getSetCookie().forEach((c) => { const [kv] = c.split(";"); const i = kv.indexOf("="); cookies.set(kv.slice(0, i), kv.slice(i + 1)); });
    const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const email = `page-bench-${Date.now()}@dashx.local`;
    const password = "page-bench-password";
    await fetch(`${base}/api/signup`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Page Bench", email, password }) });
    let res = await fetch(`${base}/api/auth/csrf`);
    keep(res);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    res = await fetch(`${base}/api/auth/callback/credentials`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() }, body: new URLSearchParams({ csrfToken, email, password, json: "true" }) });
    keep(res);
    for (let i = 0; i < 5; i++) {
      await fetch(`${base}/api/v1/webhooks`, { method: "POST", headers: { "content-type": "application/json", cookie: cookie(), origin: base }, body: JSON.stringify({ url: `https://example.com/hooks/${i}`, description: `Endpoint ${i}` }) });
    }
    const times: number[] = [];
    let html = "";
    for (let i = 0; i < REQUESTS + 10; i++) {
      const started = performance.now();
      const page = await fetch(`${base}/webhooks`, { headers: { cookie: cookie() } });
      html = await page.text();
      if (!page.ok || !html.includes("https://example.com/hooks/4")) throw new Error(`unexpected /webhooks response ${page.status}`);
      if (i >= 10) times.push(performance.now() - started); // the first requests warm up the server
    }
    times.sort((a, b) => a - b);
    const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
    let jsGzip = 0;
    for (const src of scripts) jsGzip += gzipSync(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer())).length;
    const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] * 10) / 10;
    console.log(`GET /webhooks (5 endpoints, signed in), ${REQUESTS} sequential requests: p50 ${pct(50)} ms, p99 ${pct(99)} ms (full HTTP round trip on loopback)`);
    console.log(`first-load JavaScript: ${scripts.length} scripts, ${Math.round(jsGzip / 1024)} KiB gzipped`);

    // Intake beside the server's cheapest routes, same clients, same concurrency, a warm-up each, then a
    // fixed time each, taken in interleaved slices so drift on this shared machine hits all alike. Two unauthenticated API calls
    // answer 401: GET /api/v1/webhooks (withMerchant: next-auth looks for a session first) and POST
    // /api/v1/events without the platform token (Next's routing and our error path, nothing else). The
    // ratio is taken against the faster of the two.
    // The merchant's one endpoint points at a receiver in its own process; the server's worker delivers.
    const receiver = await forkReceiver();
    const list = (await (await fetch(`${base}/api/v1/webhooks`, { headers: { cookie: cookie() } })).json()) as { data: Array<{ id: string }> };
    for (const endpoint of list.data) await fetch(`${base}/api/v1/webhooks/${endpoint.id}`, { method: "DELETE", headers: { cookie: cookie(), origin: base } });
    await fetch(`${base}/api/v1/webhooks`, { method: "POST", headers: { "content-type": "application/json", cookie: cookie(), origin: base }, body: JSON.stringify({ url: receiver.url("/hook") }) });
    const { id: merchantId } = (await (await fetch(`${base}/api/v1/merchant`, { headers: { cookie: cookie() } })).json()) as { id: string };
    const agent = new Agent({ connections: INTAKE_CONCURRENCY });
    const eventBody = JSON.stringify({ merchantId, type: "checkout_session.expired", data: null });
    const calls = {
      webhooks401: () => request(`${base}/api/v1/webhooks`, { dispatcher: agent }),
      events401: () => request(`${base}/api/v1/events`, { method: "POST", dispatcher: agent, body: eventBody, headers: { "content-type": "application/json" } }),
      intake: () => request(`${base}/api/v1/events`, { method: "POST", dispatcher: agent, body: eventBody, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } }),
    };
    const expectedStatus = { webhooks401: 401, events401: 401, intake: 202 };
    // `name`'s clients in a closed loop for `ms`, counted after a short ramp (so the window sees steady state);
    // requests still in flight at the end are not counted, nor is the time they take to drain.
    const slice = async (name: keyof typeof calls, ms: number, rampMs = SLICE_RAMP_MS) => {
      let running = true;
      let done = 0;
      const clients = Array.from({ length: INTAKE_CONCURRENCY }, async () => {
        while (running) {
          const r = await calls[name]();
          await r.body.dump();
          if (r.statusCode !== expectedStatus[name]) throw new Error(`${name} answered ${r.statusCode}`);
          done++;
        }
      });
      await sleep(rampMs);
      const [d0, r0, t0] = [done, (await receiver.stats()).count, performance.now()];
      await sleep(ms);
      const [d1, r1, t1] = [done, (await receiver.stats()).count, performance.now()];
      running = false;
      await Promise.all(clients);
      return { done: d1 - d0, delivered: r1 - r0, secs: (t1 - t0) / 1000 };
    };
    const kinds = Object.keys(calls) as Array<keyof typeof calls>;
    for (const name of kinds) await slice(name, 0, WARMUP_MS); // warm-up: JIT, connections, caches
    // Each round measures every kind for PHASE_MS in SLICE_MS slices, interleaved (A B C A B C ...), so a
    // build starting on this shared machine halfway through hits all three alike.
    type Totals = Record<keyof typeof calls, { done: number; secs: number }> & { delivered: number };
    const rounds: Totals[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const totals = { webhooks401: { done: 0, secs: 0 }, events401: { done: 0, secs: 0 }, intake: { done: 0, secs: 0 }, delivered: 0 } as Totals;
      for (let n = 0; n < Math.max(1, Math.round(PHASE_MS / SLICE_MS)); n++) {
        for (const name of kinds) {
          const r = await slice(name, SLICE_MS);
          totals[name].done += r.done;
          totals[name].secs += r.secs;
          if (name === "intake") totals.delivered += r.delivered;
        }
      }
      rounds.push(totals);
    }
    const perSec = (t: Totals, name: keyof typeof calls) => t[name].done / t[name].secs;
    await agent.close();
    await receiver.close();
    const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
    const all = rounds.reduce(
      (sum, t) => {
        for (const name of kinds) {
          sum[name].done += t[name].done;
          sum[name].secs += t[name].secs;
        }
        sum.delivered += t.delivered;
        return sum;
      },
      { webhooks401: { done: 0, secs: 0 }, events401: { done: 0, secs: 0 }, intake: { done: 0, secs: 0 }, delivered: 0 } as Totals,
    );
    const cheapest = (t: Totals) => Math.max(perSec(t, "webhooks401"), perSec(t, "events401"));
    const describe = (t: Totals) =>
      `GET /api/v1/webhooks → 401 ${round(perSec(t, "webhooks401"))} req/s, POST /api/v1/events without token → 401 ${round(perSec(t, "events401"))} req/s, intake (POST /api/v1/events → 202) ${round(perSec(t, "intake"))} events/s (delivered meanwhile ${round(t.delivered / t.intake.secs)}/s), ratio to the cheapest ${round(perSec(t, "intake") / cheapest(t), 3)}`;
    rounds.forEach((t, i) => console.log(`round ${i + 1}: ${describe(t)}`));
    console.log(`load average ${loadAtStart} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end`);
    console.log(`intake over HTTP, ${INTAKE_CONCURRENCY} concurrent clients each, ${WARMUP_MS / 1000} s warm-up each, then ${ROUNDS} × ${PHASE_MS / 1000} s each in interleaved ${SLICE_MS / 1000} s slices (the same server process delivers; ${os.cpus().length} cores shared with this load generator and the receiver): ${describe(all)}`);
    console.log(JSON.stringify({ renderP50Ms: pct(50), renderP99Ms: pct(99), firstLoadJsGzipKiB: Math.round(jsGzip / 1024), intakeAcceptedPerSec: round(perSec(all, "intake")), intakeDeliveredPerSec: round(all.delivered / all.intake.secs), cheapestRoutePerSec: round(cheapest(all)), webhooks401PerSec: round(perSec(all, "webhooks401")), events401PerSec: round(perSec(all, "events401")), intakeRatio: round(perSec(all, "intake") / cheapest(all), 3) }));
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
