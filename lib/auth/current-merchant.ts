import { getServerSession } from "next-auth";
import { cache } from "react";
import { getMerchant, type PublicMerchant } from "@/lib/merchants/signup";
import { authOptions } from "./options";

/**
 * The logged-in merchant from the session cookie, or null (also when the account no longer exists).
 * Memoised per request: the dashboard layout and its page both ask, the database is read once.
 */
export const currentMerchant = cache(async (): Promise<PublicMerchant | null> => {
  const session = (await getServerSession(authOptions())) as { merchantId?: unknown } | null;
  const id = session?.merchantId;
  return typeof id === "string" ? getMerchant(id) : null;
});
