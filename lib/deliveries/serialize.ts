import type { Attempt, Delivery } from "@/lib/generated/prisma/client";

export type PublicDelivery = {
  id: string;
  eventId: string;
  eventType: string;
  endpointId: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  isTest: boolean;
};

export function toPublicDelivery(row: Delivery & { event: { type: string; isTest: boolean } }): PublicDelivery {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.event.type,
    endpointId: row.endpointId,
    status: row.status === "pending" && row.attemptCount > 0 ? "retrying" : row.status,
    attempts: row.attemptCount,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastDurationMs: row.lastDurationMs,
    nextAttemptAt: row.status === "pending" ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    isTest: row.event.isTest,
  };
}

const parseJson = (text: string | null): Record<string, string> | null => (text ? (JSON.parse(text) as Record<string, string>) : null);

export function toPublicAttempt(row: Attempt, requestBody: string) {
  return {
    id: row.id,
    attemptNumber: row.attemptNumber,
    createdAt: row.createdAt.toISOString(),
    durationMs: row.durationMs,
    request: { headers: parseJson(row.requestHeaders), body: requestBody },
    response: row.responseStatus === null && row.responseHeaders === null ? null : { status: row.responseStatus, headers: parseJson(row.responseHeaders), body: row.responseBody },
    errorKind: row.errorKind,
    errorMessage: row.errorMessage,
  };
}
