// The other half of the storm cap: once an endpoint's window has room again (its oldest counted email is
// an hour old), all of its held emails become ONE digest ("5 more changes to … since 14:00"); the held
// rows are marked digested (they stay in the inbox, the Notification rows). Until then they wait.
import { db } from "@/lib/db/client";
import { newId } from "@/lib/delivery/ids";
import { env } from "@/lib/env";
import { renderDigestEmail } from "./email-content";
import { lockEndpointOutbox, readStormWindow } from "./outbox-window";
import { digestDue, roomAt } from "./storm";

/** Folds the held emails whose wait is over; answers how many digests it wrote. */
export async function sendDueDigests(now = new Date()): Promise<number> {
  const due = await db.notificationEmail.findMany({
    where: { status: "held", nextAttemptAt: { lte: now }, endpointId: { not: null } },
    distinct: ["endpointId"],
    select: { endpointId: true },
    take: 100,
  });
  let digests = 0;
  for (const { endpointId } of due) {
    if (endpointId === null) continue;
    // The endpoint's URL as the merchant last saw it in a notice (the endpoint may be gone by now).
    const notice = await db.notification.findFirst({ where: { endpointId }, orderBy: { createdAt: "desc" }, select: { data: true } });
    const url = (notice?.data as { url?: unknown } | null)?.url;
    const wrote = await db.$transaction(async (tx) => {
      await lockEndpointOutbox(tx, endpointId);
      const held = await tx.notificationEmail.findMany({
        where: { endpointId, status: "held" },
        orderBy: { createdAt: "asc" },
        select: { id: true, merchantId: true, to: true, subject: true, createdAt: true },
      });
      if (held.length === 0) return false;
      const window = await readStormWindow(tx, endpointId, now);
      if (!digestDue(window)) {
        await tx.notificationEmail.updateMany({ where: { id: { in: held.map((h) => h.id) }, status: "held" }, data: { nextAttemptAt: roomAt(window, now) } });
        return false;
      }
      const folded = await tx.notificationEmail.updateMany({ where: { id: { in: held.map((h) => h.id) }, status: "held" }, data: { status: "digested" } });
      if (folded.count !== held.length) throw new Error("held emails changed while folding them");
      const first = held[0]!;
      const content = renderDigestEmail(
        { id: endpointId, url: typeof url === "string" ? url : endpointId },
        held.map((h) => ({ subject: h.subject, at: h.createdAt })),
        { appUrl: env().APP_URL },
      );
      await tx.notificationEmail.create({
        data: { id: newId("eml_"), merchantId: first.merchantId, endpointId, to: first.to, ...content, status: "pending", nextAttemptAt: now, createdAt: now },
      });
      return true;
    });
    if (wrote) digests++;
  }
  return digests;
}
