// Bench receiver (a child process so its work does not share the bench's event loop): answers 200 to
// every POST and remembers when each webhook-id arrived; GET /receipts returns them.
import http from "node:http";

const receipts: Record<string, number> = {};
let count = 0;

const server = http.createServer((req, res) => {
  if (req.method === "GET") {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ count, receipts }));
    return;
  }
  req.resume();
  req.on("end", () => {
    const id = req.headers["webhook-id"];
    if (typeof id === "string") receipts[id] ??= performance.timeOrigin + performance.now();
    count++;
    res.end("ok");
  });
});
server.keepAliveTimeout = 10_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
