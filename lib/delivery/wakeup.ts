// In-process signal from publishers to the worker so fresh deliveries go out without waiting for a poll.
import { EventEmitter } from "node:events";

const globalForWakeup = globalThis as unknown as { dashxWakeup?: EventEmitter };
const emitter = (globalForWakeup.dashxWakeup ??= new EventEmitter());

export const notifyNewDeliveries = () => emitter.emit("wake");
export function onNewDeliveries(listener: () => void): () => void {
  emitter.on("wake", listener);
  return () => emitter.off("wake", listener);
}
