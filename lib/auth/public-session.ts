// The public shape of GET /api/v1/account/sessions: the merchant's signed-in browsers for Settings.
import { z } from "zod";

export const publicSessionSchema = z.object({
  id: z.string(),
  device: z.string(), // "Chrome on Linux", from the User-Agent at sign-in
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  current: z.boolean(), // the session making this request ("This device")
});
export const publicSessionListSchema = z.object({ data: z.array(publicSessionSchema) });
export type PublicSession = z.infer<typeof publicSessionSchema>;
export type PublicSessionList = z.infer<typeof publicSessionListSchema>;
