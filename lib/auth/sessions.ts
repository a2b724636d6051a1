// Dashboard sessions as database rows. The session JWT carries the row's id ("sid"); every request
// checks the row, so Log out, Sign out of all sessions and Change password take effect on the very
// next request on every app instance (state in the database, never process memory).
import { db } from "@/lib/db/client";

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;
// lastSeenAt is for the Settings list ("last seen 5 minutes ago"): a write per request would cost every
// request a write, so it moves at most once a minute.
const LAST_SEEN_EVERY_MS = 60_000;

/** Where a sign-in came from, as the Settings session list shows it. */
export type SessionOrigin = { userAgent: string | null; ip: string | null };

export async function createSession(merchantId: string, origin: SessionOrigin = { userAgent: null, ip: null }): Promise<string> {
  // Rows past their expiry refuse nothing any more (the JWT has expired too): drop them as we go.
  await db.authSession.deleteMany({ where: { merchantId, expiresAt: { lt: new Date() } } });
  const now = new Date();
  const row = await db.authSession.create({
    data: { merchantId, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000), userAgent: origin.userAgent, ip: origin.ip, lastSeenAt: now },
  });
  return row.id;
}

const active = (now: Date) => ({ revokedAt: null, expiresAt: { gt: now } });

export async function isSessionActive(merchantId: string, sessionId: string): Promise<boolean> {
  const now = new Date();
  const row = await db.authSession.findFirst({ where: { id: sessionId, merchantId, ...active(now) }, select: { lastSeenAt: true } });
  if (row === null) return false;
  if (row.lastSeenAt === null || now.getTime() - row.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
    await db.authSession.updateMany({ where: { id: sessionId, merchantId }, data: { lastSeenAt: now } });
  }
  return true;
}

/** The merchant's sessions still signed in (not revoked, not expired), most recently used first. */
export async function activeSessions(merchantId: string) {
  return db.authSession.findMany({
    where: { merchantId, ...active(new Date()) },
    select: { id: true, userAgent: true, ip: true, createdAt: true, lastSeenAt: true },
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
  });
}

export async function revokeSession(sessionId: string): Promise<void> {
  await db.authSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** Revokes one active session of this merchant; false when it has none by that id (another merchant's, ended, unknown). */
export async function revokeMerchantSession(merchantId: string, sessionId: string): Promise<boolean> {
  const now = new Date();
  const result = await db.authSession.updateMany({ where: { id: sessionId, merchantId, ...active(now) }, data: { revokedAt: now } });
  return result.count === 1;
}

/** Revokes every session of the merchant, except `keep` (the one changing the password). */
export async function revokeAllSessions(merchantId: string, keep?: string): Promise<number> {
  const result = await db.authSession.updateMany({
    where: { merchantId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: new Date() },
  });
  return result.count;
}
