// The public Merchant shape (GET /api/v1/merchant, the session): whitelisted fields only, never the password hash.
import { z } from "zod";

export const publicMerchantSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type PublicMerchant = z.infer<typeof publicMerchantSchema>;

export const publicMerchantSelect = { id: true, name: true, email: true } as const;
