// /api/v1/webhooks/**: the merchant's endpoints and the operations on one.
import { z } from "zod";
import { publicAuditEntrySchema } from "@/lib/audit/public-audit-entry";
import { endpointWindowStatsSchema, publicRecoverProgressSchema, publicRecoveryProgressSchema, recoverResultSchema, recoverStartedSchema } from "@/lib/delivery-log/public-operations";
import { publicDeliverySchema } from "@/lib/delivery-log/public-delivery";
import { listDeliveriesQuerySchema } from "@/lib/validation/deliveries";
import { recoverProgressSchema, recoverSchema, recoveryProgressSchema, statsQuerySchema } from "@/lib/validation/operations";
import { createWebhookSchema, testEventSchema, updateWebhookSchema } from "@/lib/validation/webhook";
import { createdEndpointSchema, publicEndpointSchema } from "@/lib/webhooks/public-endpoint";
import { probeResultSchema } from "@/lib/webhooks/public-probe-result";
import { rotatedSecretSchema } from "@/lib/webhooks/public-rotated-secret";
import { testEventResultSchema } from "@/lib/webhooks/public-test-result";
import { defineOperation, describePaging, idParam, listOf, pageOf } from "../define";
import { createdEndpointExample, deliveryExample, endpointExample, envelopeExample, NEXT_CURSOR } from "../examples";

const path = { path: idParam("webhook endpoint") };

/** What Recover and Retry now answer once they queued: a Recovery tracks exactly those (GET .../recover?recovery=). */
const RECOVERY_ID = "rcv_0mivk3x2a9f3c1d7e2b4a6c8e";

/** GET .../recover takes `recovery` (what POST answered) or `since` (the older form): the same two validators recoverProgress picks between. */
const progressQuery = z.object({
  recovery: recoveryProgressSchema.shape.recovery.optional().meta({ description: "The `recoveryId` a Recover or Retry now answered: progress over exactly the deliveries it queued" }),
  since: recoverProgressSchema.shape.since.optional().meta({ description: "Without `recovery`: the endpoint's real deliveries created since then (ISO 8601 with a time zone)" }),
});

const tag = "Webhooks" as const;
const auth = "merchant" as const;

