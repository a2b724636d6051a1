// Raising a notification from outside the engine (account security notices; lib/delivery raises the
// endpoint kinds itself, in the transaction of the state change). The row is the inbox entry and the
// outbox entry at once: dispatchedAt null until the dispatcher has emailed it / sent it to the
// operational webhook, so a process killed after the change loses nothing.
import { db, type Prisma } from "@/lib/db/client";
import { newId } from "@/lib/delivery/ids";
import { notificationDataSchema, type NotificationData, type NotificationKind } from "./kinds";

type NotificationWriter = Pick<Prisma.TransactionClient, "notification">;

/**
 * The create of one Notification. Not awaited here: pass `tx` inside an interactive transaction, or put
 * the returned (lazy) PrismaPromise into `db.$transaction([...])` beside the change it reports.
 */
export function raiseNotification(
  merchantId: string,
  kind: NotificationKind,
  data: NotificationData,
  options: { endpointId?: string } = {},
  tx: NotificationWriter = db,
) {
  const parsed = notificationDataSchema.parse(data);
  return tx.notification.create({
    data: { id: newId("ntf_"), merchantId, endpointId: options.endpointId ?? parsed.endpointId ?? null, type: kind, data: parsed as Prisma.InputJsonObject },
    select: { id: true },
  });
}
