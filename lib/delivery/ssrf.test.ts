// Classification only: no DNS, no sockets.
import { describe, expect, it } from "vitest";
import { addressRange, assertAddressAllowed, BlockedTargetError, ipLiteralHost, type GuardOptions } from "./ssrf";

const strict: GuardOptions = { allowPrivate: false, allowedCidrs: [] };

/** What the sender checks for a URL's host: the literal WHATWG URL parsing leaves behind. */
const literalOf = (url: string) => ipLiteralHost(new URL(url));

describe("ipLiteralHost after WHATWG URL normalisation", () => {
  it.each([
    ["http://127.0.0.1/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://0177.0.0.1/", "127.0.0.1"],
    ["http://0x7f000001/", "127.0.0.1"],
    ["http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"],
    ["http://[::1]:8080/", "::1"],
    ["http://0.0.0.0/", "0.0.0.0"],
    ["http://[::]/", "::"],
  ])("%s → %s", (url, literal) => {
    expect(new URL("http://127.1/").hostname).toBe("127.0.0.1");
    expect(literalOf(url)).toBe(literal);
  });

  it("is undefined for host names (those are checked after DNS resolution)", () => {
    expect(literalOf("https://example.com/hook")).toBeUndefined();
    expect(literalOf("https://localhost/hook")).toBeUndefined();
  });
});

// [address, expected range]: every one of these must be refused by default.
const blocked: [string, string][] = [
  // loopback, in every spelling a URL can produce
  ["127.0.0.1", "loopback"],
  [literalOf("http://127.1/")!, "loopback"],
  [literalOf("http://2130706433/")!, "loopback"],
  [literalOf("http://0x7f.1/")!, "loopback"],
  [literalOf("http://0177.0.0.1/")!, "loopback"],
  ["127.255.255.254", "loopback"],
  [literalOf("http://[::ffff:127.0.0.1]/")!, "loopback"],
  ["::ffff:127.0.0.1", "loopback"],
  ["::1", "loopback"],
  // RFC 1918
  ["10.0.0.1", "private"],
  ["10.255.255.255", "private"],
  ["172.16.0.1", "private"],
  ["172.31.255.255", "private"],
  ["192.168.0.1", "private"],
  ["192.168.255.255", "private"],
  ["::ffff:10.0.0.1", "private"],
  // cloud metadata and link-local
  ["169.254.169.254", "linkLocal"],
  ["fe80::1", "linkLocal"],
  ["febf:ffff::1", "linkLocal"],
  // carrier-grade NAT
  ["100.64.0.1", "carrierGradeNat"],
  ["100.127.255.255", "carrierGradeNat"],
  // unspecified ("this host")
  ["0.0.0.0", "unspecified"],
  ["0.1.2.3", "unspecified"],
  ["::", "unspecified"],
  // unique local
  ["fc00::1", "uniqueLocal"],
  ["fd12:3456:789a::1", "uniqueLocal"],
  // multicast and broadcast
  ["224.0.0.1", "multicast"],
  ["239.255.255.250", "multicast"],
  ["ff02::1", "multicast"],
  ["255.255.255.255", "broadcast"],
  // documentation and other reserved ranges
  ["192.0.2.1", "reserved"],
  ["198.51.100.7", "reserved"],
  ["203.0.113.9", "reserved"],
  ["2001:db8::1", "reserved"],
  ["198.18.0.1", "reserved"],
  ["240.0.0.1", "reserved"],
  // IPv6 forms that embed an IPv4 address: the IPv4 rules apply
  ["64:ff9b::7f00:1", "loopback"], // NAT64 of 127.0.0.1
  ["64:ff9b::a9fe:a9fe", "linkLocal"], // NAT64 of 169.254.169.254
  ["::127.0.0.1", "loopback"], // deprecated IPv4-compatible form
  ["::a9fe:a9fe", "linkLocal"], // IPv4-compatible 169.254.169.254
  ["2002:7f00:1::", "loopback"], // 6to4 of 127.0.0.1
  ["2002:c0a8:101::1", "private"], // 6to4 of 192.168.1.1
];

describe("addressRange / assertAddressAllowed: blocked by default", () => {
  it.each(blocked)("%s is %s", (ip, range) => {
    expect(addressRange(ip)).toBe(range);
    expect(() => assertAddressAllowed(ip, strict)).toThrow(BlockedTargetError);
  });

  it("keeps the address and its range on the error, but its message names neither (no internal DNS mapping)", () => {
    try {
      assertAddressAllowed("169.254.169.254", strict);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BlockedTargetError);
      const blockedError = error as BlockedTargetError;
      expect(blockedError.code).toBe("EBLOCKED");
      expect(blockedError.address).toBe("169.254.169.254");
      expect(blockedError.range).toBe("linkLocal");
      expect(blockedError.message).not.toMatch(/169\.254|linkLocal|link-local|private/i);
      expect(blockedError.message).toMatch(/not an allowed destination/);
    }
  });

  it("refuses unparseable input as malformed", () => {
    expect(addressRange("not-an-ip")).toBe("invalid");
    expect(addressRange("")).toBe("invalid");
    expect(() => assertAddressAllowed("example.com", strict)).toThrow(BlockedTargetError);
    try {
      assertAddressAllowed("example.com", strict);
    } catch (error) {
      expect((error as BlockedTargetError).range).toBe("malformed");
    }
  });
});

describe("public addresses", () => {
  it.each(["93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1", "2a00:1450:4001::200e", "::ffff:93.184.216.34", "64:ff9b::5db8:d822"])(
    "%s is allowed",
    (ip) => {
      expect(addressRange(ip)).toBe("unicast");
      expect(() => assertAddressAllowed(ip, strict)).not.toThrow();
    },
  );
});

describe("options", () => {
  it("allowPrivate lets everything through (local development)", () => {
    for (const [ip] of blocked) expect(() => assertAddressAllowed(ip, { allowPrivate: true, allowedCidrs: [] })).not.toThrow();
  });

  it("allowedCidrs opens exactly the listed networks", () => {
    const options: GuardOptions = { allowPrivate: false, allowedCidrs: ["10.20.0.0/16", "fd00:1::/32"] };
    expect(() => assertAddressAllowed("10.20.3.4", options)).not.toThrow();
    expect(() => assertAddressAllowed("::ffff:10.20.3.4", options)).not.toThrow();
    expect(() => assertAddressAllowed("fd00:1:2::3", options)).not.toThrow();
    expect(() => assertAddressAllowed("10.21.0.1", options)).toThrow(BlockedTargetError);
    expect(() => assertAddressAllowed("127.0.0.1", options)).toThrow(BlockedTargetError);
    expect(() => assertAddressAllowed("169.254.169.254", options)).toThrow(BlockedTargetError);
    expect(() => assertAddressAllowed("fd00:2::1", options)).toThrow(BlockedTargetError);
  });

  it("an IPv4 allow-list entry does not match IPv6 addresses and vice versa", () => {
    expect(() => assertAddressAllowed("::1", { allowPrivate: false, allowedCidrs: ["127.0.0.0/8"] })).toThrow(BlockedTargetError);
    expect(() => assertAddressAllowed("127.0.0.1", { allowPrivate: false, allowedCidrs: ["::1/128"] })).toThrow(BlockedTargetError);
  });
});