export const webhookOperations = [
  defineOperation({
    method: "get", path: "/api/v1/webhooks", operationId: "listWebhooks", tag, auth,
    summary: "List webhook endpoints",
    responses: { 200: { description: "Every endpoint of the merchant (at most 5)", schema: listOf(publicEndpointSchema), example: { data: [endpointExample] } } },
  }),
  defineOperation({
    method: "post", path: "/api/v1/webhooks", operationId: "createWebhook", tag, auth,
    summary: "Create a webhook endpoint",
    description: "Returns the signing secret (`whsec_…`): the only time it is shown. At most 5 endpoints per merchant; 20 new ones an hour.",
    body: { schema: createWebhookSchema, example: { url: "https://example.com/webhooks/dashx", description: "Order fulfilment", eventTypes: ["checkout_session.completed"], headers: { "X-Api-Key": "key_live_123" } } },
    responses: { 201: { description: "The endpoint and its secret", schema: createdEndpointSchema, example: createdEndpointExample } },
    errors: ["webhook_limit_reached", "rate_limited"],
  }),
  defineOperation({
    method: "get", path: "/api/v1/webhooks/{id}", operationId: "getWebhook", tag, auth, params: path,
    summary: "Get a webhook endpoint",
    responses: { 200: { description: "The endpoint", schema: publicEndpointSchema, example: endpointExample } },
  }),
  defineOperation({
    method: "patch", path: "/api/v1/webhooks/{id}", operationId: "updateWebhook", tag, auth, params: path,
    summary: "Update a webhook endpoint",
    description: "At least one field. `headers` replaces the whole set; a value of `\"••••••\"` keeps the saved one (unless `url` moves to another origin).",
    body: { schema: updateWebhookSchema, example: { description: "Orders and refunds", status: "disabled" } },
    responses: { 200: { description: "The endpoint as saved", schema: publicEndpointSchema, example: { ...endpointExample, description: "Orders and refunds", status: "disabled" } } },
  }),
  defineOperation({
    method: "delete", path: "/api/v1/webhooks/{id}", operationId: "deleteWebhook", tag, auth, params: path,
    summary: "Delete a webhook endpoint",
    responses: { 204: { description: "Deleted, with its deliveries" } },
  }),
  defineOperation({
    method: "post", path: "/api/v1/webhooks/{id}/test", operationId: "sendTestEvent", tag, auth, params: path,
    summary: "Send a test event",
    description: "Sends one signed sample event now, through the same path as real events, and reports the outcome. Shares the manual-send budget (10/min per merchant, 30/min per target host).",
    body: { schema: testEventSchema, example: { type: "checkout_session.completed" } },
    responses: {
      200: {
        description: "What the endpoint answered",
        schema: testEventResultSchema,
        example: { delivered: true, statusCode: 200, durationMs: 84, responseBody: "ok", error: null, errorKind: null, eventId: envelopeExample.id },
      },
    },
    errors: ["rate_limited"],
  }),
  defineOperation({
    method: "post", path: "/api/v1/webhooks/{id}/secret/rotate", operationId: "rotateWebhookSecret", tag, auth, params: path,
    summary: "Rotate the signing secret",
    description: "The new secret is shown once; each replaced secret keeps signing for 24 h.",
    responses: { 200: { description: "The new secret", schema: rotatedSecretSchema, example: { secret: "whsec_2nQy8vLd0cX3pR7tKzW1mB5hJ9fA6sE4", previousSecretExpiresAt: "2026-12-08T14:05:00.000Z" } } },
    errors: ["conflict"],
  }),
  defineOperation({
    method: "get", path: "/api/v1/webhooks/{id}/audit", operationId: "listWebhookAudit", tag, auth, params: path,
    summary: "List the endpoint's audit log",
    responses: {
      200: {
        description: "Who changed the endpoint, newest first (at most 50)",
        schema: listOf(publicAuditEntrySchema),
        example: { data: [{ id: "cmiv3q1aa0011mx01p0o9i8u7", actor: "merchant:owner@example.com", action: "endpoint.created", detail: { url: endpointExample.url }, createdAt: endpointExample.createdAt }] },
      },
    },
  }),
  defineOperation({
    method: "get", path: "/api/v1/webhooks/{id}/deliveries", operationId: "listWebhookDeliveries", tag: "Deliveries", auth,
    params: { ...path, query: describePaging(listDeliveriesQuerySchema) },
    summary: "List the endpoint's deliveries",
    description: "Newest first, keyset-paginated: pass `nextCursor` back as `cursor`.",
    responses: { 200: { description: "A page of deliveries", schema: pageOf(publicDeliverySchema), example: { data: [deliveryExample], nextCursor: NEXT_CURSOR } } },
    errors: ["bad_request"],
  }),
  defineOperation({
    method: "post", path: "/api/v1/webhooks/{id}/recover", operationId: "recoverDeliveries", tag: "Deliveries", auth, params: path,
    summary: "Recover failed deliveries",
    description: "Failed deliveries created at or after `since`. A dry run counts them (200) and sends nothing; otherwise each is sent again (202, same `webhook-id`, same bytes). One point of the manual-send budget per call.",
    body: { schema: recoverSchema, example: { since: "2026-12-07T09:00:00Z", dryRun: true } },
    responses: {
      200: { description: "Dry run: how many would be sent again", schema: recoverResultSchema, example: { count: 12 } },
      202: { description: "Queued to be sent again, and the recovery that tracks them (null when none was queued)", schema: recoverStartedSchema, example: { count: 12, recoveryId: RECOVERY_ID } },
    },
    errors: ["conflict", "rate_limited"],
  }),
  defineOperation({
    method: "post", path: "/api/v1/webhooks/{id}/retry-now", operationId: "retryWaitingDeliveries", tag: "Deliveries", auth, params: path,
    summary: "Retry waiting deliveries now",
    description: "Deliveries created at or after `since` that wait on a scheduled retry are sent now instead of after their backoff (Recover's companion: it leaves failed ones alone). A dry run counts them (200) and sends nothing; otherwise they are queued (202) and tracked as a recovery. One point of the manual-send budget per call; 409 while the endpoint is disabled or a recover of it is running.",
    body: { schema: recoverSchema, example: { since: "2026-12-07T09:00:00Z" } },
    responses: {
      200: { description: "Dry run: how many wait on a retry", schema: recoverResultSchema, example: { count: 4 } },
      202: { description: "Queued to be sent now, and the recovery that tracks them (null when none was queued)", schema: recoverStartedSchema, example: { count: 4, recoveryId: RECOVERY_ID } },
    },
    errors: ["conflict", "rate_limited"],
  }),
  defineOperation({
    method: "get", path: "/api/v1/webhooks/{id}/recover", operationId: "getRecoverProgress", tag: "Deliveries", auth,
    params: { ...path, query: progressQuery },
    summary: "Progress of a recover",
    description: "With `recovery`: of exactly the deliveries that Recover or Retry now queued, how many were delivered (`sent`), failed again, and are still to go; `finished` once none is. With `since`: the endpoint's deliveries since then, still pending and failed.",
    responses: {
      200: {
        description: "The recovery's progress (with `recovery`), or the counts since then (with `since`)",
        schema: z.union([publicRecoveryProgressSchema, publicRecoverProgressSchema]),
        example: { recoveryId: RECOVERY_ID, total: 12, sent: 9, failed: 1, pending: 2, finished: false },
      },
    },
  }),
  defineOperation({
    method: "post", path: "/api/v1/webhooks/{id}/probe", operationId: "probeWebhookSignature", tag, auth, params: path,
    summary: "Check signature verification",
    description: "Sends one request signed with a wrong secret (type `webhook.signature_probe`): a 2xx answer means the receiver accepts forged requests. 5/min per merchant.",
    responses: {
      200: { description: "The verdict, also kept as the endpoint's signatureCheck", schema: probeResultSchema, example: { acceptsInvalidSignature: false, statusCode: 400, durationMs: 41, checkedAt: "2026-12-07T14:06:00.000Z", error: null } },
    },
    errors: ["rate_limited"],
  }),
  defineOperation({
    method: "get", path: "/api/v1/webhooks/{id}/stats", operationId: "getWebhookStats", tag, auth,
    params: { ...path, query: statsQuerySchema },
    summary: "Delivery health of the endpoint",
    description: "Attempts per hour (24h) or per day (7d), test sends excluded.",
    responses: {
      200: {
        description: "Buckets, success rate and latency percentiles (null without attempts)",
        schema: endpointWindowStatsSchema,
        example: { buckets: [{ start: "2026-12-07T14:00:00.000Z", succeeded: 41, failed: 2 }], successRate: 0.953, p50Ms: 84, p95Ms: 310 },
      },
    },
  }),
];
