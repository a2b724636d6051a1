import { invalidFields } from "@/lib/api/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
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
  await db.merchant.update({ where: { id: merchantId }, data: { passwordHash: await hashPassword(input.newPassword) } });
  const endedSessions = await revokeAllSessions(merchantId, currentSessionId);
  await recordAudit({ merchantId, actor, action: "account.password_changed", detail: { endedSessions } });
  return endedSessionsSchema.parse({ endedSessions });
}
