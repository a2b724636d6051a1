// For unit tests that open a database: env() refuses to start without the secrets, so a test process
// gets throwaway ones (a value the environment already sets wins).
import { randomBytes } from "node:crypto";

export function setTestSecrets(): void {
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
  process.env.WEBHOOK_ENCRYPTION_KEYS ??= `1:${randomBytes(32).toString("base64")}`;
}
