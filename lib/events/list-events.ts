import { z } from "zod";
import { notFound } from "@/lib/api/errors";
import { afterCursor, decodeCursor, newestFirst, page, pageQuerySchema } from "@/lib/api/pagination";
import { db } from "@/lib/db/client";
import { eventTypeSchema } from "./catalog";

export const listEventsQuerySchema = pageQuerySchema.extend({ type: eventTypeSchema.optional() });
export type ListEventsQuery = z.infer<typeof listEventsQuerySchema>;

const deliverySummary = {
  select: { id: true, endpointId: true, status: true, attemptCount: true, lastStatusCode: true, nextAttemptAt: true, endpoint: { select: { url: true } } },
} as const;

type Row = {
  id: string;
  type: string;
  createdAt: Date;
  isTest: boolean;
  deliveries: Array<{ id: string; endpointId: string; status: string; attemptCount: number; lastStatusCode: number | null; nextAttemptAt: Date | null; endpoint: { url: string } }>;
};

function toPublicEvent(row: Row) {
  return {
    id: row.id,
    type: row.type,
    created: row.createdAt.getTime(),
    createdAt: row.createdAt.toISOString(),
    isTest: row.isTest,
    deliveries: row.deliveries.map((d) => ({
      id: d.id,
      endpointId: d.endpointId,
      endpointUrl: d.endpoint.url,
      status: d.status === "pending" && d.attemptCount > 0 ? "retrying" : d.status,
      attempts: d.attemptCount,
      lastStatusCode: d.lastStatusCode,
      nextAttemptAt: d.status === "pending" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    })),
  };
}
export type PublicEvent = ReturnType<typeof toPublicEvent>;

export async function listEvents(merchantId: string, query: ListEventsQuery): Promise<{ data: PublicEvent[]; nextCursor: string | null }> {
  const rows = await db.event.findMany({
    where: { merchantId, ...(query.type && { type: query.type }), ...afterCursor(decodeCursor(query.cursor)) },
    orderBy: newestFirst,
    take: query.limit + 1,
    select: { id: true, type: true, createdAt: true, isTest: true, deliveries: deliverySummary },
  });
  const { items, nextCursor } = page(rows, query.limit);
  return { data: items.map(toPublicEvent), nextCursor };
}

/** One event with its payload exactly as sent and its per-endpoint delivery status. */
export async function getEvent(merchantId: string, id: string) {
  const row = await db.event.findFirst({
    where: { id, merchantId },
    select: { id: true, type: true, createdAt: true, isTest: true, payload: true, deliveries: deliverySummary },
  });
  if (!row) throw notFound("Event");
  return { ...toPublicEvent(row), payload: JSON.parse(row.payload) as unknown };
}
