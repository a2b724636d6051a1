// The public inbox item (GET /api/v1/notifications): the row's kind and data rendered into the human
// sentence once, on the server, by the shared renderNotification (the email says the same words).
import { z } from "zod";
import { notificationDataSchema, notificationKindSchema, renderNotification } from "../kinds";

export const publicNotificationSchema = z.object({
  id: z.string(),
  type: z.string(),
  endpointId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type PublicNotification = z.infer<typeof publicNotificationSchema>;

export const notificationSelect = { id: true, type: true, endpointId: true, data: true, count: true, createdAt: true, readAt: true } as const;

type Row = { id: string; type: string; endpointId: string | null; data: unknown; count: number; createdAt: Date; readAt: Date | null };

export function toPublicNotification(row: Row): PublicNotification {
  const kind = notificationKindSchema.safeParse(row.type);
  // A row the writer's schema no longer reads (an older kind or data field) still shows, never a 500.
  const data = notificationDataSchema.safeParse(row.data);
  const { title, body } = kind.success ? renderNotification(kind.data, data.success ? data.data : {}, row.count) : { title: row.type, body: "" };
  return publicNotificationSchema.parse({
    id: row.id,
    type: row.type,
    endpointId: row.endpointId,
    title,
    body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  });
}
