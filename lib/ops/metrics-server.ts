// A standalone worker (`npm run worker`) has no web server: with WORKER_METRICS_PORT set it answers
// GET /metrics (same token rule, same figures as the web server's) on HOST, this machine by default.
// Prometheus scrapes each process on its own: counters are per process, database gauges are shared.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, handleApiError } from "@/lib/api/errors";
import { serveMetrics } from "./serve-metrics";

function respond(req: http.IncomingMessage): Promise<Response> {
  const url = new URL(req.url ?? "/", "http://worker");
  if (req.method !== "GET" || url.pathname !== "/metrics") return Promise.resolve(handleApiError(new ApiError("not_found", "Not found")));
  const headers = new Headers();
  if (req.headers.authorization) headers.set("authorization", req.headers.authorization);
  return serveMetrics(new Request(`http://worker${url.pathname}`, { headers }));
}

async function answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const response = await respond(req).catch(handleApiError);
  const body = await response.text();
  res.writeHead(response.status, Object.fromEntries(response.headers)).end(body);
}

/** Listens on host:port; resolves once listening, with the bound port (0 picks a free one). */
export function startMetricsServer(port: number, host: string): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      console.error("[metrics] could not answer", error instanceof Error ? error.message : error);
      res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}
