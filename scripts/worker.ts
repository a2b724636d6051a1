// `npm run worker`: a standalone delivery worker process (run as many as you like beside the server;
// start the server with WEBHOOK_WORKER_IN_PROCESS=false to keep delivery out of the web process).
import { loadLocalEnv } from "./local-env";
import { redactUrl } from "./redact-url";

loadLocalEnv();

async function main() {
  const { DeliveryWorker } = await import("@/lib/delivery/worker");
  // No web server here: WORKER_METRICS_PORT gives Prometheus this process's /metrics (lib/ops). Bound
  // before the worker starts, so a port already in use stops the process before it claims anything.
  const { env } = await import("@/lib/env");
  const { WORKER_METRICS_PORT: metricsPort, HOST: host, DATABASE_URL } = env();
  const metrics = metricsPort === undefined ? undefined : await (await import("@/lib/ops/metrics-server")).startMetricsServer(metricsPort, host);
  if (metrics) console.log(`[worker] metrics on http://${host.includes(":") ? `[${host}]` : host}:${metrics.port}/metrics`);
  const worker = new DeliveryWorker();
  // The worker's poll timer is unref'd (it must not keep a web server alive); this process exists only
  // to deliver, so hold it open until a signal, or it would exit the first time the queue is empty.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  // Registered before the worker starts, so a signal while it starts is a graceful stop, not a kill.
  const { onShutdown, SHUTDOWN_ORDER } = await import("@/lib/shutdown");
  const { stopWorker } = await import("@/lib/delivery/run-worker");
  onShutdown("metrics server", SHUTDOWN_ORDER.http, async () => void metrics?.server.close());
  onShutdown("delivery worker", SHUTDOWN_ORDER.worker, async () => {
    await stopWorker(worker);
    clearInterval(keepAlive);
  });
  await worker.start();
  // Notifications (email outbox, operational webhook) are dispatched by the worker processes.
  (await import("@/lib/notifications/run-dispatcher")).startDispatcherInProcess({ force: true });
  console.log(`[worker] ${worker.id} delivering from ${redactUrl(DATABASE_URL)}`);
}

void main();
