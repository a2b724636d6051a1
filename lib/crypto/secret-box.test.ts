import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decrypt, encrypt, parseKeyring } from "./secret-box";

const key = () => randomBytes(32).toString("base64");
const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

describe("parseKeyring", () => {
  it("takes the first entry as the encrypting key and keeps all for decryption", () => {
    const ring = parseKeyring(`2:${key()}, 1:${key()}`);
    expect(ring.current).toBe(2);
    expect([...ring.keys.keys()].sort()).toEqual([1, 2]);
  });

  it.each([
    ["", /empty/],
    ["1:" + randomBytes(16).toString("base64"), /32 bytes/],
    ["x:" + randomBytes(32).toString("base64"), /version/],
    ["0:" + randomBytes(32).toString("base64"), /version/],
    ["1", /32 bytes/],
  ])("refuses %j", (spec, message) => {
    expect(() => parseKeyring(spec)).toThrow(message);
  });
});

describe("encrypt / decrypt", () => {
  const ring = parseKeyring(`1:${key()}`);

  it("round-trips", () => {
    expect(decrypt(encrypt(secret, ring), ring)).toBe(secret);
    expect(decrypt(encrypt("", ring), ring)).toBe("");
    expect(decrypt(encrypt("ünïcødé ✓", ring), ring)).toBe("ünïcødé ✓");
  });

  it("names the key version and never contains the plaintext", () => {
    const sealed = encrypt(secret, ring);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(secret);
    expect(sealed).not.toContain(secret.slice(6));
  });

  it("uses a fresh random nonce each time", () => {
    const a = encrypt(secret, ring);
    const b = encrypt(secret, ring);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(Buffer.from(a.split(".")[1], "base64url")).toHaveLength(12);
  });

  it("fails on any tampering (ciphertext, nonce or tag)", () => {
    const sealed = encrypt(secret, ring);
    const [v, iv, tag, ct] = sealed.split(".");
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, "base64url");
      buf[0] ^= 0x01;
      return buf.toString("base64url");
    };
    expect(() => decrypt([v, iv, tag, flip(ct)].join("."), ring)).toThrow();
    expect(() => decrypt([v, flip(iv), tag, ct].join("."), ring)).toThrow();
    expect(() => decrypt([v, iv, flip(tag), ct].join("."), ring)).toThrow();
    expect(() => decrypt([v, iv, tag].join("."), ring)).toThrow(/Unreadable/);
  });

  it("fails with the wrong key under the same version", () => {
    const other = parseKeyring(`1:${key()}`);
    expect(() => decrypt(encrypt(secret, ring), other)).toThrow();
  });

  it("decrypts old versions after a key rotation and encrypts with the new one", () => {
    const k1 = key();
    const old = parseKeyring(`1:${k1}`);
    const sealedWithV1 = encrypt(secret, old);
    const rotated = parseKeyring(`2:${key()},1:${k1}`);
    expect(decrypt(sealedWithV1, rotated)).toBe(secret);
    const sealedWithV2 = encrypt(secret, rotated);
    expect(sealedWithV2.startsWith("v2.")).toBe(true);
    expect(decrypt(sealedWithV2, rotated)).toBe(secret);
  });

  it("fails for an unknown key version", () => {
    const sealed = encrypt(secret, parseKeyring(`3:${key()}`));
    expect(() => decrypt(sealed, ring)).toThrow(/unknown key version/);
  });
});
