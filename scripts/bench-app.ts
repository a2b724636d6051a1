// `npm run bench:app`: the real app over HTTP. Starts scripts/start.ts on a temporary database and
// measures (1) how fast the /webhooks page renders for a signed-in merchant with 5 endpoints and how
// much JavaScript it ships, and (2) the platform intake: events/s accepted by POST /api/v1/events and
// delivered by the in-process worker to a local receiver, all on this one machine. One final JSON line.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const REQUESTS = Number(process.env.BENCH_PAGE_REQUESTS ?? 200);
const INTAKE_EVENTS = Number(process.env.BENCH_INTAKE_EVENTS ?? 2000);
const INTAKE_CONCURRENCY = 16;

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dashx-page-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const token = `dpt_${randomBytes(24).toString("base64url")}`;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, PLATFORM_API_TOKEN: token, PORT: String(port), HOST: "127.0.0.1", NEXTAUTH_URL: base, DATABASE_URL: `file:${path.join(dir, "page.db")}`, WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" },
  });
  child.stdout?.resume();
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {}
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

    // Intake: a second merchant with one endpoint on a local receiver; POST events over HTTP.
    let received = 0;
    const receiver = http.createServer((req, res) => req.resume().on("end", () => { received++; res.end("ok"); }));
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const hook = `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}/hook`;
    const list = (await (await fetch(`${base}/api/v1/webhooks`, { headers: { cookie: cookie() } })).json()) as { data: Array<{ id: string }> };
    for (const endpoint of list.data) await fetch(`${base}/api/v1/webhooks/${endpoint.id}`, { method: "DELETE", headers: { cookie: cookie(), origin: base } });
    await fetch(`${base}/api/v1/webhooks`, { method: "POST", headers: { "content-type": "application/json", cookie: cookie(), origin: base }, body: JSON.stringify({ url: hook }) });
    const { id: merchantId } = (await (await fetch(`${base}/api/v1/merchant`, { headers: { cookie: cookie() } })).json()) as { id: string };
    let sent = 0;
    const intakeStart = performance.now();
    await Promise.all(Array.from({ length: INTAKE_CONCURRENCY }, async () => {
      while (sent++ < INTAKE_EVENTS) {
        const r = await fetch(`${base}/api/v1/events`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ merchantId, type: "checkout_session.expired", data: null }) });
        if (r.status !== 202) throw new Error(`intake answered ${r.status}`);
        await r.arrayBuffer();
      }
    }));
    const acceptedSec = (performance.now() - intakeStart) / 1000;
    while (received < INTAKE_EVENTS) await new Promise((r) => setTimeout(r, 10));
    const deliveredSec = (performance.now() - intakeStart) / 1000;
    receiver.close();
    const round = (n: number) => Math.round(n * 10) / 10;
    console.log(`intake over HTTP: ${INTAKE_EVENTS} events, ${INTAKE_CONCURRENCY} concurrent clients: ${round(INTAKE_EVENTS / acceptedSec)} accepted/s, ${round(INTAKE_EVENTS / deliveredSec)} delivered/s (same server process delivers)`);
    console.log(JSON.stringify({ renderP50Ms: pct(50), renderP99Ms: pct(99), firstLoadJsGzipKiB: Math.round(jsGzip / 1024), intakeAcceptedPerSec: round(INTAKE_EVENTS / acceptedSec), intakeDeliveredPerSec: round(INTAKE_EVENTS / deliveredSec) }));
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
