// SSRF guard: which addresses a webhook may reach. Addresses are parsed with ipaddr.js (never string
// matching) and every resolved address is checked at send time, then pinned for the connection.
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";

export class BlockedTargetError extends Error {
  readonly code = "EBLOCKED";
  constructor(readonly address: string, readonly range: string) {
    // Never names the address or its range: a merchant could map internal DNS through the messages.
    super("Refused to connect: the target host is not an allowed destination (webhooks go to public internet addresses only)");
  }
}

export type GuardOptions = { allowPrivate: boolean; allowedCidrs: string[] };

type Parsed = ipaddr.IPv4 | ipaddr.IPv6;

/** Unwraps IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) so the IPv4 rules apply. */
function embeddedIPv4(addr: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const range = addr.range();
  const bytes = addr.toByteArray();
  if (range === "ipv4Mapped" || range === "rfc6145" || range === "rfc6052") {
    return ipaddr.fromByteArray(bytes.slice(12)) as ipaddr.IPv4;
  }
  if (range === "6to4") return ipaddr.fromByteArray(bytes.slice(2, 6)) as ipaddr.IPv4;
  // Deprecated IPv4-compatible form ::a.b.c.d (first 96 bits zero, other than :: and ::1 themselves).
  if (bytes.slice(0, 12).every((b) => b === 0) && range !== "unspecified" && range !== "loopback") {
    return ipaddr.fromByteArray(bytes.slice(12)) as ipaddr.IPv4;
  }
  return undefined;
}

/** The named range of an address ("unicast" means public). Unparseable input is "invalid". */
export function addressRange(ip: string): string {
  if (!ipaddr.isValid(ip)) return "invalid";
  let addr: Parsed = ipaddr.parse(ip);
  if (addr.kind() === "ipv6") {
    const inner = embeddedIPv4(addr as ipaddr.IPv6);
    if (inner) addr = inner;
  }
  return addr.range();
}

function inAllowList(ip: string, cidrs: string[]): boolean {
  if (cidrs.length === 0 || !ipaddr.isValid(ip)) return false;
  const addr = ipaddr.process(ip);
  return cidrs.some((cidr) => {
    const [net, bits] = ipaddr.parseCIDR(cidr);
    return net.kind() === addr.kind() && addr.match([net, bits] as [Parsed, number]);
  });
}

/** Throws BlockedTargetError unless the address may be contacted. */
export function assertAddressAllowed(ip: string, options: GuardOptions): void {
  if (options.allowPrivate || inAllowList(ip, options.allowedCidrs)) return;
  const range = addressRange(ip);
  if (range !== "unicast") throw new BlockedTargetError(ip, range === "invalid" ? "malformed" : range);
}

/** The bare IP if the URL's host is an IP literal (WHATWG already normalised `127.1`, `0x7f.1`, ...). */
export function ipLiteralHost(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return ipaddr.isValid(host) ? host : undefined;
}

/** A dns lookup for undici's connector that resolves every address, refuses if any is blocked, pins the first. */
export function guardedLookup(options: GuardOptions): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dns.lookup(hostname, { all: true, family: lookupOptions.family, hints: lookupOptions.hints }, (err, addresses) => {
      if (err) return callback(err, "", 0);
      try {
        if (addresses.length === 0) throw Object.assign(new Error(`No address for ${hostname}`), { code: "ENOTFOUND" });
        for (const a of addresses) assertAddressAllowed(a.address, options);
      } catch (error) {
        return callback(error as NodeJS.ErrnoException, "", 0);
      }
      const pinned = addresses[0];
      if (lookupOptions.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [pinned]);
      callback(null, pinned.address, pinned.family);
    });
  };
}

/** Resolves a hostname at creation time and checks every address (a clear error early, the send-time check still runs). */
export async function assertHostAllowed(url: URL, options: GuardOptions): Promise<void> {
  if (options.allowPrivate) return;
  const literal = ipLiteralHost(url);
  if (literal) return assertAddressAllowed(literal, options);
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(url.hostname, { all: true });
  } catch {
    return; // an unresolvable name is not a private one; the send reports the DNS failure
  }
  for (const a of addresses) assertAddressAllowed(a.address, options);
}
