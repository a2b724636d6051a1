import { deviceLabel } from "./device-label";
import { publicSessionListSchema, type PublicSessionList } from "./public-session";
import { activeSessions } from "./sessions";

/** The merchant's active sessions, `currentId` (the caller's) marked. */
export async function listSessions(merchantId: string, currentId: string | null): Promise<PublicSessionList> {
  const rows = await activeSessions(merchantId);
  return publicSessionListSchema.parse({
    data: rows.map((r) => ({
      id: r.id,
      device: deviceLabel(r.userAgent),
      ip: r.ip,
      createdAt: r.createdAt.toISOString(),
      lastSeenAt: r.lastSeenAt?.toISOString() ?? null,
      current: r.id === currentId,
    })),
  });
}
