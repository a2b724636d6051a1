import { randomBytes } from "node:crypto";
import { errors } from "undici";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { classifyError, USER_AGENT } from "./send";
import { BlockedTargetError } from "./ssrf";

beforeAll(() => {
  // classifyError reads the timeout for its message; env() needs the two required secrets.
  vi.stubEnv("AUTH_SECRET", randomBytes(32).toString("base64url"));
  vi.stubEnv("WEBHOOK_ENCRYPTION_KEYS", `1:${randomBytes(32).toString("base64")}`);
  vi.stubEnv("WEBHOOK_TIMEOUT_MS", "10000");
});

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });
/** How fetch-style callers wrap socket errors: TypeError("fetch failed", { cause }). */
const wrapped = (cause: unknown) => new TypeError("fetch failed", { cause });

describe("classifyError", () => {
  it.each<[string, unknown]>([
    ["AbortSignal.timeout", (() => {
      const e = new DOMException("The operation was aborted due to timeout", "TimeoutError");
      return e;
    })()],
    ["an AbortError by name", Object.assign(new Error("aborted"), { name: "AbortError" })],
    ["undici headers timeout", new errors.HeadersTimeoutError("Headers Timeout Error")],
    ["undici body timeout", new errors.BodyTimeoutError("Body Timeout Error")],
    ["undici connect timeout", new errors.ConnectTimeoutError("Connect Timeout Error")],
    ["ETIMEDOUT", withCode("ETIMEDOUT")],
    ["a wrapped ETIMEDOUT", wrapped(withCode("ETIMEDOUT"))],
  ])("timeout: %s", (_, error) => {
    expect(classifyError(error)).toEqual({ kind: "timeout", message: "No response within 10 s" });
  });

  it.each([withCode("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:9"), wrapped(withCode("ECONNREFUSED"))])(
    "connection_refused: %s",
    (error) => {
      expect(classifyError(error)).toEqual({ kind: "connection_refused", message: "Connection refused: nothing is listening at that address" });
    },
  );

  it.each([withCode("ENOTFOUND", "getaddrinfo ENOTFOUND nope.invalid"), withCode("EAI_AGAIN"), wrapped(withCode("ENOTFOUND"))])(
    "dns: %s",
    (error) => {
      expect(classifyError(error)).toEqual({ kind: "dns", message: "The host name could not be resolved" });
    },
  );

  it.each([
    "CERT_HAS_EXPIRED",
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "ERR_TLS_CERT_ALTNAME_INVALID",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "INVALID_CA",
    "HOSTNAME_MISMATCH",
    "CERT_REVOKED",
    "ERR_SSL_WRONG_VERSION_NUMBER",
  ])("tls: %s", (code) => {
    const result = classifyError(wrapped(withCode(code)));
    expect(result.kind).toBe("tls");
    expect(result.message).toBe(`TLS handshake failed (${code})`);
  });

  it("blocked: a BlockedTargetError, thrown directly or as the cause", () => {
    const blocked = new BlockedTargetError("10.0.0.1", "private");
    expect(classifyError(blocked)).toEqual({ kind: "blocked", message: blocked.message });
    expect(classifyError(wrapped(blocked))).toEqual({ kind: "blocked", message: blocked.message });
    expect(classifyError(withCode("EBLOCKED", "Refused to connect"))).toEqual({ kind: "blocked", message: "Refused to connect" });
  });

  it("anything else is network, with the code in the message", () => {
    expect(classifyError(withCode("ECONNRESET", "socket hang up"))).toEqual({ kind: "network", message: "ECONNRESET: socket hang up" });
    expect(classifyError(new errors.SocketError("other side closed"))).toEqual({
      kind: "network",
      message: "UND_ERR_SOCKET: other side closed",
    });
    expect(classifyError(new Error("boom"))).toEqual({ kind: "network", message: "Error: boom" });
    expect(classifyError("a string")).toEqual({ kind: "network", message: "a string" });
    expect(classifyError(undefined).kind).toBe("network");
  });
});

describe("USER_AGENT", () => {
  it("names the product", () => {
    expect(USER_AGENT).toMatch(/^DashX-Webhooks\/\d/);
  });
});
