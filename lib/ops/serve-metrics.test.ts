// GET /metrics's door, in the web route's function and over the standalone worker's HTTP port: absent
// without METRICS_TOKEN, 401 in the API's error shape without the right bearer token, text with it.
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { migratedTestDatabase } from "./test-db";

const database = migratedTestDatabase();
const TOKEN = "metrics-token-for-unit-tests";

// env() caches its result: each case loads fresh modules with its own METRICS_TOKEN.
async function load(token: string | undefined) {
  vi.resetModules();
  vi.stubEnv("METRICS_TOKEN", token);
  return { ...(await import("./serve-metrics")), ...(await import("./metrics-server")) };
}
const get = (authorization?: string) => new Request("http://test/metrics", { headers: authorization ? { authorization } : {} });

afterEach(() => vi.unstubAllEnvs());
afterAll(() => database.remove());

describe("serveMetrics", () => {
  it("answers 404 when METRICS_TOKEN is unset, whatever the request carries", async () => {
    const { serveMetrics } = await load(undefined);
    for (const res of [await serveMetrics(get()), await serveMetrics(get(`Bearer ${TOKEN}`))]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "not_found", message: "Not found" } });
    }
  });

  it("answers 401 in the API's error shape for a missing, wrong or non-bearer token", async () => {
    const { serveMetrics } = await load(TOKEN);
    for (const authorization of [undefined, "Bearer wrong-token-wrong-token", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, "Bearer "]) {
      const res = await serveMetrics(get(authorization));
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    }
  });

  it("answers the Prometheus text with the right token, uncached", async () => {
    const { serveMetrics } = await load(TOKEN);
    const res = await serveMetrics(get(`Bearer ${TOKEN}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toMatch(/^dashx_queue_depth\{state="due"\} 0$/m);
  });
});

describe("startMetricsServer (the standalone worker's port)", () => {
  it("serves the same door over HTTP, and 404 in the error shape for any other path", async () => {
    const { startMetricsServer } = await load(TOKEN);
    const { server, port } = await startMetricsServer(0, "127.0.0.1");
    try {
      const url = (p: string) => `http://127.0.0.1:${port}${p}`;
      expect((await fetch(url("/metrics"))).status).toBe(401);
      const ok = await fetch(url("/metrics"), { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("# TYPE dashx_attempts_total counter");
      const other = await fetch(url("/readyz"), { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(other.status).toBe(404);
      expect(await other.json()).toEqual({ error: { code: "not_found", message: "Not found" } });
      expect((await fetch(url("/metrics"), { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
