import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { raiseNotification } from "@/lib/notifications/raise";
import { endedSessionsSchema, type EndedSessions } from "./public-account";
import { revokeAllSessions } from "./sessions";

/** Ends every session of the merchant, the caller's included. */
export async function signOutEverywhere(merchantId: string, actor: Actor): Promise<EndedSessions> {
  const endedSessions = await revokeAllSessions(merchantId);
  // After the revocation (sessions.ts owns its own writes): the notice tells of a change that happened.
  await raiseNotification(merchantId, "account.sessions_revoked", { actor });
  await recordAudit({ merchantId, actor, action: "account.sessions_revoked", detail: { endedSessions } });
  return endedSessionsSchema.parse({ endedSessions });
}
