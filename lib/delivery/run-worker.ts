import { env } from "@/lib/env";
import { onShutdown, SHUTDOWN_ORDER } from "@/lib/shutdown";
import { DeliveryWorker } from "./worker";

const globalForWorker = globalThis as unknown as { dashxWorker?: DeliveryWorker };

/** Starts one worker for this process (unless disabled); SIGTERM/SIGINT stops it gracefully (lib/shutdown.ts). */
export function startWorkerInProcess(): DeliveryWorker | undefined {
  if (env().WEBHOOK_WORKER_IN_PROCESS === "false" || globalForWorker.dashxWorker) return globalForWorker.dashxWorker;
  const worker = (globalForWorker.dashxWorker = new DeliveryWorker());
  void worker.start();
  onShutdown("delivery worker", SHUTDOWN_ORDER.worker, () => stopWorker(worker));
  return worker;
}

/** Finishes the attempts in flight, gives back the rest (the step every process type runs on SIGTERM). */
export async function stopWorker(worker: DeliveryWorker): Promise<void> {
  console.log("[worker] finishing in-flight deliveries");
  await worker.stop();
  console.log(`[worker] ${worker.id} stopped: nothing in flight, no lease held`);
}
