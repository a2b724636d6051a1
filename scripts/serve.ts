// The production HTTP server: Next's request handler behind a plain node:http server, so the client
// address rate limits see is the socket's, not whatever `X-Forwarded-For` a client chose to send.
// Behind a reverse proxy set TRUST_PROXY=true: the proxy's X-Forwarded-For is kept (it must overwrite
// the client's), and the socket address is appended.
import http from "node:http";
import next from "next";

const port = Number(process.env.PORT || 3000);
// This machine only unless HOST says otherwise: the local default allows private webhook targets, so
// anyone who could reach the port and sign up could make the server call the internal network.
const hostname = process.env.HOST || "127.0.0.1";
const trustProxy = process.env.TRUST_PROXY === "true";

async function main() {
  // DASHX_NEXT_DEV: `npm run dev` (scripts/start.ts --dev) serves the development build with hot reload.
  const app = next({ dev: process.env.DASHX_NEXT_DEV === "true", hostname, port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    const socketAddress = req.socket.remoteAddress ?? "unknown";
    const forwarded = req.headers["x-forwarded-for"];
    req.headers["x-forwarded-for"] = trustProxy && forwarded ? `${forwarded}, ${socketAddress}` : socketAddress;
    // Only a trusted proxy may say which host the browser asked for.
    if (!trustProxy) delete req.headers["x-forwarded-host"];
    void handle(req, res);
  });
  server.listen(port, hostname, () => {
    const scope = hostname === "127.0.0.1" || hostname === "::1" || hostname === "localhost" ? "this machine only; set HOST=0.0.0.0 to listen on every interface" : "set HOST=127.0.0.1 for this machine only";
    console.log(`▲ DashX listening on http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port} (${scope})`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
