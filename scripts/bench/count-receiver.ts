// Bench receiver for bench:retention (a child process, so it does not share the bench's event loop):
// answers 200 to every POST and counts them; GET answers {"count"}.
import http from "node:http";

let count = 0;
const server = http.createServer((req, res) => {
  if (req.method === "GET") {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ count }));
    return;
  }
  req.resume();
  req.on("end", () => {
    count++;
    res.end("ok");
  });
});
server.keepAliveTimeout = 10_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
