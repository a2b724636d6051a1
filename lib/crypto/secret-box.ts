// AES-256-GCM for webhook secrets at rest. Ciphertexts name their key version so keys can rotate.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

type Keyring = { current: number; keys: Map<number, Buffer> };

export function parseKeyring(spec: string): Keyring {
  const keys = new Map<number, Buffer>();
  let current: number | undefined;
  for (const part of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [version, b64] = part.split(":");
    const key = Buffer.from(b64 ?? "", "base64");
    const v = Number(version);
    if (!Number.isInteger(v) || v < 1 || key.length !== 32) {
      throw new Error("WEBHOOK_ENCRYPTION_KEYS entries must be <version>:<base64 of 32 bytes>");
    }
    keys.set(v, key);
    current ??= v;
  }
  if (current === undefined) throw new Error("WEBHOOK_ENCRYPTION_KEYS is empty");
  return { current, keys };
}

let ring: Keyring | undefined;
const keyring = () => (ring ??= parseKeyring(env().WEBHOOK_ENCRYPTION_KEYS));

export function encrypt(plaintext: string, kr: Keyring = keyring()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", kr.keys.get(kr.current)!, iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v" + kr.current, iv, cipher.getAuthTag(), ct].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decrypt(sealed: string, kr: Keyring = keyring()): string {
  const [version, iv, tag, ct] = sealed.split(".");
  const key = kr.keys.get(Number(version?.slice(1)));
  if (!key || !iv || !tag || ct === undefined) throw new Error("Unreadable ciphertext or unknown key version");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}
