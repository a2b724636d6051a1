// /api/v1/deliveries/**: one delivery (its attempts' exact requests and responses) and Resend.
import { attemptsQuerySchema } from "@/lib/delivery-log/get-delivery";
import { resendResultSchema } from "@/lib/delivery-log/public-operations";
import { publicDeliveryDetailSchema } from "@/lib/delivery-log/public-delivery";
import { defineOperation, idParam } from "../define";
import { attemptExample, deliveryExample } from "../examples";

const path = { path: idParam("delivery") };

export const deliveryOperations = [
  defineOperation({
    method: "get", path: "/api/v1/deliveries/{id}", operationId: "getDelivery", tag: "Deliveries", auth: "merchant",
    params: { ...path, query: attemptsQuerySchema },
    summary: "Get a delivery with its attempts",
    description: "The newest 20 attempts with the exact request and response; `nextAttemptCursor` (null at the end) fetches older ones as `attemptsCursor`.",
    responses: { 200: { description: "The delivery", schema: publicDeliveryDetailSchema, example: { ...deliveryExample, attemptLog: [attemptExample], nextAttemptCursor: null } } },
  }),
  defineOperation({
    method: "post", path: "/api/v1/deliveries/{id}/retry", operationId: "retryDelivery", tag: "Deliveries", auth: "merchant", params: path,
    summary: "Resend a delivery",
    description: "Queues the delivery to be sent again now (same event, same bytes). One point of the manual-send budget; 409 while an attempt of it is running.",
    responses: { 202: { description: "Queued", schema: resendResultSchema, example: { id: deliveryExample.id, status: "pending" } } },
    errors: ["conflict", "rate_limited"],
  }),
];
