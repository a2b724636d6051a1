import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { endedSessionsSchema, type EndedSessions } from "./public-account";
import { revokeAllSessions } from "./sessions";

/** Ends every session of the merchant, the caller's included. */
export async function signOutEverywhere(merchantId: string, actor: Actor): Promise<EndedSessions> {
  const endedSessions = await revokeAllSessions(merchantId);
  await recordAudit({ merchantId, actor, action: "account.sessions_revoked", detail: { endedSessions } });
  return endedSessionsSchema.parse({ endedSessions });
}
