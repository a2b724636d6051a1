import { notFound } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { revokeMerchantSession } from "./sessions";

/** Signs one session of the merchant out (the caller's own included); another merchant's or an ended one is a 404. */
export async function signOutSession(merchantId: string, sessionId: string, actor: Actor): Promise<void> {
  if (!(await revokeMerchantSession(merchantId, sessionId))) throw notFound("Session");
  await recordAudit({ merchantId, actor, action: "account.session_revoked", detail: { sessionId } });
}
