// Merchant API keys: `dsk_` + 32 random bytes (greppable if leaked). Only a SHA-256 is stored:
// with that much entropy a fast hash is as safe as a slow one, and lookups stay one index probe.
import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "dsk_";
export const generateApiKey = () => API_KEY_PREFIX + randomBytes(32).toString("base64url");
export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");
/** The part shown in lists and the audit trail: enough to tell keys apart, useless as a credential. */
export const apiKeyPrefix = (key: string) => key.slice(0, 12);
