import { createHmac } from "node:crypto";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateSecret, signatureHeader } from "./signing";

const nowSec = () => Math.floor(Date.now() / 1000);
const body = JSON.stringify({ id: "5f0b7c9e-2f7a-4c1e-9d8a-1b2c3d4e5f60", type: "checkout_session.completed", amount: "25.00" });
const id = "5f0b7c9e-2f7a-4c1e-9d8a-1b2c3d4e5f60";

function headers(signature: string, ts = nowSec(), msgId = id) {
  return { "webhook-id": msgId, "webhook-timestamp": String(ts), "webhook-signature": signature };
}

describe("generateSecret", () => {
  it("is whsec_ + base64 of 24 random bytes", () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(24);
  });

  it("never repeats", () => {
    const secrets = new Set(Array.from({ length: 200 }, generateSecret));
    expect(secrets.size).toBe(200);
  });

  it("is accepted by the standardwebhooks library", () => {
    expect(() => new Webhook(generateSecret())).not.toThrow();
  });
});

describe("signatureHeader", () => {
  it("verifies with standardwebhooks", () => {
    const secret = generateSecret();
    const ts = nowSec();
    const header = signatureHeader([secret], id, ts, body);
    expect(header).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers(header, ts))).toEqual(JSON.parse(body));
  });

  it("is HMAC-SHA256 over `${id}.${timestamp}.${body}` keyed with the decoded secret", () => {
    const secret = generateSecret();
    const key = Buffer.from(secret.slice(6), "base64");
    const expected = createHmac("sha256", key).update(`${id}.1700000000.${body}`).digest("base64");
    expect(signatureHeader([secret], id, 1700000000, body)).toBe(`v1,${expected}`);
  });

  it("equals what standardwebhooks signs", () => {
    const secret = generateSecret();
    const ts = 1700000000;
    expect(signatureHeader([secret], id, ts, body)).toBe(new Webhook(secret).sign(id, new Date(ts * 1000), body));
  });

  it("sends two space-separated signatures during rotation, each verifying alone", () => {
    const current = generateSecret();
    const previous = generateSecret();
    const ts = nowSec();
    const header = signatureHeader([current, previous], id, ts, body);
    const parts = header.split(" ");
    expect(parts).toHaveLength(2);
    for (const part of parts) expect(part).toMatch(/^v1,/);
    expect(() => new Webhook(current).verify(body, headers(header, ts))).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers(header, ts))).not.toThrow();
    expect(() => new Webhook(generateSecret()).verify(body, headers(header, ts))).toThrow(WebhookVerificationError);
  });

  it("fails verification for a tampered body, id or timestamp", () => {
    const secret = generateSecret();
    const ts = nowSec();
    const header = signatureHeader([secret], id, ts, body);
    const wh = new Webhook(secret);
    expect(() => wh.verify(body.replace("25.00", "2500.00"), headers(header, ts))).toThrow(WebhookVerificationError);
    expect(() => wh.verify(body + " ", headers(header, ts))).toThrow(WebhookVerificationError);
    expect(() => wh.verify(body, headers(header, ts, "another-id"))).toThrow(WebhookVerificationError);
    expect(() => wh.verify(body, headers(header, ts - 1))).toThrow(WebhookVerificationError);
  });

  it("fails verification with another secret", () => {
    const ts = nowSec();
    const header = signatureHeader([generateSecret()], id, ts, body);
    expect(() => new Webhook(generateSecret()).verify(body, headers(header, ts))).toThrow(WebhookVerificationError);
  });

  it("is refused by verifiers once the timestamp is older than 5 minutes", () => {
    const secret = generateSecret();
    const ts = nowSec() - 6 * 60;
    const header = signatureHeader([secret], id, ts, body);
    expect(() => new Webhook(secret).verify(body, headers(header, ts))).toThrow(/too old/);
  });

  it("rejects secrets without the whsec_ prefix", () => {
    expect(() => signatureHeader(["c2VjcmV0"], id, nowSec(), body)).toThrow(/whsec_/);
  });
});
