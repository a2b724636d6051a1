// The public answer of POST /api/v1/notifications/read: how many notifications it marked read.
import { z } from "zod";

export const markReadResultSchema = z.object({
  updated: z.number().int().nonnegative().meta({ description: "Notifications that were unread and are read now (ids of another merchant or already read count 0)" }),
});
export type MarkReadResult = z.infer<typeof markReadResultSchema>;
