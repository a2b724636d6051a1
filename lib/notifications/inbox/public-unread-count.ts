// The public answer of GET /api/v1/notifications/unread-count: the dashboard bell's number.
import { z } from "zod";

export const unreadCountSchema = z.object({
  unread: z.number().int().nonnegative().meta({ description: "Unread notifications, counted up to 100 (the bell says 99+ past it)" }),
});
export type UnreadCount = z.infer<typeof unreadCountSchema>;
