// The OpenAPI 3.1 document, built from the zod schemas the routes validate with (zod-openapi renders them
// with zod 4's own JSON Schema output). Served at GET /api/v1/openapi.json and committed as
// docs/openapi.json (`npm run openapi`; a test fails when the committed copy is stale).
import { createDocument, type ZodOpenApiPathsObject } from "zod-openapi";
import { publicEndpointSchema } from "@/lib/webhooks/public-endpoint";
import { publicDeliverySchema, publicAttemptSchema } from "@/lib/delivery-log/public-delivery";
import { publicEventSchema } from "@/lib/events/public-event";
import { publicApiKeySchema } from "@/lib/api-keys/public-api-key";
import { toOperation, type OperationSpec } from "./define";
import { OPERATIONS } from "./operations";
import { checkoutSessionSchema } from "@/lib/events/catalog";
import { webhooks } from "./webhooks";

export const API_TITLE = "DashX Webhooks API";
export const API_DOC_VERSION = "1.0.0";

export const TAGS = [
  { name: "Webhooks", description: "Endpoints that receive the merchant's events: create, change, test, rotate the secret, check signature verification, health." },
  { name: "Deliveries", description: "Each event's delivery to each endpoint, its attempts with the exact request and response; resend and recover." },
  { name: "Events", description: "The merchant's events with their delivery status; the payments core's intake." },
  { name: "Merchant", description: "Who is calling." },
  { name: "API keys", description: "Keys (`dsk_…`) for calling the merchant API from a server. Managed with the dashboard session only." },
  { name: "Account", description: "Password, sessions and two-factor authentication (dashboard session only)." },
  { name: "Notifications", description: "The merchant's inbox of notices (an endpoint failing, paused, disabled, recovered; account security), which ones are emailed, and the operational webhook that receives the endpoint notices as signed JSON." },
  { name: "Developers", description: "This document and the event catalog." },
];

function paths(operations: OperationSpec[]): ZodOpenApiPathsObject {
  const out: ZodOpenApiPathsObject = {};
  for (const op of operations) out[op.path] = { ...out[op.path], [op.method]: toOperation(op) };
  return out;
}

export function buildDocument() {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: API_TITLE,
      version: API_DOC_VERSION,
      description:
        "The merchant API of DashX Webhooks: register endpoints, inspect deliveries, resend them. All JSON. Errors are " +
        "`{ \"error\": { \"code\", \"message\", \"fields\"? } }`: the status follows from the code (each operation lists its codes). " +
        "Another merchant's ids answer 404, never 403. The events we send to your endpoints are in the `webhooks` section.",
    },
    servers: [{ url: "/", description: "This server" }],
    tags: TAGS,
    paths: paths(OPERATIONS),
    webhooks: webhooks(),
    components: {
      schemas: { CheckoutSession: checkoutSessionSchema, Endpoint: publicEndpointSchema, Delivery: publicDeliverySchema, Attempt: publicAttemptSchema, Event: publicEventSchema, ApiKey: publicApiKeySchema },
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The dashboard session (sign in at /login; `__Secure-next-auth.session-token` over HTTPS). State-changing requests must be same-origin.",
        },
        merchantApiKey: { type: "http", scheme: "bearer", bearerFormat: "dsk_…", description: "A merchant API key from Settings → API keys: `Authorization: Bearer dsk_…`." },
        platformToken: { type: "http", scheme: "bearer", description: "The payments core's `PLATFORM_API_TOKEN` (POST /api/v1/events only)." },
        webhookSignature: {
          type: "apiKey",
          in: "header",
          name: "webhook-signature",
          description: "Webhooks only (what we send you): the Standard Webhooks signature made with your endpoint's `whsec_…` secret, with `webhook-id` and `webhook-timestamp`.",
        },
      },
    },
  });
}

let memo: ReturnType<typeof buildDocument> | undefined;
/** The document, built once per process. */
export const openApiDocument = () => (memo ??= buildDocument());
