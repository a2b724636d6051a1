import { env } from "@/lib/env";
import { DeliveryWorker } from "./worker";

const globalForWorker = globalThis as unknown as { dashxWorker?: DeliveryWorker };

/** Starts one worker for this process (unless disabled) and stops it gracefully on SIGTERM/SIGINT. */
export function startWorkerInProcess(): DeliveryWorker | undefined {
  if (env().WEBHOOK_WORKER_IN_PROCESS === "false" || globalForWorker.dashxWorker) return globalForWorker.dashxWorker;
  const worker = (globalForWorker.dashxWorker = new DeliveryWorker());
  void worker.start();
  // scripts/serve.ts installs no signal handlers of its own: these are the server's.
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      console.log(`[worker] ${signal}: finishing in-flight deliveries`);
      void worker.stop().finally(() => process.exit(0));
    });
  }
  return worker;
}
