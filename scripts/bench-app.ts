// `npm run bench:app`: the real app over HTTP. Starts scripts/start.ts on a temporary database and
// measures (1) how fast the /webhooks page renders for a signed-in merchant with 5 endpoints and how
// much JavaScript it ships, and (2) the platform intake: events/s accepted by POST /api/v1/events (and
// delivered meanwhile by the in-process worker to a local receiver) beside the same server's cheapest
// route, measured the same way in the same run. BENCH_APP_PROFILE=<dir> writes the server's CPU profile
// there (scripts/bench/cpu-profile.cjs, on its graceful exit). One final JSON line.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { Agent, request } from "undici";
import { forkReceiver } from "./bench/receiver";

const REQUESTS = Number(process.env.BENCH_PAGE_REQUESTS ?? 200);
const INTAKE_CONCURRENCY = 16;
const WARMUP_MS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2) * 1000;
const PHASE_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const ROUNDS = Number(process.env.BENCH_APP_ROUNDS ?? 3);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

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

    // Intake beside the server's cheapest routes, same clients, same concurrency, fixed-time phases after a
    // warm-up, alternating so drift on this shared machine hits all alike. Two unauthenticated API calls
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
    const phase = async (name: keyof typeof calls) => {
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
      await sleep(WARMUP_MS);
      const [d0, r0, t0] = [done, (await receiver.stats()).count, performance.now()];
      await sleep(PHASE_MS);
      const [d1, r1, t1] = [done, (await receiver.stats()).count, performance.now()];
      running = false;
      await Promise.all(clients);
      const secs = (t1 - t0) / 1000;
      return { perSec: (d1 - d0) / secs, deliveredPerSec: (r1 - r0) / secs };
    };
    const rounds: Array<{ webhooks401: number; events401: number; intake: number; delivered: number }> = [];
    for (let i = 0; i < ROUNDS; i++) {
      const webhooks401 = await phase("webhooks401");
      const events401 = await phase("events401");
      const intake = await phase("intake");
      rounds.push({ webhooks401: webhooks401.perSec, events401: events401.perSec, intake: intake.perSec, delivered: intake.deliveredPerSec });
    }
    await agent.close();
    await receiver.close();
    const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
    const mean = (k: keyof (typeof rounds)[number]) => rounds.reduce((sum, r) => sum + r[k], 0) / rounds.length;
    const cheapest = (r: { webhooks401: number; events401: number }) => Math.max(r.webhooks401, r.events401);
    rounds.forEach((r, i) =>
      console.log(`round ${i + 1}: GET /api/v1/webhooks → 401 ${round(r.webhooks401)} req/s, POST /api/v1/events without token → 401 ${round(r.events401)} req/s, intake (POST /api/v1/events → 202) ${round(r.intake)} events/s (delivered meanwhile ${round(r.delivered)}/s), ratio to the cheapest ${round(r.intake / cheapest(r), 3)}`),
    );
    const ratio = mean("intake") / cheapest({ webhooks401: mean("webhooks401"), events401: mean("events401") });
    console.log(`load average ${loadAtStart} at the start, ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} at the end`);
    console.log(`intake over HTTP, ${INTAKE_CONCURRENCY} concurrent clients, ${WARMUP_MS / 1000} s warm-up then ${PHASE_MS / 1000} s per phase, ${ROUNDS} rounds alternating (the same server process delivers; ${os.cpus().length} cores shared with this load generator and the receiver): intake ${round(mean("intake"))} events/s vs cheapest route ${round(cheapest({ webhooks401: mean("webhooks401"), events401: mean("events401") }))} req/s, ratio ${round(ratio, 3)}`);
    console.log(JSON.stringify({ renderP50Ms: pct(50), renderP99Ms: pct(99), firstLoadJsGzipKiB: Math.round(jsGzip / 1024), intakeAcceptedPerSec: round(mean("intake")), intakeDeliveredPerSec: round(mean("delivered")), cheapestRoutePerSec: round(cheapest({ webhooks401: mean("webhooks401"), events401: mean("events401") })), webhooks401PerSec: round(mean("webhooks401")), events401PerSec: round(mean("events401")), intakeRatio: round(ratio, 3) }));
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
