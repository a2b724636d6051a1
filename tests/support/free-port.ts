// A loopback port nothing listens on right now (bound, then released): for a server a test or bench starts
// itself, or for a URL that must refuse connections.
import net, { type AddressInfo } from "node:net";

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
