// The bench's receiver as a child process (forkReceiver in receiver.ts starts it): its HTTP work runs
// on its own event loop and core, not the load generator's. Options arrive as argv[2] (JSON); commands
// and answers go over the IPC channel.
import { startReceiver, type ReceiverOptions } from "../../tests/support/receiver";
import type { ReceiverCommand, ReceiverReady, ReceiverReply } from "./receiver";

async function main() {
  const options = JSON.parse(process.argv[2] ?? "{}") as Omit<ReceiverOptions, "record">;
  const receiver = await startReceiver({ ...options, record: false });
  const answer = (seq: number, result: unknown) => process.send?.({ seq, result } satisfies ReceiverReply);
  process.on("message", (m: ReceiverCommand & { seq: number }) => {
    switch (m.op) {
      case "stats":
        return answer(m.seq, receiver.stats());
      case "arrivals": {
        const out: Record<string, number> = {};
        if (m.ids) for (const id of m.ids) { const at = receiver.arrivals.get(id); if (at !== undefined) out[id] = at; }
        else for (const [id, at] of receiver.arrivals) out[id] = at;
        return answer(m.seq, out);
      }
      case "respondOn":
        receiver.respondOn(m.prefix, { kind: m.mode });
        return answer(m.seq, null);
      case "clear":
        receiver.clear();
        return answer(m.seq, null);
    }
  });
  process.on("disconnect", () => process.exit(0)); // the bench went away: do not linger
  process.send?.({ ready: true, port: receiver.port, extraPorts: receiver.extraPorts } satisfies ReceiverReady);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
