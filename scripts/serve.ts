// The production HTTP server: Next's request handler behind a plain node:http server, so the client
// address rate limits see is the socket's, not whatever `X-Forwarded-For` a client chose to send.
// Behind a reverse proxy set TRUST_PROXY=true: the proxy's X-Forwarded-For is kept (it must overwrite
// the client's), and the socket address is appended.
import http from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { onShutdown, SHUTDOWN_ORDER } from "@/lib/shutdown";

// HOST is this machine only unless set otherwise: the local default allows private webhook targets, so
// anyone who could reach the port and sign up could make the server call the internal network.
const { PORT: port, HOST: hostname, TRUST_PROXY: trustProxy } = env();

let closing = false;

async function main() {
  // --dev: `npm run dev` (scripts/start.ts --dev) serves the development build with hot reload.
  const app = next({ dev: process.argv.includes("--dev"), hostname, port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    const socketAddress = req.socket.remoteAddress ?? "unknown";
    const forwarded = req.headers["x-forwarded-for"];
    req.headers["x-forwarded-for"] = trustProxy && forwarded ? `${forwarded}, ${socketAddress}` : socketAddress;
    // Only a trusted proxy may say which host the browser asked for.
    if (!trustProxy) delete req.headers["x-forwarded-host"];
    // Shutting down: answer this request, then close its keep-alive connection so the client goes elsewhere.
    if (closing) res.setHeader("connection", "close");
    void handle(req, res);
  });
  server.listen(port, hostname, () => {
    const scope = hostname === "127.0.0.1" || hostname === "::1" || hostname === "localhost" ? "this machine only; set HOST=0.0.0.0 to listen on every interface" : "set HOST=127.0.0.1 for this machine only";
    console.log(`▲ DashX listening on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port} (${scope})`);
  });
  // SIGTERM (a deploy, a scale-down): stop accepting connections, let the requests in flight finish (an
  // accepted event is committed before its 202), close idle keep-alive sockets, and only then let the
  // in-process worker, if any, finish its attempts. Nothing that got an answer is lost.
  onShutdown("http server", SHUTDOWN_ORDER.http, () => {
    closing = true;
    return closeServer(server, SHUTDOWN_GRACE_MS);
  });
}

/** Requests still running after this are cut (their clients see a reset and retry; nothing was acknowledged). */
const SHUTDOWN_GRACE_MS = 10_000;

function closeServer(server: http.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, graceMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
