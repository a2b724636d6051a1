// Dashboard sessions as database rows. The session JWT carries the row's id ("sid"); every request
// checks the row, so Log out, Sign out of all sessions and Change password take effect on the very
// next request on every app instance (state in the database, never process memory).
import { db } from "@/lib/db/client";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

export async function createSession(merchantId: string): Promise<string> {
  // Rows past their expiry refuse nothing any more (the JWT has expired too): drop them as we go.
  await db.authSession.deleteMany({ where: { merchantId, expiresAt: { lt: new Date() } } });
  const row = await db.authSession.create({ data: { merchantId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) } });
  return row.id;
}

export async function isSessionActive(merchantId: string, sessionId: string): Promise<boolean> {
  const row = await db.authSession.findFirst({ where: { id: sessionId, merchantId, revokedAt: null, expiresAt: { gt: new Date() } }, select: { id: true } });
  return row !== null;
}

export async function revokeSession(sessionId: string): Promise<void> {
  await db.authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Revokes every session of the merchant, except `keep` (the one changing the password). */
export async function revokeAllSessions(merchantId: string, keep?: string): Promise<number> {
  const result = await db.authSession.updateMany({
    where: { merchantId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: new Date() },
  });
  return result.count;
}
