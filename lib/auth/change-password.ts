import { invalidFields } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { raiseNotification } from "@/lib/notifications/raise";
import { consume } from "@/lib/security/rate-limit";
import type { ChangePasswordInput } from "@/lib/validation/auth";
import { hashPassword, verifyPassword } from "@/lib/crypto/password";
import { revokeAllSessions } from "./sessions";
import { endedSessionsSchema, type EndedSessions } from "./public-account";

/** Changes the password and ends every other session (the one making the change stays signed in). */
export async function changePassword(merchantId: string, currentSessionId: string, input: ChangePasswordInput, actor: Actor): Promise<EndedSessions> {
  await consume("account", merchantId);
  const merchant = await db.merchant.findUniqueOrThrow({ where: { id: merchantId }, select: { passwordHash: true } });
  if (!(await verifyPassword(input.currentPassword, merchant.passwordHash))) {
    throw invalidFields({ currentPassword: "That password is not correct" });
  }
  const passwordHash = await hashPassword(input.newPassword);
  // The security notice (inbox + email, never switched off) commits with the change.
  await db.$transaction([
    db.merchant.update({ where: { id: merchantId }, data: { passwordHash } }),
    raiseNotification(merchantId, "account.password_changed", { actor }),
  ]);
  const endedSessions = await revokeAllSessions(merchantId, currentSessionId);
  await recordAudit({ merchantId, actor, action: "account.password_changed", detail: { endedSessions } });
  return endedSessionsSchema.parse({ endedSessions });
}
