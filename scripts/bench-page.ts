// `npm run bench:page`: how fast the /webhooks page renders on the server and how much JavaScript it
// ships. Starts the real app (scripts/start.ts) on a temporary database, signs in a merchant with 5
// endpoints, then times sequential GET /webhooks requests and sums the gzipped size of every script
// the page loads. Prints one final JSON line.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const REQUESTS = Number(process.env.BENCH_PAGE_REQUESTS ?? 200);

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
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NEXTAUTH_URL: base, DATABASE_URL: `file:${path.join(dir, "page.db")}`, WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" },
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
    console.log(JSON.stringify({ renderP50Ms: pct(50), renderP99Ms: pct(99), firstLoadJsGzipKiB: Math.round(jsGzip / 1024), scripts: scripts.length }));
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
