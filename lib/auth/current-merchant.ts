import { getServerSession } from "next-auth";
import { cache } from "react";
import { getMerchant } from "@/lib/merchants/get-merchant";
import type { PublicMerchant } from "@/lib/merchants/public-merchant";
import { authOptions } from "./options";
import { isSessionActive } from "./sessions";

export type CurrentSession = { merchant: PublicMerchant; sessionId: string };

/**
 * The logged-in merchant and its session row from the session cookie, or null: also when the session
 * was revoked (Log out, Sign out of all sessions, Change password elsewhere), when the JWT predates
 * session rows, or when the account no longer exists. Memoised per request.
 */
export const currentSession = cache(async (): Promise<CurrentSession | null> => {
  const session = (await getServerSession(authOptions())) as { merchantId?: unknown; sessionId?: unknown } | null;
  const { merchantId, sessionId } = session ?? {};
  if (typeof merchantId !== "string" || typeof sessionId !== "string") return null;
  if (!(await isSessionActive(merchantId, sessionId))) return null;
  const merchant = await getMerchant(merchantId);
  return merchant && { merchant, sessionId };
});

/** The logged-in merchant, or null (see currentSession). */
export const currentMerchant = cache(async (): Promise<PublicMerchant | null> => (await currentSession())?.merchant ?? null);
